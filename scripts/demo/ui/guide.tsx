// The day in numbered steps, each ticked when the devices say it is done, and the faults on
// demand with what each one does.
import type { DemoState, GuideStep } from '../types.ts';
import type { Act } from './app.tsx';

function StepAction({ step, state, act }: { step: GuideStep; state: DemoState; act: Act }) {
  switch (step.id) {
    case 'pair-box':
      return (
        <button type="button" class="hand" onClick={() => void act('box/pair')}>
          Koppelticket op de stembus leggen
        </button>
      );
    case 'carry':
      return (
        <button type="button" class="hand" disabled={state.console.phase !== 'closed'} onClick={() => void act('sticks/carry')}>
          Sticks naar het hoofdbureau brengen
        </button>
      );
    default:
      return null;
  }
}

export function Guide({ state, act }: { state: DemoState; act: Act }) {
  const current = state.steps.find((s) => !s.done && !s.optional) ?? state.steps.at(-1);
  return (
    <aside class="guide">
      <h2>De verkiezingsdag in stappen</h2>
      <ol class="steps">
        {state.steps.map((s, i) => {
          const now = s === current;
          // An optional step is offered just before the step it may precede.
          const offered = s.optional && !s.done && !s.skipped && state.steps[i + 1] === current;
          return (
            <li key={s.id} class={s.done ? 'done' : now ? 'now' : s.skipped ? 'skipped' : ''} data-step={s.id} aria-current={now ? 'step' : undefined}>
              <strong>
                {s.title}
                {s.done ? <span class="tick" aria-label="gedaan"> ✓</span> : null}
                {s.skipped ? <span class="small"> (overgeslagen)</span> : null}
              </strong>
              {now || offered ? (
                <>
                  <p>{s.text}</p>
                  <StepAction step={s} state={state} act={act} />
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
      <Faults state={state} act={act} />
    </aside>
  );
}

function Faults({ state, act }: { state: DemoState; act: Act }) {
  return (
    <section class="faults" aria-label="Storingen">
      <h2>Storingen op bestelling</h2>
      <p class="small">Wat op een verkiezingsdag misgaat: probeer het en kijk hoe elk toestel reageert.</p>
      <h3>USB-stick uittrekken</h3>
      <p class="small">De voorzitterscomputer onderbreekt de stemming; de stembus weigert tot de stick terug is. Niets gaat verloren.</p>
      <div class="buttons">
        {(['A', 'B'] as const).map((port) =>
          state.sticks[port] === 'console' ? (
            <button type="button" class="hand" key={port} onClick={() => void act(`sticks/${port}/pull`)}>
              Stick {port} uittrekken
            </button>
          ) : state.sticks[port] === 'pulled' ? (
            <button type="button" class="hand" key={port} onClick={() => void act(`sticks/${port}/insert`)}>
              Stick {port} terugsteken
            </button>
          ) : (
            <span key={port} class="small">
              Stick {port} is in het hoofdbureau.
            </span>
          ),
        )}
      </div>
      <h3>Printer zonder papier</h3>
      <p class="small">De stemcomputer geeft alarm. Leg een nieuwe rol in en steek de gewiste activeringskaart in om het alarm te stoppen.</p>
      <div class="buttons">
        {state.booths.map((b) => (
          <button type="button" class="hand" key={b.number} onClick={() => void act(`booths/${b.number}/paper`, { paper: b.paper === 'ok' ? 'out' : 'ok' })}>
            {b.paper === 'ok' ? `Papier op in stemcomputer ${b.number}` : `Nieuwe rol in stemcomputer ${b.number}`}
          </button>
        ))}
      </div>
      <h3>Stembus vervangen</h3>
      <p class="small">
        De technieker vervangt een defecte stembus tijdens de stemming. De nieuwe kent de voorzitterscomputer niet: druk daar een nieuw koppelticket af ("Stembus herstart of vervangen") en leg het op de nieuwe stembus.
      </p>
      <div class="buttons">
        <button type="button" class="hand" onClick={() => void act('box/replace')}>
          Stembus vervangen
        </button>
      </div>
      <h3>Printer van de voorzitterscomputer zonder papier</h3>
      <p class="small">Bij de afsluiting komt het proces-verbaal niet uit de printer: de voorzitterscomputer toont het en wacht. Leg een nieuwe rol in en druk daar op "Opnieuw afdrukken".</p>
      <div class="buttons">
        <button type="button" class="hand" onClick={() => void act('console/paper', { paper: state.console.paper === 'ok' ? 'out' : 'ok' })}>
          {state.console.paper === 'ok' ? 'Papier op in de voorzitterscomputer' : 'Nieuwe rol in de voorzitterscomputer'}
        </button>
      </div>
      <h3>Onleesbaar stembiljet</h3>
      <p class="small">
        Klik bij een stembiljet in de hand "Nat vouwen": de stembus weigert het als onleesbaar. Het stembiljet gaat in de omslag, de voorzitter annuleert het ("Stembiljet annuleren…") en de kiezer krijgt een vervangkaart.
      </p>
    </section>
  );
}
