// The technical beheerder's page: how the server is set up (addresses, names, database, idle
// limit, KDF), never a result. Changing them is done on the server itself (`hoofdbureau serve`).
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';

const LABELS: Record<string, string> = {
  host: 'Luistert op',
  port: 'Poort',
  names: 'Namen (--name)',
  database: 'Databank',
  sticksDir: 'Map van de sticklezer',
  canImport: 'Sleutel van het hoofdbureau geladen',
  idleMinutes: 'Afmelden na (minuten zonder gebruik)',
  kdf: 'Wachtwoordsleutel (scrypt)',
  accountsReady: 'Er is een account van de voorzitter of gemachtigde',
};

const show = (v: unknown): string => (typeof v === 'boolean' ? (v ? 'ja' : 'nee') : Array.isArray(v) ? v.join(', ') || '—' : v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function ServerPage() {
  const [settings, setSettings] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void api.server().then(setSettings, (e: Error) => setError(e.message)), []);
  if (error) return <div class="problem">{error}</div>;
  if (!settings) return <p>Laden…</p>;
  return (
    <section>
      <h2>Server</h2>
      <table data-testid="server-settings">
        <tbody>
          {Object.entries(settings).map(([k, v]) => (
            <tr key={k}>
              <th>{LABELS[k] ?? k}</th>
              <td>{show(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">Deze instellingen wijzigt u op de server zelf (hoofdbureau serve); als beheerder ziet u geen resultaten en wijzigt u geen telling.</p>
    </section>
  );
}
