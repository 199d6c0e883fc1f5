// The devices on the table: each app's own screen in a frame, with what a person can do to
// it around the frame — cards on the president's table, the slot and the printer of every
// booth, the ballot box's LEDs and flap, the papers in the voter's hand, the sticks.
import type { ComponentChildren } from 'preact';
import type { BoothView, CardView, DemoState, TicketView } from '../types.ts';
import type { Act } from './app.tsx';
import { ScaledFrame } from './frame.tsx';

const PHASE: Record<DemoState['console']['phase'], string> = {
  sticks: 'wacht op de sticks',
  locked: 'wacht op het paswoord',
  'locked-out': 'geblokkeerd',
  preparation: 'voorbereiding',
  open: 'stemming open',
  closing: 'wordt afgesloten',
  closed: 'afgesloten',
  fatal: 'storing',
};

function DeviceHeader({ title, url, focused, onFocus, children }: { title: string; url: string; focused: boolean; onFocus: () => void; children?: ComponentChildren }) {
  return (
    <div class="device-header">
      <h2>{title}</h2>
      <div class="status-line">{children}</div>
      <div class="device-links">
        <button type="button" class="link" onClick={onFocus} aria-pressed={focused}>
          {focused ? 'Kleiner' : 'Groter'}
        </button>
        <a href={url} target="_blank" rel="noreferrer">
          apart openen
        </a>
      </div>
    </div>
  );
}

function Card({ card, booths, act }: { card: CardView; booths: BoothView[]; act: Act }) {
  return (
    <div class={`chipcard ${card.kind}`} data-card={card.id} aria-label={`${card.title} op de tafel`}>
      <div class="chip" aria-hidden="true" />
      <div class="card-text">
        <strong>{card.title}</strong>
        {card.elections.length > 0 ? <span class="small">{card.elections.join(' + ')}</span> : null}
      </div>
      <div class="buttons">
        {booths.map((b) => (
          <button type="button" class="hand" key={b.number} disabled={b.card !== null} onClick={() => void act(`cards/${card.id}/insert`, { booth: b.number })} aria-label={`${card.title} in stemcomputer ${b.number} steken`}>
            → {b.number}
          </button>
        ))}
        <button type="button" class="link" onClick={() => void act(`cards/${card.id}/return`)} aria-label={`${card.title} teruggeven aan de voorzitter`}>
          teruggeven
        </button>
      </div>
    </div>
  );
}

function Paper({ ticket, scale = 1 }: { ticket: TicketView; scale?: number }) {
  return (
    <img
      class={`paper${ticket.damaged ? ' damaged' : ''}`}
      src={`/demo/tickets/${ticket.id}.png`}
      alt={ticket.title}
      style={{ width: `${ticket.widthMm * scale}mm` }}
    />
  );
}

