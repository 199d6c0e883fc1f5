// Pieces every screen shows: the sticks, the counters, the messages.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { StickPort } from '@ovs/stick';
import type { Alert, ConsoleSnapshot, Counters } from '../core/snapshot.ts';
import type { StickStatus } from '../sticks/stick-status.ts';
import { time } from './format.ts';

export function StickBadge({ port, status }: { port: StickPort; status: StickStatus }) {
  let text: string;
  let tone: 'ok' | 'bad' | 'idle';
  switch (status.kind) {
    case 'absent':
      text = 'ontbreekt';
      tone = 'idle';
      break;
    case 'ready':
      text = status.state === 'blank' ? 'klaar (nieuw)' : status.state === 'closed' ? 'klaar (afgesloten)' : 'klaar';
      tone = 'ok';
      break;
    case 'read-only':
      text = 'alleen-lezen';
      tone = 'bad';
      break;
    case 'error':
      text = 'fout';
      tone = 'bad';
      break;
  }
  return (
    <span class={`badge ${tone}`} aria-label={`Stick ${port}: ${text}`}>
      Stick {port}: {text}
    </span>
  );
}

export function StickDetails({ port, status }: { port: StickPort; status: StickStatus }) {
  switch (status.kind) {
    case 'absent':
      return <p>Stick {port}: steek de stick in poort {port}.</p>;
    case 'ready':
      return (
        <p>
          Stick {port}: in orde — stembureau {status.station.name}.
        </p>
      );
    case 'read-only':
      return <p class="problem">Stick {port} is alleen-lezen. Zet het schuifje op de stick op schrijven en steek hem opnieuw in.</p>;
    case 'error':
      return <p class="problem">Stick {port}: {status.message}</p>;
  }
}

export function CountersPanel({ counters, names }: { counters: Counters; names: Map<string, string> }) {
  const cards = Object.entries(counters.cardsPerCategory);
  return (
    <aside class="counters" aria-label="Tellers">
      <h2>Tellers</h2>
      <table>
        <tbody>
          {counters.registeredPerElection.map((e) => (
            <tr key={e.id}>
              <th scope="row">Stemmen {e.title}</th>
              <td data-counter={`registered-${e.id}`}>{e.count}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Stembiljetten in de stembus</th>
            <td data-counter="registered">{counters.registered}</td>
          </tr>
          {cards.map(([id, n]) => (
            <tr key={id}>
              <th scope="row">Kaarten {names.get(id) ?? id}</th>
              <td data-counter={`cards-${id}`}>
                {n}
                {counters.proxyPerCategory[id] ? ` (${counters.proxyPerCategory[id]} volmacht)` : ''}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">Geannuleerde stembiljetten</th>
            <td data-counter="annulled">{counters.annulled}</td>
          </tr>
          <tr>
            <th scope="row">Nieuwe kaarten zonder annulering</th>
            <td data-counter="without-annulment">{Object.values(counters.replacementsByReason).reduce((a, b) => a + b, 0) - counters.replacementsByReason.annulment}</td>
          </tr>
          <tr>
            <th scope="row">Testkaarten</th>
            <td data-counter="test">{counters.testCards}</td>
          </tr>
          <tr>
            <th scope="row">Stemcomputers in gebruik</th>
            <td data-counter="voting-computers">{counters.votingComputers.inUse}</td>
          </tr>
        </tbody>
      </table>
    </aside>
  );
}

export function Message({ text, ok }: { text: string | undefined; ok: boolean }) {
  if (!text) return null;
  return (
    <p class={ok ? 'message ok' : 'message bad'} role={ok ? 'status' : 'alert'}>
      {text}
    </p>
  );
}

export function Alerts({ alerts, dismiss }: { alerts: Alert[]; dismiss: (id: number) => void }) {
  if (alerts.length === 0) return null;
  return (
    <section class="alerts" aria-label="Meldingen">
      {alerts.map((a) => (
        <div class="alert" role="alert" key={a.id}>
          <span>
            {time(a.at)} — {a.message}
          </span>
          <button type="button" onClick={() => dismiss(a.id)}>
            Gezien
          </button>
        </div>
      ))}
    </section>
  );
}

export function Panel({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="panel" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** Decree art. 10: a warning while fewer voting computers are in use than one per 180 registered voters. */
export function VotingComputersWarning({ counters }: { counters: Counters | undefined }) {
  const v = counters?.votingComputers;
  if (!v || v.inUse >= v.needed) return null;
  return (
    <p class="warning" role="status" aria-label="Te weinig stemcomputers">
      Te weinig stemcomputers: {v.inUse} in gebruik, {v.needed} nodig voor {v.registeredVoters} ingeschreven kiezers (één stemhokje per 180 kiezers, decreet art. 10). Activeer er nog{' '}
      {v.needed - v.inUse} of noteer in de incidenten waarom niet.
    </p>
  );
}

const HOURS_TEXT = {
  'before-8': { text: 'Het is nog geen 8 uur. De stemming opent om 8 uur (decreet art. 15).', placeholder: 'Waarom opent u vóór 8 uur?' },
  'after-15': { text: 'Het is 15 uur voorbij: alleen wie om 15 uur in de rij stond, mag nog stemmen (decreet art. 15).', placeholder: 'Bijvoorbeeld: om 15 uur stonden nog 6 kiezers in de rij.' },
} as const;

/** Decree art. 15: outside 8–15 h on the election day, the president may override, with a reason for the PV. */
export function HoursBanner({ snap, act }: { snap: ConsoleSnapshot; act: (path: string, body?: unknown) => Promise<unknown> }) {
  const [note, setNote] = useState('');
  const { position, overridden } = snap.hours;
  if (position === 'after-day') return <p class="warning">De klok van de voorzitterscomputer staat niet op de verkiezingsdag. Verwittig de technische ondersteuning.</p>;
  if (position !== 'before-8' && position !== 'after-15') return null;
  if (overridden.includes(position)) return <p class="small">Afwijking van de stemuren genoteerd in het proces-verbaal.</p>;
  const t = HOURS_TEXT[position];
  const form = (
    <>
      <label class="block">
        Reden (komt in het proces-verbaal)
        <textarea value={note} placeholder={t.placeholder} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
      <button type="button" disabled={note.trim() === ''} onClick={() => void act('hours/override', { moment: position, note })}>
        Afwijken van de stemuren
      </button>
    </>
  );
  // Before 8 h the president prepares as usual: the override is there, but not in the way.
  if (position === 'before-8') {
    return (
      <details class="panel" aria-label="Stemuren">
        <summary>{t.text} Wacht tot 8 uur om de stemming te openen.</summary>
        <p class="small">Alleen als het hoofdbureau het vraagt, opent u vroeger: schrijf waarom.</p>
        {form}
      </details>
    );
  }
  return (
    <div class="warning" role="region" aria-label="Stemuren">
      <p>{t.text}</p>
      {form}
    </div>
  );
}
