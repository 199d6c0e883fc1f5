// Pieces every screen shows the same way: the agenda with its pointer, a ballot's head, the
// countdown of a timed round, and a released result.
import { useEffect, useState } from 'preact/hooks';
import type { AgendaLine } from '../../views.ts';
import type { BallotView, ResultDisplay } from './api.ts';

export function Agenda({ agenda }: { agenda: AgendaLine[] }) {
  return (
    <ol class="agenda" data-testid="agenda">
      {agenda.map((i) => (
        <li key={i.id} class={i.current ? 'current' : ''} data-current={i.current ? 'ja' : 'nee'}>
          {i.title}
        </li>
      ))}
    </ol>
  );
}

export function BallotHead({ ballot }: { ballot: BallotView }) {
  return (
    <>
      <h2 data-testid="ballot-title">{ballot.title}</h2>
      {ballot.description && <p>{ballot.description}</p>}
      <p class="base" data-testid="ballot-base">
        {ballot.parameters}. Meerderheid: {ballot.base}.
      </p>
    </>
  );
}

/** "Nog 0:42" until `closesAt` (server time, corrected by `skew`). */
export function Countdown({ closesAt, skew }: { closesAt: string | null; skew: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  if (!closesAt) return null;
  const left = Math.max(0, Math.ceil((new Date(closesAt).getTime() - (now + skew)) / 1000));
  return (
    <p class="countdown" data-testid="countdown">
      Nog {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')}
    </p>
  );
}

export function Result({ result }: { result: ResultDisplay }) {
  return (
    <div data-testid="result">
      <h3>{result.roundLabel}</h3>
      <p data-testid="outcome">
        <b>{result.outcome}</b>
      </p>
      <table>
        <tbody>
          {result.counts.map((c) => (
            <tr key={c.label} class={c.elected ? 'elected' : ''} data-testid="count">
              <td>
                {c.label}
                {c.elected ? ' — verkozen' : ''}
              </td>
              <td class="n">{c.count}</td>
              {c.names && <td>{c.names.join(', ')}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{result.turnout}</p>
      <p class="minutes" data-testid="minutes">
        {result.minutes}
      </p>
      <p class="base">Meerderheid: {result.base}.</p>
    </div>
  );
}
