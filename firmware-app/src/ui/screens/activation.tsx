// The president's screens of activation: not activated, the code on a big numeric keypad, the
// check, and what became of the card. Dutch only (president-text.ts).
import { Button, KioskFrame, Notice } from '@ovs/ui';
import { ACTIVATION_CODE_GROUP } from '@ovs/card/activation-code';
import type { ScreenProps } from '../context.ts';
import { ACTIVATION_REFUSALS, PRESIDENT_CARD_TEXT, PRESIDENT_TEXT as T } from '../president-text.ts';

export function NotActivated({ body }: ScreenProps<'not-activated'>) {
  return (
    <KioskFrame>
      <div class="center" lang="nl" data-testid="not-activated">
        <h2>{T.notActivatedTitle}</h2>
        <p class="big">{T.notActivatedBody}</p>
        {body.refusal ? <Notice testId="refusal">{ACTIVATION_REFUSALS[body.refusal]}</Notice> : null}
      </div>
    </KioskFrame>
  );
}

/** The digits typed so far in groups of four; the places still to type as dots. */
function CodeDisplay({ digits, length }: { digits: string; length: number }) {
  const groups: string[] = [];
  for (let i = 0; i < length; i += ACTIVATION_CODE_GROUP) groups.push(Array.from({ length: ACTIVATION_CODE_GROUP }, (_, j) => digits[i + j] ?? '·').join(''));
  return (
    <div class="code-display" data-testid="code-display" role="status" aria-label={`${T.codeLabel}: ${digits.length} van ${length} cijfers`}>
      {groups.map((g, i) => (
        <span class="code-group" key={i}>
          {g}
        </span>
      ))}
    </div>
  );
}

export function ActivationCode({ body, send }: ScreenProps<'activation-code'>) {
  const complete = body.digits.length === body.length;
  const digit = (d: number) => (
    <Button testId={`key-${d}`} onPress={() => send({ type: 'code-digit', digit: d })}>
      {String(d)}
    </Button>
  );
  return (
    <KioskFrame
      title={body.alarm ? T.codeTitleAlarm : T.codeTitle}
      actions={
        <>
          <Button testId="code-cancel" onPress={() => send({ type: 'code-cancel' })}>
            {T.cancel}
          </Button>
          <span class="spacer" />
          {complete ? (
            <Button kind="primary" testId="code-submit" onPress={() => send({ type: 'code-submit' })}>
              {body.alarm ? T.stopAlarm : T.activate}
            </Button>
          ) : null}
        </>
      }
    >
      <div class="code-entry" lang="nl" data-testid="activation-code">
        <div class="code-side">
          <p class="big">{T.codeBody}</p>
          <CodeDisplay digits={body.digits} length={body.length} />
          <p>{complete ? (body.alarm ? T.completeAlarm : T.complete) : `${T.incomplete(body.length - body.digits.length)} ${T.codeKeepCard}`}</p>
          {body.wrong ? <Notice testId="code-wrong">{T.wrong(body.attemptsLeft)}</Notice> : null}
        </div>
        <div class="keypad" role="group" aria-label="Cijfers">
          {[1, 2, 3, 4, 5, 6, 7, 8, 9].map(digit)}
          <Button testId="code-erase" label={T.eraseLabel} onPress={() => send({ type: 'code-erase' })}>
            {T.erase}
          </Button>
          {digit(0)}
        </div>
      </div>
    </KioskFrame>
  );
}

export function CheckingCode(_props: ScreenProps<'checking-code'>) {
  return (
    <KioskFrame>
      <div class="center" lang="nl" data-testid="checking-code">
        <h2>{T.checkingTitle}</h2>
        <p class="big">{T.checkingBody}</p>
      </div>
    </KioskFrame>
  );
}

export function Activated({ body, send }: ScreenProps<'activated'>) {
  const title = body.after === 'activation' ? T.activation : body.after === 'alarm-reset' ? T.alarmReset : T.alreadyActivated;
  const cardText = PRESIDENT_CARD_TEXT[body.card];
  return (
    <KioskFrame
      actions={
        body.cardPresent ? undefined : (
          <>
            <span class="spacer" />
            <Button kind="primary" testId="understood" onPress={() => send({ type: 'done' })}>
              {T.understood}
            </Button>
          </>
        )
      }
    >
      <div class="center" lang="nl" data-testid="activated" data-card={body.card}>
        <h2>{title}</h2>
        {body.card === 'not-erased' ? <Notice testId="not-erased">{cardText}</Notice> : <p>{cardText}</p>}
        {body.cardPresent ? <p class="big">{T.remove}</p> : null}
      </div>
    </KioskFrame>
  );
}