export function ConsolePanel({ state, act, focused, onFocus }: { state: DemoState; act: Act; focused: boolean; onFocus: () => void }) {
  const c = state.console;
  return (
    <section class={`panel device console${focused ? ' focused' : ''}`} aria-label="Voorzitterscomputer">
      <DeviceHeader title="Voorzitterscomputer" url={c.url} focused={focused} onFocus={onFocus}>
        <span class="badge">{PHASE[c.phase]}</span>
        <span class="badge">{c.registered} geregistreerd</span>
        {c.halted ? <span class="badge bad">onderbroken</span> : null}
      </DeviceHeader>
      <ScaledFrame src={c.url} title="Scherm voorzitterscomputer" width={1280} height={860} />
      <div class="beside">
        <div class="sticks" aria-label="USB-poorten">
          {(['A', 'B'] as const).map((p) => (
            <span key={p} class={`stick ${state.sticks[p]}`} data-stick={p}>
              Stick {p}: {state.sticks[p] === 'console' ? 'in de voorzitterscomputer' : state.sticks[p] === 'pulled' ? 'uitgetrokken' : 'in het hoofdbureau'}
            </span>
          ))}
        </div>
        <div class="table" aria-label="Tafel van de voorzitter">
          <h3>Tafel van de voorzitter — kaarten uit de kaartschrijver</h3>
          {state.table.length === 0 ? <p class="small">Geen kaarten. Maak er een op de voorzitterscomputer.</p> : null}
          {state.table.map((card) => (
            <Card key={card.id} card={card} booths={state.booths} act={act} />
          ))}
        </div>
        {state.consolePrints.length > 0 ? (
          <div class="prints" aria-label="Printer van de voorzitter">
            <h3>Printer van de voorzitter</h3>
            <ul>
              {state.consolePrints.map((t) => (
                <li key={t.id}>
                  <a href={`/demo/tickets/${t.id}.png`} target="_blank" rel="noreferrer">
                    {t.title}
                  </a>
                  {t.title.startsWith('Koppelticket') && !state.box.paired ? (
                    <button type="button" class="hand" onClick={() => void act('box/pair')}>
                      Op de stembus leggen
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}

function Led({ colour, mode }: { colour: 'red' | 'green'; mode: 'off' | 'on' | 'blink' }) {
  return <span class={`led ${colour} ${mode}`} role="img" aria-label={`${colour === 'red' ? 'rood' : 'groen'} lampje ${mode === 'off' ? 'uit' : mode === 'on' ? 'aan' : 'knippert'}`} data-led={colour} data-mode={mode} />;
}

export function Box({ state, act, focused, onFocus }: { state: DemoState; act: Act; focused: boolean; onFocus: () => void }) {
  const b = state.box;
  const open = b.flap === 'open' || b.flap === 'opening';
  const onGlass = state.hand.find((t) => t.onGlass);
  return (
    <section class={`panel device box${focused ? ' focused' : ''}`} aria-label="Stembus">
      <DeviceHeader title="Stembus" url={b.url} focused={focused} onFocus={onFocus}>
        <span class="badge">{b.paired ? 'gekoppeld' : 'niet gekoppeld'}</span>
        <span class="badge">{b.inBin} in de bak</span>
      </DeviceHeader>
      <div class="box-body">
        <div class="box-drawing" data-flap={b.flap}>
          <div class="glass">{onGlass ? <span>stembiljet op de glasplaat</span> : <span>glasplaat (scanner)</span>}</div>
          <div class="leds">
            <Led colour="red" mode={b.leds.red} />
            <Led colour="green" mode={b.leds.green} />
          </div>
          <div class={`slot ${open ? 'open' : 'closed'}`}>
            <div class="flap" />
            <span class="small">klep: {{ closed: 'dicht', opening: 'gaat open', open: 'open', closing: 'gaat dicht', jammed: 'zit vast' }[b.flap]}</span>
          </div>
          <div class="bin">{b.inBin} stembiljetten in de bak</div>
        </div>
        <div class="box-screen">
          <ScaledFrame src={b.url} title="Scherm stembus" width={800} height={480} />
          <button type="button" class="hand big" disabled={!onGlass} onClick={() => void act('box/deposit')}>
            In de stembus steken
          </button>
          {b.lastScan ? <p class="small">Laatste scan — {b.lastScan}</p> : null}
        </div>
      </div>
    </section>
  );
}

function Booth({ booth, act, focused, onFocus }: { booth: BoothView; act: Act; focused: boolean; onFocus: () => void }) {
  return (
    <section class={`panel device booth${focused ? ' focused' : ''}`} aria-label={`Stemcomputer ${booth.number}`} data-booth={booth.number}>
      <DeviceHeader title={`Stemcomputer ${booth.number}`} url={booth.url} focused={focused} onFocus={onFocus}>
        {booth.activated ? null : <span class="badge">niet geactiveerd</span>}
        {booth.alarm ? <span class="badge bad">alarm</span> : null}
        {booth.paper === 'out' ? <span class="badge bad">papier op</span> : null}
        {booth.handScanner ? <span class="badge">handscanner</span> : null}
      </DeviceHeader>
      <ScaledFrame src={booth.url} title={`Scherm stemcomputer ${booth.number}`} width={1920} height={1080} />
      <div class="booth-hands">
        <div class="slot-line">
          {booth.card ? (
            <>
              <span>
                Kaartlezer: <strong>{booth.card.title}</strong>
              </span>
              <button type="button" class="hand" onClick={() => void act(`booths/${booth.number}/remove-card`)}>
                Kaart uitnemen
              </button>
            </>
          ) : (
            <span class="small">Kaartlezer: leeg</span>
          )}
        </div>
        {booth.printed.length > 0 ? (
          <div class="printer-out">
            {booth.printed.map((t) => (
              <Paper key={t.id} ticket={t} scale={0.35} />
            ))}
            <button type="button" class="hand" onClick={() => void act(`booths/${booth.number}/take`)}>
              Neem stembiljet en kaart
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}

export function Booths({ state, act, focus, onFocus }: { state: DemoState; act: Act; focus: string | undefined; onFocus: (id: string) => void }) {
  return (
    <div class="row booths">
      {state.booths.map((b) => (
        <Booth key={b.number} booth={b} act={act} focused={focus === `booth-${b.number}`} onFocus={() => onFocus(`booth-${b.number}`)} />
      ))}
    </div>
  );
}

export function Hand({ state, act }: { state: DemoState; act: Act }) {
  const handScanner = state.booths.find((b) => b.handScanner);
  return (
    <section class="panel hand-panel" aria-label="Hand van de kiezer">
      <h2>In de hand van de kiezer</h2>
      {state.hand.length === 0 ? <p class="small">Niets. Een afgedrukt stembiljet neemt u bij de stemcomputer.</p> : null}
      <div class="papers">
        {state.hand.map((t) => (
          <div class={`held${t.onGlass ? ' on-glass' : ''}`} key={t.id} data-ticket={t.id} data-kind={t.kind}>
            <strong>{t.title}</strong>
            {t.damaged ? <span class="badge bad">nat gevouwen</span> : null}
            {t.onGlass ? <span class="badge ok">ligt op de stembus — klep open</span> : null}
            <div class="buttons">
              <button type="button" class="hand" onClick={() => void act(`ballots/${t.id}/scan`)}>
                Vouwen en scannen
              </button>
              {t.onGlass ? (
                <button type="button" class="hand" onClick={() => void act('box/deposit')}>
                  In de stembus
                </button>
              ) : null}
              {handScanner ? (
                <button type="button" class="hand" onClick={() => void act(`ballots/${t.id}/hand-scanner`)}>
                  Onder de handscanner
                </button>
              ) : null}
              {t.damaged ? null : (
                <button type="button" class="hand" onClick={() => void act(`ballots/${t.id}/damage`)}>
                  Nat vouwen
                </button>
              )}
              <button type="button" class="hand" onClick={() => void act(`ballots/${t.id}/envelope`)}>
                {t.kind === 'test-ballot' ? 'In de omslag teststembiljetten' : 'Teruggenomen: in de omslag'}
              </button>
            </div>
            <Paper ticket={t} />
          </div>
        ))}
      </div>
      <p class="small">
        Omslagen: {state.envelopes.test} teststembiljet(ten), {state.envelopes.annulled} geannuleerd(e) stembiljet(ten).
      </p>
    </section>
  );
}

export function HoofdbureauPanel({ state, act, focused, onFocus }: { state: DemoState; act: Act; focused: boolean; onFocus: () => void }) {
  const h = state.hoofdbureau;
  return (
    <section class={`panel device hoofdbureau${focused ? ' focused' : ''}`} aria-label="Hoofdbureau">
      <DeviceHeader title="Hoofdbureau" url={h.url} focused={focused} onFocus={onFocus}>
        {h.sticks.length > 0 ? <span class="badge">{h.sticks.length} sticks in de lezer</span> : <span class="badge">geen sticks</span>}
        {h.imported ? <span class="badge ok">stembureau ingelezen</span> : null}
      </DeviceHeader>
      {h.sticks.length === 0 ? (
        <p>
          <button type="button" class="hand" disabled={state.console.phase !== 'closed'} onClick={() => void act('sticks/carry')}>
            Sticks naar het hoofdbureau brengen
          </button>{' '}
          <span class="small">{state.console.phase === 'closed' ? '' : 'kan na het afsluiten van de stemming'}</span>
        </p>
      ) : null}
      <p class="small" aria-label="Demo-account van het hoofdbureau">
        Aanmelden in het hoofdbureau: gebruikersnaam <code data-testid="hb-username">{h.login.username}</code>, wachtwoord <code data-testid="hb-password">{h.login.password}</code> — alleen in de demo, bij elke start nieuw; een echte server heeft geen account tot de beheerder het eerste aanmaakt.
      </p>
      {h.paper && <PaperTables paper={h.paper} />}
      <ScaledFrame src={h.url} title="Hoofdbureau" width={1200} height={900} />
    </section>
  );
}

/** The mixed municipality: the paper tables the telbureaus handed in, to type under "tabellen van telbureaus invoeren". */
function PaperTables({ paper }: { paper: NonNullable<DemoState['hoofdbureau']['paper']> }) {
  return (
    <details class="small" data-testid="paper-tables">
      <summary>
        Gemengde gemeente: stembureaus {paper.stations.join(', ')} stemden op papier (telbureaus {paper.telbureaus.join(' en ')}). Invoerders:{' '}
        {paper.typists.map((t) => (
          <span key={t.username}>
            <code>{t.username}</code> / <code>{t.password}</code>{' '}
          </span>
        ))}
      </summary>
      {paper.tables.map((t) => (
        <table key={t.telbureau + t.election} data-table={t.telbureau}>
          <caption>
            Tabel van telbureau {t.telbureau} — {t.title} (op papier)
          </caption>
          <tbody>
            {t.fields.map(([k, label, v]) => (
              <tr key={k} data-field={k}>
                <td>{label}</td>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </details>
  );
}
