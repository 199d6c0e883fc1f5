import { useState } from 'preact/hooks';
import type { IncidentKind } from '@ovs/stick';
import type { ConsoleSnapshot } from '../../core/snapshot.ts';
import type { Act } from '../app.tsx';
import { time } from '../format.ts';

/** Bijstand aan een kiezer has its own form (both names, decree art. 20); older logs may still hold it as an incident. */
const KINDS: Array<[IncidentKind, string]> = [
  ['defect', 'Defect (oproep en herstelling)'],
  ['witness-remark', 'Opmerking of bezwaar van een getuige'],
  ['expert-visit', 'Bezoek van een deskundige'],
  ['not-on-list', 'Kiezer toegelaten die niet op de kiezerslijst stond'],
  ['other', 'Ander incident'],
];
const SHOWN: Array<[IncidentKind, string]> = [...KINDS, ['assistance', 'Bijstand aan een kiezer']];

/** "09:15" today in Belgian time → ISO; empty → null. */
function todayAt(hhmm: string): string | null {
  const m = /^(\d{1,2})[:.h](\d{2})$/.exec(hhmm.trim());
  if (!m) return null;
  const now = new Date();
  const local = new Date(now.toLocaleString('en-US', { timeZone: 'Europe/Brussels' }));
  const offset = now.getTime() - local.getTime();
  const d = new Date(local);
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  return new Date(d.getTime() + offset).toISOString();
}

export function Incidents({ snap, act }: { snap: ConsoleSnapshot; act: Act }) {
  const [kind, setKind] = useState<IncidentKind>('defect');
  const [description, setDescription] = useState('');
  const [calledAt, setCalledAt] = useState('');
  const [repairedAt, setRepairedAt] = useState('');
  const [editing, setEditing] = useState<number | undefined>(undefined);
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await act('incidents', { id: editing, kind, description, calledAt: todayAt(calledAt), repairedAt: todayAt(repairedAt) });
    if (r.ok) {
      setDescription('');
      setCalledAt('');
      setRepairedAt('');
      setEditing(undefined);
    }
  };
  return (
    <section class="panel" aria-label="Incidenten">
      <h2>Incidenten voor het proces-verbaal</h2>
      <ul>
        {snap.incidents.map((i) => (
          <li key={i.id}>
            {time(i.reportedAt)} — {SHOWN.find(([k]) => k === i.kind)?.[1]}: {i.description}
            {i.calledAt ? ` (oproep ${time(i.calledAt)}` : ''}
            {i.calledAt ? (i.repairedAt ? `, hersteld ${time(i.repairedAt)})` : ', nog niet hersteld)') : ''}{' '}
            <button
              type="button"
              onClick={() => {
                setEditing(i.id);
                setKind(i.kind);
                setDescription(i.description);
                setCalledAt(i.calledAt ? time(i.calledAt) : '');
                setRepairedAt(i.repairedAt ? time(i.repairedAt) : '');
              }}
            >
              Aanvullen
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit}>
        <label for="incident-kind">Soort</label>
        <select id="incident-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as IncidentKind)}>
          {KINDS.map(([k, label]) => (
            <option value={k} key={k}>
              {label}
            </option>
          ))}
        </select>
        <label for="incident-text">Beschrijving (bij een kiezer die niet op de lijst stond: naam en waarom toegelaten)</label>
        <textarea id="incident-text" value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />
        <label for="incident-called">Uur van de oproep (uu:mm)</label>
        <input id="incident-called" value={calledAt} onInput={(e) => setCalledAt((e.target as HTMLInputElement).value)} />
        <label for="incident-repaired">Uur van de herstelling (uu:mm)</label>
        <input id="incident-repaired" value={repairedAt} onInput={(e) => setRepairedAt((e.target as HTMLInputElement).value)} />
        <button type="submit">{editing ? 'Incident aanvullen' : 'Incident noteren'}</button>
      </form>
    </section>
  );
}
