// The voting computer's HTTP/JSON API. The kiosk UI and the headless driver (simulation,
// tests, benchmarks) use exactly this, so both go through one state machine and one backend.
//
//   GET  /api/screen[?after=SEQ]   the current screen; with `after`, waits until it changes
//   POST /api/action {seq, action} one touch; refused as `stale` if the screen has changed since
//
// `seq` numbers the screens: a touch always names the screen it was made on, so a touch that
// crosses a change of screen (a double tap, a slow network) never lands on the next one.
import type { Language } from '@ovs/election';
import type { Rejection, Screen, VoterAction } from '../flow/index.ts';

export interface ScreenMessage {
  seq: number;
  screen: Screen;
}

export interface ActionRequest {
  seq: number;
  action: VoterAction;
}

export type ActionResponse =
  | ({ ok: true } & ScreenMessage)
  | ({ ok: false; error: 'stale' } & ScreenMessage)
  | ({ ok: false; error: 'rejected'; rejection: Rejection } & ScreenMessage);

const LANGUAGES: readonly Language[] = ['nl', 'fr', 'de'];

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);

/**
 * Strict shape check of a request body. Values the flow judges (an unknown list number, a
 * candidate past the end) pass here and are refused by the flow, where they count as wrong
 * touches; a malformed request is not a touch at all.
 */
export function parseActionRequest(body: unknown): ActionRequest | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { seq, action } = body as { seq?: unknown; action?: unknown };
  if (!isInt(seq) || typeof action !== 'object' || action === null) return undefined;
  const a = action as Record<string, unknown>;
  const keys = Object.keys(a).sort().join();
  const only = (...names: string[]) => keys === ['type', ...names].sort().join();
  let parsed: VoterAction | undefined;
  switch (a.type) {
    case 'choose-language':
      if (only('language') && LANGUAGES.includes(a.language as Language)) parsed = { type: 'choose-language', language: a.language as Language };
      break;
    case 'choose-list':
      if (only('list') && isInt(a.list)) parsed = { type: 'choose-list', list: a.list };
      break;
    case 'toggle-candidate':
      if (only('position') && isInt(a.position)) parsed = { type: 'toggle-candidate', position: a.position };
      break;
    case 'set-contrast':
      if (only('contrast') && (a.contrast === 'normal' || a.contrast === 'high')) parsed = { type: 'set-contrast', contrast: a.contrast };
      break;
    case 'set-text-size':
      if (only('textSize') && (a.textSize === 0 || a.textSize === 1 || a.textSize === 2)) parsed = { type: 'set-text-size', textSize: a.textSize };
      break;
    case 'confirm-language':
    case 'change-language':
    case 'start-election':
    case 'choose-blank':
    case 'toggle-top-box':
    case 'back-to-lists':
    case 'review':
    case 'confirm':
    case 'restart-election':
    case 'still-here':
    case 'done':
      if (only()) parsed = { type: a.type };
      break;
    default:
      break;
  }
  return parsed ? { seq, action: parsed } : undefined;
}
