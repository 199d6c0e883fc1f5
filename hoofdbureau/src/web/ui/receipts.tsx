// What came in from each polling station — the envelope and its two sticks (decree art. 22) —
// and what has not: the ontvangstbewijs is recorded here. Kept in its own component: the page
// around it may change.
import { useEffect, useState } from 'preact/hooks';
import { createGuardedClient } from '@ovs/web-guard/client';
import type { StationReceipts } from '../../receipts/receipts.ts';

const http = createGuardedClient();

const NAMES: Record<StationReceipts['missing'][number], string> = { envelope: 'omslag', 'stick-a': 'stick A', 'stick-b': 'stick B' };

export function ReceiptsPage() {
  const [status, setStatus] = useState<StationReceipts[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [station, setStation] = useState('');
  const [broughtBy, setBroughtBy] = useState('');
  const load = async (): Promise<void> => {
    const res = await http.get('/api/receipts');
    const data = (await res.json()) as StationReceipts[] | { error?: string };
    if (Array.isArray(data)) setStatus(data);
    else setMessage({ ok: false, text: data.error ?? 'De ontvangsten kunnen niet gelezen worden.' });
  };
  useEffect(() => void load(), []);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const res = await http.post('/api/receipts', { station: Number(station), items: ['envelope', 'stick-a', 'stick-b'], broughtBy });
    const data = (await res.json()) as { ok: boolean; error?: string; status?: StationReceipts[] };
    if (data.ok && data.status) {
      setStatus(data.status);
      setMessage({ ok: true, text: `Ontvangen: omslag, stick A en stick B van stembureau ${station}.` });
      setStation('');
    } else setMessage({ ok: false, text: data.error ?? 'Niet genoteerd.' });
  };
  const open = status?.filter((s) => s.missing.length > 0) ?? [];
  return (
    <section data-testid="receipts">
      <h2>Ontvangst van de omslagen met de sticks</h2>
      {message && <div class={message.ok ? 'good' : 'problem'}>{message.text}</div>}
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Stembureau (nummer) <input inputMode="numeric" value={station} onInput={(e) => setStation((e.target as HTMLInputElement).value)} />
        </label>{' '}
        <label>
          Gebracht door <input value={broughtBy} onInput={(e) => setBroughtBy((e.target as HTMLInputElement).value)} />
        </label>{' '}
        <button type="submit">Omslag en twee sticks ontvangen</button>
      </form>
      {status && (
        <p>
          {status.length - open.length} van {status.length} stembureaus volledig ontvangen.
        </p>
      )}
      {open.length > 0 && (
        <ul>
          {open.map((s) => (
            <li key={s.station}>
              Stembureau {s.station} ({s.name}): nog niet ontvangen — {s.missing.map((i) => NAMES[i]).join(', ')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
