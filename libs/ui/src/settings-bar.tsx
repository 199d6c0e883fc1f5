// The voter's own display settings: three text sizes and high contrast. They last for one
// voter only; the app resets them.
import { Button } from './buttons.tsx';
import type { Translate } from './i18n.ts';

export type TextSize = 0 | 1 | 2;
export type Contrast = 'normal' | 'high';

export interface SettingsBarProps {
  textSize: TextSize;
  contrast: Contrast;
  onTextSize: (size: TextSize) => void;
  onContrast: (contrast: Contrast) => void;
  t: Translate;
}

const SIZES: TextSize[] = [0, 1, 2];

export function SettingsBar({ textSize, contrast, onTextSize, onContrast, t }: SettingsBarProps) {
  return (
    <div class="settings" role="group" aria-label={t('settings.text')}>
      {SIZES.map((size) => (
        <Button key={size} pressed={textSize === size} label={t(`settings.text.label.${size}`)} testId={`text-size-${size}`} onPress={() => onTextSize(size)}>
          {t(`settings.text.${size}`)}
        </Button>
      ))}
      <Button pressed={contrast === 'high'} testId="contrast" onPress={() => onContrast(contrast === 'high' ? 'normal' : 'high')}>
        {'◐ '}
        {t('settings.contrast')}
      </Button>
    </div>
  );
}
