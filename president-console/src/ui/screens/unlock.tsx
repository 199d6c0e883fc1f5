import { useState } from 'preact/hooks';
import type { ConsoleSnapshot } from '../../core/snapshot.ts';
import type { Act } from '../app.tsx';
import { date } from '../format.ts';

export function UnlockScreen({ snap, act }: { snap: ConsoleSnapshot; act: Act }) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const attempts = snap.phase.kind === 'locked' ? snap.phase.attemptsLeft : 0;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const r = await act('unlock', { password });
    setBusy(false);
    if (r.ok) setPassword('');
  };
  return (
    <main>
      <h1>Paswoord uit de verzegelde enveloppe</h1>
      <p>
        Stembureau <strong>{snap.station?.name}</strong> — verkiezingen van {date(snap.electionDate)}.
      </p>
      <p>Open de enveloppe met het paswoord in aanwezigheid van de leden van het bureau en typ het paswoord over.</p>
      <form onSubmit={submit}>
        <label for="password">Paswoord (20 tekens, in groepen van vier)</label>
        <input
          id="password"
          name="password"
          autocomplete="off"
          spellcheck={false}
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          placeholder="XXXX-XXXX-XXXX-XXXX-XXXX"
          disabled={busy}
        />
        <button type="submit" class="primary" disabled={busy || password.trim() === ''}>
          {busy ? 'Bezig met openen…' : 'Openen'}
        </button>
      </form>
      <p>Nog {attempts} {attempts === 1 ? 'poging' : 'pogingen'}.</p>
      <p class="small">Verkiezingspakket {snap.packageShortHash}</p>
    </main>
  );
}

export function LockedOutScreen() {
  return (
    <main>
      <h1 class="problem">Te veel foute pogingen</h1>
      <p>Het paswoord werd te vaak verkeerd ingegeven. Verwittig de technische ondersteuning van het hoofdbureau en noteer het voorval in het proces-verbaal.</p>
    </main>
  );
}
