// The council's screens: the projector (by its read-only link), the login, and after login the
// member's tablet or the control screen (regietool), by the account's role.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get, post, type Me } from './api.ts';
import { ControlScreen } from './control.tsx';
import { MemberScreen } from './member.tsx';
import { Projector } from './projector.tsx';

function Login({ onLogin }: { onLogin: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <main>
      <section>
        <h2>Aanmelden</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void post<Me>('/api/login', { username, password }).then((r) => (r.ok ? onLogin(r.value) : setProblem(r.message)));
          }}
        >
          <label>
            Gebruikersnaam <input name="username" autoComplete="username" value={username} onInput={(e) => setUsername((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            Wachtwoord <input name="password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
          </label>
          <button class="primary" type="submit">
            Aanmelden
          </button>
        </form>
        {problem && (
          <div class="problem" data-testid="login-problem">
            {problem}
          </div>
        )}
      </section>
    </main>
  );
}

function App() {
  const projector = /^\/projectie\/([0-9a-f]+)$/.exec(location.pathname);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!projector) void get<Me | null>('/api/me').then((r) => (r.ok ? setMe(r.value) : setProblem(r.message)));
  }, []);
  if (projector) return <Projector projectorKey={projector[1]!} />;
  const logout = (): void => void post('/api/logout').then(() => setMe(null));
  if (problem) return <main class="problem">{problem}</main>;
  if (me === undefined) return <main>Laden…</main>;
  if (me === null) return <Login onLogin={setMe} />;
  return me.role === 'raadslid' ? <MemberScreen me={me} onLogout={logout} /> : <ControlScreen me={me} onLogout={logout} />;
}

// The page's "Laden…" is for before the bundle runs; render() would leave it below the app.
const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);
