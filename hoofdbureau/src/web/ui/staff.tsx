// Staff management (voorzitter and gemachtigde): the accounts, a new one with its temporary
// password shown once, a new temporary password, switching an account off and on.
import { useEffect, useState } from 'preact/hooks';
import { ROLE_NAMES, ROLES, type Operator, type Role } from '../../staff/permissions.ts';
import { api, type StaffAccount } from './api.ts';
import { time } from './format.ts';
import { Alert } from './login.tsx';

const CHAIR: readonly Role[] = ['voorzitter', 'gemachtigde'];

export function StaffPage({ me }: { me: Operator }) {
  const [accounts, setAccounts] = useState<StaffAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);
  const load = (): void => void api.staff().then((r) => setAccounts(r.accounts), (e: Error) => setError(e.message));
  useEffect(load, []);
  const act = async (f: () => Promise<unknown>): Promise<void> => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError((e as Error).message);
    }
    load();
  };
  const mayManage = (a: StaffAccount): boolean => a.username !== me.username && (!CHAIR.includes(a.role) || me.role === 'voorzitter');
  return (
    <>
      <section>
        <h2>Accounts</h2>
        <Alert text={error} />
        {shown && (
          <div class="note" data-testid="temporary-password">
            Tijdelijk wachtwoord voor <b>{shown.username}</b>: <span class="hash">{shown.password}</span>
            <div>Geef het persoonlijk door. Het wordt niet meer getoond; bij de eerste aanmelding kiest de persoon een eigen wachtwoord.</div>
          </div>
        )}
        <table>
          <thead>
            <tr>
              <th>Gebruikersnaam</th>
              <th>Naam</th>
              <th>Rol</th>
              <th>Toestand</th>
              <th>Laatst actief</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(accounts ?? []).map((a) => (
              <tr key={a.username} data-account={a.username}>
                <td>{a.username}</td>
                <td>{a.name}</td>
                <td>{ROLE_NAMES[a.role]}</td>
                <td>{!a.active ? 'uitgeschakeld' : a.mustChange ? 'tijdelijk wachtwoord' : 'actief'}{a.hasEid ? ' · e-ID' : ''}</td>
                <td>{a.lastSeen ? time(a.lastSeen) : '—'}</td>
                <td>
                  {mayManage(a) && (
                    <>
                      <button onClick={() => void act(async () => setShown({ username: a.username, password: (await api.resetPassword(a.username)).temporaryPassword }))}>Tijdelijk wachtwoord</button>
                      <button onClick={() => void act(() => api.setActive(a.username, !a.active))}>{a.active ? 'Uitschakelen' : 'Inschakelen'}</button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <NewAccount me={me} onMade={(username, password) => {
        setShown({ username, password });
        load();
      }} />
    </>
  );
}

function NewAccount({ me, onMade }: { me: Operator; onMade: (username: string, password: string) => void }) {
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('invoerder');
  const [error, setError] = useState<string | null>(null);
  const roles = ROLES.filter((r) => me.role === 'voorzitter' || !CHAIR.includes(r));
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError(null);
    try {
      const made = await api.createAccount({ username, name, role });
      onMade(made.account.username, made.temporaryPassword);
      setUsername('');
      setName('');
    } catch (x) {
      setError((x as Error).message);
    }
  };
  return (
    <section>
      <h2>Nieuw account</h2>
      <Alert text={error} />
      <form class="inline" onSubmit={(e) => void submit(e)}>
        <label>
          Gebruikersnaam
          <input value={username} onInput={(e) => setUsername((e.target as HTMLInputElement).value)} required />
        </label>
        <label>
          Naam
          <input value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} required />
        </label>
        <label>
          Rol
          <select value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </select>
        </label>
        <button class="primary" type="submit">
          Account aanmaken
        </button>
      </form>
    </section>
  );
}
