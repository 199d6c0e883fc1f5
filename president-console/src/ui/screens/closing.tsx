import { useState } from 'preact/hooks';
import type { ConsoleSnapshot } from '../../core/snapshot.ts';
import type { Act } from '../app.tsx';

export function ClosingScreen({ snap, act, onCancel }: { snap: ConsoleSnapshot; act: Act; onCancel?: () => void }) {
  const [annulled, setAnnulled] = useState(String(snap.counters?.annulled ?? 0));
  const [test, setTest] = useState(String(snap.counters?.testCards ?? 0));
  const submit = async (e: Event) => {
    e.preventDefault();
    await act('close', { annulledBallots: annulled, testBallots: test });
  };
  return (
    <main>
      <h1>Stemming sluiten</h1>
      <p>Na het sluiten weigert de stembus elk stembiljet. De afsluiting wordt op beide sticks geschreven en het proces-verbaal en het kerncijferrapport worden afgedrukt.</p>
      <CardBalance snap={snap} />
      <form onSubmit={submit}>
        <label for="annulled">Aantal geannuleerde stembiljetten in de omslag</label>
        <input id="annulled" inputMode="numeric" value={annulled} onInput={(e) => setAnnulled((e.target as HTMLInputElement).value)} />
        <label for="test">Aantal teststembiljetten in de omslag</label>
        <input id="test" inputMode="numeric" value={test} onInput={(e) => setTest((e.target as HTMLInputElement).value)} />
        <div class="row">
          {onCancel ? (
            <button type="button" onClick={onCancel}>
              Terug
            </button>
          ) : null}
          <button type="submit" class="danger">
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
      <div class="row">
        <button type="button" onClick={() => void act('print/pv')}>
          Proces-verbaal afdrukken
        </button>
        <button type="button" onClick={() => void act('print/kerncijfers')}>
          Kerncijferrapport afdrukken
        </button>
        <a href="/api/reports/pv.pdf" target="_blank">
          Proces-verbaal (PDF)
        </a>
        <a href="/api/reports/kerncijfers.pdf" target="_blank">
          Kerncijferrapport (PDF)
        </a>
      </div>
      <p class="instruction">Verwijder nu de twee sticks. Steek ze samen met het kerncijferrapport in de omslag voor het hoofdbureau, verzegel de omslag en laat ze ondertekenen.</p>
    </main>
  );
}

/** Before closing: cards issued against ballots registered, per election; a difference is for the president to explain. */
function CardBalance({ snap }: { snap: ConsoleSnapshot }) {
  const balance = snap.counters?.cardBalance ?? [];
  const differences = balance.filter((b) => b.difference !== 0);
  if (differences.length === 0) {
    return (
      <p data-testid="card-balance">
        Stemkaarten en stembiljetten: geen verschil. Per verkiezing zijn er evenveel stembiljetten geregistreerd als de uitgereikte stemkaarten laten verwachten.
      </p>
    );
  }
  return (
    <div class="dialog" role="alert" data-testid="card-balance">
      <p>
        <strong>Verschil tussen stemkaarten en stembiljetten</strong>
      </p>
      <ul>
        {differences.map((b) => (
          <li key={b.election}>{b.line}</li>
        ))}
      </ul>
      <p>
        U moet elk verschil verklaren: noteer de verklaring als incident (ander incident) voor u de stemming sluit. Het verschil en uw verklaring komen in het proces-verbaal.
      </p>
    </div>
  );
}
