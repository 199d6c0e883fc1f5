// The audit log as the bureau reads it: every check, import, PV, export, composition and account
// change, with who did it and when.
import { useEffect, useState } from 'preact/hooks';
import { ACTION_WORDS } from '../../staff/action-words.ts';
import { ROLE_NAMES } from '../../staff/permissions.ts';
import { api, type AuditEntry } from './api.ts';
import { time } from './format.ts';

export function AuditPage({ version }: { version: number }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void api.audit().then((r) => setEntries(r.entries), (e: Error) => setError(e.message)), [version]);
  if (error) return <div class="problem">{error}</div>;
  if (!entries) return <p>Laden…</p>;
  return (
    <section>
      <h2>Auditlog</h2>
      {entries.length === 0 && <p class="muted">Nog geen handelingen.</p>}
      <table data-testid="audit-log">
        <thead>
          <tr>
            <th class="n">Nr.</th>
            <th>Tijdstip</th>
            <th>Gebruiker</th>
            <th>Rol</th>
            <th>Handeling</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {[...entries].reverse().map((e) => (
            <tr key={e.seq}>
              <td class="n">{e.seq}</td>
              <td>{time(e.at)}</td>
              <td>{e.username}</td>
              <td>{ROLE_NAMES[e.role]}</td>
              <td>{ACTION_WORDS[e.action]}</td>
              <td>{e.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
