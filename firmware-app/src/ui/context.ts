// What every screen component receives: the screen, the words, and the one way to touch.
import type { Translate, UiLanguage } from '@ovs/ui';
import type { Screen, ScreenBody, VoterAction } from '../flow/index.ts';
import type { TechnicianAction } from '../technician/view.ts';

export interface ScreenProps<K extends ScreenBody['kind'] = ScreenBody['kind']> {
  screen: Screen;
  body: Extract<ScreenBody, { kind: K }>;
  t: Translate;
  /** Translators for every language the package offers (screens before the language choice). */
  all: Array<{ language: UiLanguage; t: Translate }>;
  send: (action: VoterAction) => void;
  /** A touch on the technician screen (test mode). */
  technician: (action: TechnicianAction) => void;
}
