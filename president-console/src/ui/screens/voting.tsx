import { useState } from 'preact/hooks';
import type { AnnulReason, ReplacementReason, TestCardReason } from '@ovs/stick';
import type { ConsoleSnapshot } from '../../core/snapshot.ts';
import type { Act } from '../app.tsx';
import { HoursBanner, VotingComputersWarning } from '../common.tsx';
import { CategoryButtons, LastCard, ProxyCard } from './cards.tsx';

const REASONS: Array<[AnnulReason, string]> = [
  ['shown', 'De kiezer heeft zijn stem zichtbaar gemaakt'],
  ['damaged', 'Het stembiljet is onvrijwillig beschadigd'],
  ['visualisation-impossible', 'De visualisatie van de barcode is onmogelijk'],
  ['voter-request', 'Op verzoek van de kiezer'],
  ['unreadable-by-box', 'De stembus kan de barcode niet lezen'],
];

/** Decree art. 17 §2: a new card for the same voter, no ballot annulled (counted apart). */
const NEW_CARD_REASONS: Array<[ReplacementReason, string]> = [
  ['damaged-card', 'De chipkaart is beschadigd (de kiezer heeft nog niet gestemd)'],
  ['not-printed', 'De stemcomputer heeft de kaart gebruikt maar geen stembiljet afgedrukt'],
  ['write-failed', 'De stemcomputer kan de kaart niet lezen'],
  ['annulment', 'Het stembiljet is al geannuleerd, maar de kaart kon toen niet gemaakt worden'],
];

/** Seed 002 II.C.3.1 pt 5 and II.C.4.1: the only reasons for a test card once voting is open. */
const TEST_CARD_REASONS: Array<[TestCardReason, string]> = [
  ['expert-visit', 'Bezoek van een deskundige'],
  ['visualisation-complaint', 'Klacht van een kiezer over de visualisatie'],
];

/** A reason, then the category: one dialog for the new card and the test card during voting. */
function ReasonThenCategory<R extends string>({ snap, title, intro, reasons, test, note, onPick }: { snap: ConsoleSnapshot; title: string; intro: string; reasons: Array<[R, string]>; test?: boolean; note?: string; onPick: (reason: R, category: string) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<R | undefined>(undefined);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {title}…
      </button>
    );
  }
  return (
    <div class="dialog" role="dialog" aria-label={title}>
      <p>{intro}</p>
      <fieldset>
        {reasons.map(([r, label]) => (
          <label class="check" key={r}>
            <input type="radio" name={title} checked={reason === r} onChange={() => setReason(r)} />
            {label}
          </label>
        ))}
      </fieldset>
      {note ? <p class="small">{note}</p> : null}
      <p>Kies dan de categorie:</p>
      <CategoryButtons
        snap={snap}
        test={test}
        onPick={(category) => {
          if (!reason) return;
          setOpen(false);
          setReason(undefined);
          onPick(reason, category);
        }}
      />
      {reason ? null : <p class="small">Kies eerst een reden.</p>}
      <button type="button" onClick={() => setOpen(false)}>
        Annuleren
      </button>
    </div>
  );
}

/** The reason the box gave for its last refusal, where it is one of art. 17 §2's. */
const boxReason = (snap: ConsoleSnapshot): AnnulReason | undefined => (snap.box.lastRefusal === 'unreadable' ? 'unreadable-by-box' : undefined);

