// The kiosk app: shows the backend's screen, sends touches, and follows screen changes the
// devices cause (a card inserted, a ballot printed) by long-polling. It keeps nothing: no
// storage, no cookies, no URL changes; the only copy of a vote in the page is the screen on
// display, replaced as soon as the backend moves on.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { Button, Modal, Settled, translator, useSettle, type UiLanguage } from '@ovs/ui';
import type { VotingClient } from '../api/client.ts';
import type { ScreenMessage } from '../api/protocol.ts';
import type { Screen, VoterAction } from '../flow/index.ts';
import type { ScreenProps } from './context.ts';
import { Alarm, CardRefused, Finishing, InsertCard, Printed } from './screens/machine.tsx';
import { Activated, ActivationCode, CheckingCode, NotActivated } from './screens/activation.tsx';
import { Candidates, Confirm, ElectionIntro, LanguageChoice, LanguageConfirm, Lists } from './screens/voter.tsx';
import { TechnicianScreen } from './screens/technician.tsx';
import { VisualisationScreen } from './screens/visualisation.tsx';
import type { TechnicianAction } from '../technician/view.ts';

/** Which changes of screen count as a new layout (and so wait before accepting touches). */
function layoutKey(screen: Screen): string {
  const b = screen.body;
  switch (b.kind) {
    case 'election-intro':
    case 'lists':
    case 'confirm':
      return `${b.kind}:${b.election.id}`;
    case 'candidates':
      return `${b.kind}:${b.election.id}:${b.list.number}`;
    case 'technician':
      // Each target of the touch check is a new layout: a touch meant for the last one never lands on the next.
      return b.view.step === 'touch' ? `technician:touch:${b.view.index}` : `technician:${b.view.step}`;
    case 'activated':
    case 'activation-code':
    case 'alarm':
    case 'card-refused':
    case 'checking-code':
    case 'finishing':
    case 'insert-card':
    case 'language-confirm':
    case 'language':
    case 'not-activated':
    case 'printed':
    case 'visualisation':
      return b.kind;
  }
}

function ScreenView(props: Omit<ScreenProps, 'body'>) {
  const b = props.screen.body;
  switch (b.kind) {
    case 'not-activated':
      return <NotActivated {...props} body={b} />;
    case 'activation-code':
      return <ActivationCode {...props} body={b} />;
    case 'checking-code':
      return <CheckingCode {...props} body={b} />;
    case 'activated':
      return <Activated {...props} body={b} />;
    case 'insert-card':
      return <InsertCard {...props} body={b} />;
    case 'card-refused':
      return <CardRefused {...props} body={b} />;
    case 'language':
      return <LanguageChoice {...props} body={b} />;
    case 'language-confirm':
      return <LanguageConfirm {...props} body={b} />;
    case 'election-intro':
      return <ElectionIntro {...props} body={b} />;
    case 'lists':
      return <Lists {...props} body={b} />;
    case 'candidates':
      return <Candidates {...props} body={b} />;
    case 'confirm':
      return <Confirm {...props} body={b} />;
    case 'finishing':
      return <Finishing {...props} body={b} />;
    case 'printed':
      return <Printed {...props} body={b} />;
    case 'alarm':
      return <Alarm {...props} body={b} />;
    case 'visualisation':
      return <VisualisationScreen {...props} body={b} />;
    case 'technician':
      return <TechnicianScreen {...props} body={b} />;
    default:
      return b satisfies never;
  }
}

export function App({ client }: { client: VotingClient }) {
  const [message, setMessage] = useState<ScreenMessage | undefined>(undefined);
  const latest = useRef(0);
  const apply = useCallback((m: ScreenMessage) => {
    if (m.seq < latest.current) return;
    latest.current = m.seq;
    setMessage(m);
  }, []);

  useEffect(() => {
    let stopped = false;
    const controller = new AbortController();
    void (async () => {
      while (!stopped) {
        try {
          apply(latest.current === 0 ? await client.screen() : await client.next(latest.current, controller.signal));
        } catch {
          // The backend restarts or the network hiccups: try again shortly.
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    })();
    return () => {
      stopped = true;
      controller.abort();
    };
  }, [client, apply]);

  const screen = message?.screen;
  useEffect(() => {
    if (!screen) return;
    const root = document.documentElement;
    root.dataset.contrast = screen.settings.contrast;
    root.dataset.text = String(screen.settings.textSize);
    root.lang = screen.language;
    root.dataset.screen = screen.body.kind;
    root.dataset.seq = String(message.seq);
  }, [screen, message?.seq]);

  // Keypad taps come faster than the answers: each waits for the screen that answers the one
  // before it and is sent on that screen, as long as it is still the keypad (a card pulled in
  // between drops the rest). Every other touch names the screen it was made on, as before.
  const keypad = useRef<{ busy: boolean; queue: VoterAction[] }>({ busy: false, queue: [] });
  const sendKeypad = useCallback(
    (seq: number, action: VoterAction) => {
      keypad.current.busy = true;
      client.act(seq, action).then(
        (m) => {
          apply(m);
          const next = keypad.current.queue.shift();
          if (next && m.screen.body.kind === 'activation-code') sendKeypad(m.seq, next);
          else keypad.current = { busy: false, queue: [] };
        },
        () => (keypad.current = { busy: false, queue: [] }),
      );
    },
    [client, apply],
  );
  const send = useCallback(
    (action: VoterAction) => {
      if (!message) return;
      if (action.type === 'code-digit' || action.type === 'code-erase') {
        if (keypad.current.busy) keypad.current.queue.push(action);
        else sendKeypad(message.seq, action);
        return;
      }
      client.act(message.seq, action).then(apply, () => undefined);
    },
    [client, message, apply, sendKeypad],
  );

  const technician = useCallback(
    (action: TechnicianAction) => {
      if (!message) return;
      client.technician(message.seq, action).then(apply, () => undefined);
    },
    [client, message, apply],
  );

  const settled = useSettle(screen ? layoutKey(screen) : 'none');
  if (!screen) return null;
  const t = translator(screen.language);
  const all = screen.languages.map((language: UiLanguage) => ({ language, t: translator(language) }));
  return (
    <Settled.Provider value={settled}>
      <ScreenView screen={screen} t={t} all={all} send={send} technician={technician} />
      {screen.inactivityWarning ? (
        <Modal
          title={t('inactivity.title')}
          actions={
            <Button kind="primary" testId="still-here" onPress={() => send({ type: 'still-here' })}>
              {t('inactivity.button')}
            </Button>
          }
        >
          <p class="big">{t('inactivity.body')}</p>
        </Modal>
      ) : null}
    </Settled.Provider>
  );
}
