// Logging in and the forced password change, in Dutch: what to type, what went wrong.
import { useState } from 'preact/hooks';
import { api, type Me } from './api.ts';

/** A problem the person must read, announced to a screen reader. */
export const Alert = ({ text }: { text: string | null }) =>
  text ? (
    <div class="problem" role="alert">
      {text}
    </div>
  ) : null;

export function LoginPage({ problem, onDone }: { problem: string | undefined; onDone: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      onDone(await api.login(username, password));
    } catch (x) {
      setError((x as Error).message);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="narrow">
      <h2>Aanmelden</h2>
      {problem && !error && <div class="note">{problem}</div>}
      <Alert text={error} />
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Gebruikersnaam
          <input name="username" autocomplete="username" value={username} onInput={(e) => setUsername((e.target as HTMLInputElement).value)} required />
        </label>
        <label>
          Wachtwoord
          <input name="password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} required />
        </label>
        <button class="primary" type="submit" disabled={busy}>
          Aanmelden
        </button>
      </form>
      <p class="muted">Nog geen account? De voorzitter van het hoofdbureau maakt het aan en geeft u een tijdelijk wachtwoord.</p>
    </section>
  );
}

export function PasswordPage({ forced, onDone, onCancel }: { forced: boolean; onDone: (me: Me) => void; onCancel?: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (next !== repeat) return setError('De twee nieuwe wachtwoorden verschillen: typ ze opnieuw.');
    try {
      onDone(await api.changePassword(current, next));
    } catch (x) {
      setError((x as Error).message);
    }
  };
  return (
    <section class="narrow">
      <h2>{forced ? 'Kies een eigen wachtwoord' : 'Wachtwoord wijzigen'}</h2>
      {forced && <p>U bent aangemeld met een tijdelijk wachtwoord. Kies nu een eigen wachtwoord van minstens 12 tekens; het tijdelijke werkt daarna niet meer.</p>}
      <Alert text={error} />
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {forced ? 'Tijdelijk wachtwoord' : 'Huidig wachtwoord'}
          <input type="password" autocomplete="current-password" value={current} onInput={(e) => setCurrent((e.target as HTMLInputElement).value)} required />
        </label>
        <label>
          Nieuw wachtwoord
          <input type="password" autocomplete="new-password" value={next} onInput={(e) => setNext((e.target as HTMLInputElement).value)} required />
        </label>
        <label>
          Herhaal het nieuwe wachtwoord
          <input type="password" autocomplete="new-password" value={repeat} onInput={(e) => setRepeat((e.target as HTMLInputElement).value)} required />
        </label>
        <button class="primary" type="submit">
          Wachtwoord opslaan
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Annuleren
          </button>
        )}
      </form>
    </section>
  );
}
