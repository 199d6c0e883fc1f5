import { useState } from 'preact/hooks';
import type { AnnulReason } from '@ovs/stick';
import type { ConsoleSnapshot } from '../../core/snapshot.ts';
import type { Act } from '../app.tsx';
import { CategoryButtons, LastCard, ProxyCard } from './cards.tsx';

const REASONS: Array<[AnnulReason, string]> = [
  ['shown', 'De kiezer heeft zijn stem zichtbaar gemaakt'],
  ['damaged', 'Het stembiljet is onvrijwillig beschadigd'],
  ['visualisation-impossible', 'De visualisatie van de barcode is onmogelijk'],
  ['voter-request', 'Op verzoek van de kiezer'],
  ['unreadable-by-box', 'De stembus kan de barcode niet lezen'],
];

function Annul({ snap, act }: { snap: ConsoleSnapshot; act: Act }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<AnnulReason | undefined>(undefined);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Stembiljet annuleren…
      </button>
    );
  }
  return (
    <div class="dialog" role="dialog" aria-label="Stembiljet annuleren">
      <p>Maak het stembiljet onbruikbaar (stempel "Teruggenomen stembiljet") en kies de reden:</p>
      <fieldset>
        {REASONS.map(([r, label]) => (
          <label class="check" key={r}>
            <input type="radio" name="reason" checked={reason === r} onChange={() => setReason(r)} />
            {label}
          </label>
        ))}
      </fieldset>
      <p>Kies dan de categorie van de kiezer voor de vervangkaart:</p>
      <CategoryButtons
        snap={snap}
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
      <p>Kies de categorie op de oproepingsbrief van de kiezer. De kaart is alleen geldig voor de verkiezingen op de knop.</p>
      <CategoryButtons snap={snap} onPick={(category) => void act('cards/voter', { category })} />
      <LastCard snap={snap} />
      <div class="row">
        <ProxyCard snap={snap} act={act} />
        <Annul snap={snap} act={act} />
        <button type="button" onClick={() => void act('cards/activation')}>
          Activeringskaart (vervangen stemcomputer)
        </button>
      </div>
      <div class="row end">
        <button type="button" class="danger" onClick={onClose}>
          Stemming sluiten…
        </button>
      </div>
    </main>
  );
}