function Annul({ snap, act }: { snap: ConsoleSnapshot; act: Act }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<AnnulReason | undefined>(undefined);
  const [suggested, setSuggested] = useState<string[]>([]);
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => {
          setReason(boxReason(snap));
          setSuggested([]);
          setOpen(true);
        }}
      >
        Stembiljet annuleren…
      </button>
    );
  }
  return (
    <div class="dialog" role="dialog" aria-label="Stembiljet annuleren">
      <p>
        Is de barcode nog leesbaar? Laat het stembiljet dan eerst scannen op de stembus in de annuleermodus: de klep blijft dicht en het kan daarna nooit meer geregistreerd
        worden.
      </p>
      <button type="button" onClick={() => void act('annul/scan', { on: !snap.box.annulMode })}>
        {snap.box.annulMode ? 'Annuleermodus stoppen' : 'Annuleermodus: stembiljet scannen op de stembus'}
      </button>
      {snap.box.annulMode ? <p class="warning">Annuleermodus: leg het geannuleerde stembiljet nu op de scanner van de stembus.</p> : null}
      <p>Maak het stembiljet onbruikbaar (stempel "Teruggenomen stembiljet") en kies de reden:</p>
      <fieldset>
        {REASONS.map(([r, label]) => (
          <label class="check" key={r}>
            <input type="radio" name="reason" checked={reason === r} onChange={() => setReason(r)} />
            {label}
          </label>
        ))}
      </fieldset>
      <p>Kies dan de categorie van de kiezer voor de vervangkaart. Leg de kaart die de kiezer teruggaf op de kaartschrijver om ze aan te duiden:</p>
      <button
        type="button"
        onClick={async () => {
          const r = await act('cards/returned');
          setSuggested(r.ok ? (r.categories ?? []) : []);
        }}
      >
        Kaart van de kiezer lezen
      </button>
      <CategoryButtons
        snap={snap}
        suggested={suggested}
        onPick={(category) => {
          if (!reason) return;
          setOpen(false);
          setReason(undefined);
          void act('annul', { reason, category });
        }}
      />
      {reason ? null : <p class="small">Kies eerst een reden.</p>}
      <button type="button" onClick={() => setOpen(false)}>
        Annuleren
      </button>
    </div>
  );
}

export function VotingScreen({ snap, act, onClose }: { snap: ConsoleSnapshot; act: Act; onClose: () => void }) {
  return (
    <main>
      <h1>Stemming geopend</h1>
      <VotingComputersWarning counters={snap.counters} />
      <HoursBanner snap={snap} act={act} />
      <p>Kies de categorie op de oproepingsbrief van de kiezer. De kaart is alleen geldig voor de verkiezingen op de knop.</p>
      <CategoryButtons snap={snap} onPick={(category) => void act('cards/voter', { category })} />
      <LastCard snap={snap} />
      <div class="row">
        <ProxyCard snap={snap} act={act} />
        <Annul snap={snap} act={act} />
        <ReasonThenCategory
          snap={snap}
          title="Nieuwe kaart zonder annulering"
          intro="De kiezer krijgt een nieuwe kaart; er wordt geen stembiljet geannuleerd. Neem de oude kaart terug. Kies waarom:"
          reasons={NEW_CARD_REASONS}
          onPick={(reason, category) => void act('cards/replacement', { category, reason })}
        />
        <ReasonThenCategory
          snap={snap}
          title="Testkaart tijdens de stemming"
          intro="Een testkaart tijdens de stemming kan alleen met een reden; ze komt in het proces-verbaal. Het teststembiljet wordt door de stembus geweigerd."
          reasons={TEST_CARD_REASONS}
          test
          note="Na een klacht over de visualisatie krijgt de kiezer zelf een nieuwe kaart (decreet art. 18 en art. 17 §2, 4°): annuleer zijn stembiljet met de reden 'Op verzoek van de kiezer'."
          onPick={(reason, category) => void act('cards/test', { category, reason })}
        />
        <button type="button" onClick={() => void act('cards/activation')}>
          Activeringskaart (vervangen stemcomputer)
        </button>
      </div>
      <details class="panel">
        <summary>Stembus herstart of vervangen</summary>
        <p>
          Een stembus die herstart of vervangen wordt, kent de voorzitterscomputer niet meer. Druk een nieuw koppelticket af en leg het met de code naar onder op de
          scanner van de stembus. Elk koppelticket en elke koppeling komt in het proces-verbaal.
        </p>
        <button type="button" onClick={() => void act('print/pairing')}>
          Koppelticket afdrukken
        </button>
        <p aria-live="polite">Stembus: {snap.box.connected ? 'verbonden' : 'nog niet verbonden'}.</p>
      </details>
      <div class="row end">
        <button type="button" class="danger" onClick={onClose}>
          Stemming sluiten…
        </button>
      </div>
    </main>
  );
}
