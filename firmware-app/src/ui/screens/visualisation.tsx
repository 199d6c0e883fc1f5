// Decree art. 18: a scanned ballot shown read-only, in the words of the paper itself.
import { useRef } from 'preact/hooks';
import { Button, KIOSK_MM, KioskFrame, LANGUAGE_NAMES, Notice, SettingsBar } from '@ovs/ui';
import { useShrinkToFit } from '../fit.ts';
import type { ScreenProps } from '../context.ts';

export function VisualisationScreen({ body, t, send, screen }: ScreenProps<'visualisation'>) {
  const r = body.result;
  const box = useRef<HTMLDivElement>(null);
  // A long ballot (three elections, many names) goes into columns, smaller if it must.
  const fit = useShrinkToFit(box, KIOSK_MM.font[0] / KIOSK_MM.font[screen.settings.textSize], `${r.ok ? r.lines.length : 0}:${screen.settings.textSize}:${screen.language}`);
  return (
    <KioskFrame
      title={t('visualisation.title')}
      subtitle={t('visualisation.read-only')}
      right={
        <SettingsBar
          t={t}
          textSize={screen.settings.textSize}
          contrast={screen.settings.contrast}
          onTextSize={(textSize) => send({ type: 'set-text-size', textSize })}
          onContrast={(contrast) => send({ type: 'set-contrast', contrast })}
        />
      }
      actions={
        <>
          <div class="settings">
            {r.ok && r.languages.length > 1
              ? r.languages.map((language) => (
                  <Button key={language} pressed={screen.language === language} testId={`language-${language}`} onPress={() => send({ type: 'choose-language', language })}>
                    {LANGUAGE_NAMES[language]}
                  </Button>
                ))
              : null}
          </div>
          <Button kind="primary" testId="close" onPress={() => send({ type: 'done' })}>
            {t('visualisation.close')}
          </Button>
        </>
      }
    >
      {r.ok ? (
        <>
          <div class={fit.scroll ? 'lines fit scroll' : 'lines fit'} ref={box} data-testid="visualised" style={{ fontSize: `${fit.scale * 1.1}rem` }}>
            {r.lines.map((line, i) => (
              <div key={i} class={line.style === 'heading' || line.style === 'title' ? 'heading' : line.text.startsWith('  ') ? 'indent' : ''}>
                {line.text.trim()}
              </div>
            ))}
          </div>
          <Notice>{t('visualisation.mismatch')}</Notice>
        </>
      ) : (
        <div class="center" data-testid="visualisation-error" data-error={r.error}>
          <Notice>{t(`visualisation.${r.error}`)}</Notice>
          <p class="big">{t('visualisation.call')}</p>
        </div>
      )}
    </KioskFrame>
  );
}
