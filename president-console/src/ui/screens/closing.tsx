import { useState } from 'preact/hooks';
import type { ConsoleSnapshot } from '../../core/snapshot.ts';
import type { Act } from '../app.tsx';
import { closingDifferences } from '../../core/reconciliation.ts';
import { RemarksForm } from './pv-entries.tsx';

const count = (v: string): number => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN);

/**
 * Seed 002 III.3–5: the president types what the bureau counted — the aanstiplijsten, the
 * envelopes — with nothing filled in beforehand; every difference with the console's figures is
 * listed as it is typed and needs an explanation in words before voting can be closed.
 */
export function ClosingScreen({ snap, act, onCancel }: { snap: ConsoleSnapshot; act: Act; onCancel?: () => void }) {
  const [inPerson, setInPerson] = useState('');
  const [byProxy, setByProxy] = useState('');
  const [annulled, setAnnulled] = useState('');
  const [test, setTest] = useState('');
  const [explanations, setExplanations] = useState<Record<string, string>>({});
  const typed = { tickedInPerson: count(inPerson), tickedByProxy: count(byProxy), annulledBallots: count(annulled), testBallots: count(test) };
  const complete = Object.values(typed).every((n) => Number.isInteger(n));
  const differences = complete && snap.counters ? closingDifferences(snap.counters, typed) : [];
  const explained = differences.every((d) => (explanations[d.id] ?? '').trim() !== '');
  const submit = async (e: Event) => {
    e.preventDefault();
    await act('close', { annulledBallots: annulled, testBallots: test, tickedInPerson: inPerson, tickedByProxy: byProxy, explanations });
  };
  const field = (id: string, label: string, value: string, set: (v: string) => void) => (
    <>
      <label for={id}>{label}</label>
      <input id={id} inputMode="numeric" autoComplete="off" value={value} onInput={(e) => set((e.target as HTMLInputElement).value)} />
    </>
  );
  return (
    <main>
      <h1>Stemming sluiten</h1>
      <p>Na het sluiten weigert de stembus elk stembiljet. De afsluiting wordt op beide sticks geschreven; daarna drukt u het proces-verbaal en het kerncijferrapport af.</p>
      <form onSubmit={submit}>
        <h2>Aanstiplijsten</h2>
        {field('ticked-person', 'Aantal kiezers afgestipt die persoonlijk stemden', inPerson, setInPerson)}
        {field('ticked-proxy', 'Aantal kiezers afgestipt die bij volmacht stemden', byProxy, setByProxy)}
        <h2>Omslagen</h2>
        {field('annulled', 'Aantal geannuleerde stembiljetten in de omslag', annulled, setAnnulled)}
        {field('test', 'Aantal teststembiljetten in de omslag', test, setTest)}
        {!complete ? (
          <p data-testid="reconciliation">Tel de aanstiplijsten en de omslagen en vul de vier aantallen in.</p>
        ) : differences.length === 0 ? (
          <p data-testid="reconciliation">Geen verschil: de aanstiplijsten, de stemkaarten, de stembiljetten en de omslagen kloppen.</p>
        ) : (
          <div class="dialog" role="alert" data-testid="reconciliation">
            <p>
              <strong>Let op: {differences.length === 1 ? 'een verschil' : `${differences.length} verschillen`}. Verklaar elk verschil; uw verklaring komt in het proces-verbaal.</strong>
            </p>
            {differences.map((d) => (
              <div key={d.id} class="difference">
                <p>{d.line}</p>
                <label for={`explain-${d.id}`}>Verklaring</label>
                <textarea id={`explain-${d.id}`} value={explanations[d.id] ?? ''} onInput={(e) => setExplanations({ ...explanations, [d.id]: (e.target as HTMLTextAreaElement).value })} />
              </div>
            ))}
          </div>
        )}
        <div class="row">
          {onCancel ? (
            <button type="button" onClick={onCancel}>
              Terug
            </button>
          ) : null}
          <button type="submit" class="danger" disabled={!complete || !explained}>
            Stemming definitief sluiten
          </button>
        </div>
      </form>
    </main>
  );
}

export function ClosedScreen({ snap, act }: { snap: ConsoleSnapshot; act: Act }) {
  const c = snap.closing;
  return (
    <main>
      <h1>De stemming is afgesloten</h1>
      {c ? (
        <>
          <p>
            Geregistreerde stembiljetten: <strong data-counter="closed-registered">{c.registered}</strong>
          </p>
          <p>
            Controlecode stembiljetten: <strong class="code">{c.storeShortHash}</strong>
          </p>
        </>
      ) : null}
      {snap.prints ? (
        <p class="instruction">Druk eerst alles af (zie boven): de sticks blijven in de voorzitterscomputer tot het kerncijferrapport en het etiket voor de omslag afgedrukt zijn.</p>
      ) : (
        <p class="instruction">
          Lees het proces-verbaal voor en laat het ondertekenen. Verwijder daarna de twee sticks. Steek ze samen met exemplaar 1 van het kerncijferrapport in de omslag voor het hoofdbureau, kleef het etiket erop, verzegel de omslag en laat ze ondertekenen.
        </p>
      )}
      <RemarksForm snap={snap} act={act} />
      <h2>Opnieuw afdrukken</h2>
      <div class="row">
        <button type="button" onClick={() => void act('print/pv')}>
          Proces-verbaal
        </button>
        <button type="button" onClick={() => void act('print/kerncijfers')}>
          Kerncijferrapport
        </button>
        <button type="button" onClick={() => void act('print/envelope')}>
          Etiket voor de omslag
        </button>
        <a href="/api/reports/pv.pdf" target="_blank">
          Proces-verbaal (PDF)
        </a>
        <a href="/api/reports/kerncijfers.pdf" target="_blank">
          Kerncijferrapport (PDF)
        </a>
      </div>
    </main>
  );
}
