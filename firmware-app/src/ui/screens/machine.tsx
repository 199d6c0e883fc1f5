// Screens of the machine itself: waiting for a card, a refused card, printing, the printed
// ballot, the alarm. (The president's activation screens are in activation.tsx.)
import type { ComponentChildren } from 'preact';
import { Banner, Button, KioskFrame, Notice, type Translate } from '@ovs/ui';
import type { ScreenProps } from '../context.ts';
import { ACTIVATION_REFUSALS, PRESIDENT_TEXT } from '../president-text.ts';

/** Before the voter has chosen a language, the machine speaks every offered language. */
function Multilingual({ all, render }: { all: ScreenProps['all']; render: (t: Translate) => ComponentChildren }) {
  return (
    <>
      {all.map(({ language, t }) => (
        <div class="multi" lang={language} key={language}>
          {render(t)}
        </div>
      ))}
    </>
  );
}

export function InsertCard({ all }: ScreenProps<'insert-card'>) {
  return (
    <KioskFrame>
      <div class="center" data-testid="insert-card">
        <Multilingual
          all={all}
          render={(t) => (
            <>
              <h2>{t('insert-card.title')}</h2>
              <p>{t('insert-card.body')}</p>
            </>
          )}
        />
      </div>
    </KioskFrame>
  );
}

export function CardRefused({ body, all }: ScreenProps<'card-refused'>) {
  return (
    <KioskFrame>
      <div class="center" data-testid="card-refused" data-refusal={body.refusal}>
        <Multilingual
          all={all}
          render={(t) => (
            <Notice>
              {t(`card.${body.refusal}`)} {t('card.remove')}
            </Notice>
          )}
        />
      </div>
    </KioskFrame>
  );
}

export function Finishing({ screen, t }: ScreenProps<'finishing'>) {
  return (
    <KioskFrame banner={screen.test ? <Banner>{t('test.banner')}</Banner> : undefined}>
      <div class="center" data-testid="finishing">
        <h2>{t('finishing.title')}</h2>
        <p class="big">{t('finishing.body')}</p>
      </div>
    </KioskFrame>
  );
}

export function Printed({ screen, body, t, send }: ScreenProps<'printed'>) {
  return (
    <KioskFrame
      banner={screen.test ? <Banner>{t('test.banner')}</Banner> : undefined}
      actions={
        body.cardPresent ? undefined : (
          <>
            <span class="spacer" />
            <Button kind="primary" testId="done" onPress={() => send({ type: 'done' })}>
              {t('printed.done')}
            </Button>
          </>
        )
      }
    >
      <div class="center" data-testid="printed">
        <h2>{t('printed.title')}</h2>
        <p class="big">{t('printed.fold')}</p>
        {body.cardPresent ? <p class="big">{t('printed.card')}</p> : null}
        <p>{t('printed.next')}</p>
      </div>
    </KioskFrame>
  );
}

export function Alarm({ body, all }: ScreenProps<'alarm'>) {
  const reset = body.cardPresent ? 'alarm.reset.card' : 'alarm.reset';
  return (
    <KioskFrame tone="alarm">
      <div class="center" role="alert" data-testid="alarm" data-reason={body.reason} data-ballot={body.ballot}>
        <Multilingual all={all} render={(t) => <h2 class="big">{t('alarm.title')}</h2>} />
        <Multilingual
          all={all.slice(0, 1)}
          render={(t) => (
            <>
              <p>
                <strong>{t('alarm.president')}</strong> {t(`alarm.${body.reason}`)}
              </p>
              <p>{t(`alarm.ballot.${body.ballot}`)}</p>
              <p>{t(reset)}</p>
            </>
          )}
        />
        {body.refusal ? (
          <Notice testId="refusal">
            <span lang="nl">
              {PRESIDENT_TEXT.alarmRefused} {ACTIVATION_REFUSALS[body.refusal]}
            </span>
          </Notice>
        ) : null}
      </div>
    </KioskFrame>
  );
}
