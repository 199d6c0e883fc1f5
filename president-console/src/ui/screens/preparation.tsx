import { useState } from 'preact/hooks';
import type { ConsoleSnapshot } from '../../core/snapshot.ts';
import type { Act } from '../app.tsx';
import { HoursBanner, VotingComputersWarning } from '../common.tsx';
import { CategoryButtons, LastCard } from './cards.tsx';

export function PreparationScreen({ snap, act }: { snap: ConsoleSnapshot; act: Act }) {
  const [boxChecked, setBoxChecked] = useState(false);
  const [voterCards, setVoterCards] = useState(false);
  const c = snap.counters;
  return (
    <main>
      <h1>Voorbereiding — vóór de opening van het stembureau</h1>
      <VotingComputersWarning counters={snap.counters} />
      <HoursBanner snap={snap} act={act} />
      <ol class="steps">
        <li>
          <h2>Stemcomputers activeren</h2>
          <p>
            Maak één activeringskaart per stemcomputer. Steek ze in de stemcomputer en typ daar de activeringscode die hier verschijnt. Maak de volgende kaart pas als
            die stemcomputer klaar is. Staat de code niet meer op het scherm (verborgen, of na een herstart van de voorzitterscomputer), maak dan een nieuwe
            activeringskaart: zonder haar code is een kaart onbruikbaar.
          </p>
          <button type="button" onClick={() => void act('cards/activation')}>
            Activeringskaart maken
          </button>{' '}
          <span>{c?.activationCards ?? 0} gemaakt</span>
        </li>
        <li>
          <h2>Stembus koppelen</h2>
          {snap.prints?.next.kind === 'pairing' ? (
            <p class="problem">Het koppelticket is nog niet afgedrukt: druk het eerst af (zie boven).</p>
          ) : (
            <p>Leg het koppelticket met de code naar onder op de scanner van de stembus. De stembus meldt dan dat haar bak leeg is.</p>
          )}
          <button type="button" onClick={() => void act('print/pairing')}>
            Koppelticket opnieuw afdrukken
          </button>
          <p aria-live="polite">
            Stembus: {snap.box.connected ? 'verbonden' : 'nog niet verbonden'}; {snap.box.emptyRecorded ? 'meldt een lege bak' : 'heeft nog geen lege bak gemeld'}.
          </p>
        </li>
        <li>
          <h2>Teststemmen</h2>
          <p>Eén teststem per stemcomputer. Scan het teststembiljet met de handscanner, nooit met de stembus, en steek het in de omslag voor teststembiljetten.</p>
          <CategoryButtons snap={snap} test onPick={(category) => void act('cards/test', { category })} />
          <LastCard snap={snap} />
        </li>
        <li>
          <h2>Stemming openen</h2>
          <p>
            Teller geregistreerde stembiljetten: <strong>{c?.registered ?? 0}</strong>
          </p>
          <label class="check">
            <input type="checkbox" checked={boxChecked} onChange={(e) => setBoxChecked((e.target as HTMLInputElement).checked)} />
            Ik heb vastgesteld dat de stembus leeg is en ze verzegeld.
          </label>
          {/* Decree art. 14: closed until the box reported its bin empty and the president ticked it. */}
          <button type="button" class="primary" disabled={!boxChecked || !snap.box.emptyRecorded} onClick={() => void act('open', { boxChecked })}>
            Stemming openen
          </button>
          {snap.box.emptyRecorded ? null : <p class="small">Eerst moet de stembus melden dat haar bak leeg is (stap 2).</p>}
          {boxChecked ? null : <p class="small">Vink eerst aan dat u de stembus leeg hebt gezien en verzegeld.</p>}
        </li>
      </ol>
      <details open={voterCards} onToggle={(e) => setVoterCards((e.target as HTMLDetailsElement).open)}>
        <summary>Stemkaarten vooraf initialiseren</summary>
        <p>Kaarten die nu gemaakt worden, tellen als echte stemkaarten.</p>
        <CategoryButtons snap={snap} onPick={(category) => void act('cards/voter', { category })} />
      </details>
    </main>
  );
}
