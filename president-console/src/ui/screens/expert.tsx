// Decree art. 12, seed 002 II.C.4: the visit of an expert of the college, and the copy of the
// sticks on the expert's own stick in the third port. Voting goes on meanwhile.
import { useState } from 'preact/hooks';
import type { ConsoleSnapshot } from '../../core/snapshot.ts';
import type { Act } from '../app.tsx';

export function ExpertCopy({ snap, act }: { snap: ConsoleSnapshot; act: Act }) {
  const [expert, setExpert] = useState('');
  const [note, setNote] = useState('');
  const closed = snap.phase.kind === 'closed';
  return (
    <details class="panel" aria-label="Deskundige">
      <summary>Bezoek van een deskundige (kopie van de sticks)</summary>
      <p>
        Laat de deskundige zich identificeren. Steek de stick van de deskundige in de derde poort. {closed ? 'De kopie bevat nu ook de stembiljetten (versleuteld).' : 'Tijdens de dag bevat de kopie geen stembiljetten; de stemming loopt door.'} De geheime sleutels worden nooit gekopieerd.
      </p>
      <label>
        Naam van de deskundige
        <input value={expert} onInput={(e) => setExpert((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        Wat deed de deskundige? (komt in het proces-verbaal)
        <textarea value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
      <button
        type="button"
        disabled={expert.trim() === '' || note.trim() === ''}
        onClick={async () => {
          const r = await act('expert-copy', { expert, note });
          if (r.ok) setNote('');
        }}
      >
        Kopie voor de deskundige maken
      </button>
    </details>
  );
}
