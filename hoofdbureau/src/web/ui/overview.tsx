import { useState } from 'preact/hooks';
import { api, type CheckReport, type ImportReport, type OverviewData } from './api.ts';
import { SOURCE, STATE } from './format.ts';
import { CheckView, Warnings } from './check-view.tsx';
import { useCan } from './can.ts';

export function OverviewPage({ data, refresh }: { data: OverviewData; refresh: () => void }) {
  return (
    <>
      <section>
        <h2>Stembureaus</h2>
        <div class="counters">
          <div class="counter" data-testid="expected">
            <b>{data.expected}</b>verwacht
          </div>
          <div class="counter" data-testid="imported">
            <b>{data.imported}</b>ingelezen
          </div>
          <div class="counter" data-testid="problems">
            <b>{data.problems}</b>met een probleem
          </div>
          <div class="counter">
            <b>{data.ballots}</b>stembiljetten
          </div>
        </div>
      </section>
      {data.sticks !== null && <SticksPanel sticks={data.sticks} canImport={data.canImport} titles={new Map(data.elections.map((e) => [e.id, e.title]))} refresh={refresh} />}
      <section>
        <table>
          <thead>
            <tr>
              <th>Nr.</th>
              <th>Stembureau</th>
              <th>Deelgebied</th>
              <th>Toestand</th>
              <th class="n">Stembiljetten</th>
              <th>Bron</th>
              <th>Controlecode stembiljetten</th>
            </tr>
          </thead>
          <tbody>
            {data.stations.map((s) => (
              <tr key={s.number} data-station={s.number}>
                <td>{s.number}</td>
                <td>
                  <a href={`#/stembureau/${s.number}`}>{s.name}</a>
                  {s.warning && <div class="problem">{s.warning}</div>}
                </td>
                <td>{s.deelgebied}</td>
                <td>
                  <span class={`state ${s.state}`}>{STATE[s.state]}</span>
                </td>
                <td class="n">{s.ballots ?? ''}</td>
                <td>{s.route === 'papier' ? `papier: telbureau ${s.telbureaus.join(', ') || '(niet gekoppeld)'}` : s.source ? SOURCE[s.source] : ''}</td>
                <td class="hash" style="font-size:13px">
                  {s.storeShortHash ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.unattributed.length > 0 && (
          <>
            <h3>Geweigerde sticks zonder herkenbaar stembureau</h3>
            {data.unattributed.map((a) => (
              <div class="problem" key={a.id}>
                {a.path}: {a.message}
              </div>
            ))}
          </>
        )}
      </section>
    </>
  );
}

type Action = 'check' | 'import' | 'copy';

type Outcome = { kind: 'check'; stick: string; report: CheckReport } | { kind: 'import'; stick: string; what: Action; report: ImportReport } | { kind: 'error'; message: string };

function SticksPanel({ sticks, canImport, titles, refresh }: { sticks: NonNullable<OverviewData['sticks']>; canImport: boolean; titles: ReadonlyMap<string, string>; refresh: () => void }) {
  const can = useCan();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = async (stick: string, what: Action, acceptOtherDay = false): Promise<void> => {
    setBusy(stick);
    try {
      if (what === 'check') setOutcome({ kind: 'check', stick, report: await api.check(stick) });
      else setOutcome({ kind: 'import', stick, what, report: await api.import(stick, { copy: what === 'copy', acceptOtherDay }) });
      refresh();
    } catch (e) {
      setOutcome({ kind: 'error', message: (e as Error).message });
    } finally {
      setBusy(null);
    }
  };
  return (
    <section>
      <h2>Aangeboden sticks</h2>
      {sticks.length === 0 && <p class="muted">Geen stick in de lezer.</p>}
      <table>
        <tbody>
          {sticks.map((s) => (
            <tr key={s.name} data-stick={s.name}>
              <td>
                {/* What the president knows the stick by: its station. The reader's folder only to tell two sticks apart. */}
                {s.station === null ? 'Stick zonder leesbaar etiket' : `Stick van stembureau ${s.station} (volgens het etiket)`}
                <div class="muted">in de lezer als {s.name}</div>
              </td>
              <td>{s.problem && <div class="problem">{s.problem}</div>}</td>
              <td>
                {!s.problem && (
                  <StickButtons name={s.name} busy={busy !== null} canImport={canImport} run={run} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {busy && <p class="muted">Bezig met {busy}…</p>}
      {outcome?.kind === 'error' && <div class="problem">{outcome.message}</div>}
      {outcome?.kind === 'check' && <CheckView report={outcome.report} titles={titles} />}
      {outcome?.kind === 'import' && <ImportView report={outcome.report} onAccept={canImport && busy === null && can('stick.accept-other-day') ? () => void run(outcome.stick, outcome.what, true) : undefined} />}
    </section>
  );
}

function StickButtons({ name, busy, canImport, run }: { name: string; busy: boolean; canImport: boolean; run: (stick: string, what: Action) => Promise<void> }) {
  const can = useCan();
  return (
    <>
      {can('stick.check') && (
        <button disabled={busy} onClick={() => void run(name, 'check')}>
          Controleren
        </button>
      )}
      {canImport && can('stick.import') && (
        <>
          <button class="primary" disabled={busy} onClick={() => void run(name, 'import')}>
            Inlezen
          </button>
          <button disabled={busy} onClick={() => void run(name, 'copy')} title="Deze stick is de kopie (decreet art. 24)">
            Inlezen als kopie
          </button>
        </>
      )}
    </>
  );
}

function ImportView({ report, onAccept }: { report: ImportReport; onAccept: (() => void) | undefined }) {
  switch (report.kind) {
    case 'imported':
      return (
        <div class="good" data-testid="import-outcome">
          {report.station.name}: ingelezen, {report.ballots} stembiljetten{report.source !== 'stick' ? ` (${SOURCE[report.source]})` : ''}.
          {report.note && <div>{report.note}</div>}
          {report.summary && <Warnings warnings={report.summary.warnings.filter((w) => w.code !== 'opened-on-other-day')} decisionNeeded={false} />}
        </div>
      );
    case 'identical':
      return (
        <div class="good" data-testid="import-outcome">
          {report.station.name}: al ingelezen, identiek.
        </div>
      );
    case 'mismatch':
      return (
        <div class="problem" data-testid="import-outcome">
          {report.station.name}: VERSCHILT van de ingelezen gegevens — niet ingelezen, niets samengevoegd.
          <ul>
            {report.differences.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      );
    case 'refused':
      return (
        <div class="problem" data-testid="import-outcome">
          <b>{report.problem.code === 'opened-on-other-day' ? 'NIET INGELEZEN' : 'GEWEIGERD'}</b> — {report.problem.message}
          <div>{report.advice}</div>
          {report.problem.code === 'opened-on-other-day' && onAccept && <AcceptOtherDay onAccept={onAccept} />}
        </div>
      );
    default: {
      const never: never = report;
      return <div>{String(never)}</div>;
    }
  }
}

/** The voorzitter's decision to count a stick of another day: said in words, then clicked. */
function AcceptOtherDay({ onAccept }: { onAccept: () => void }) {
  const [decided, setDecided] = useState(false);
  return (
    <div class="note" data-testid="accept-other-day">
      <label>
        <input type="checkbox" checked={decided} onChange={(e) => setDecided((e.target as HTMLInputElement).checked)} /> De voorzitter van het hoofdbureau beslist dat de stembiljetten van deze stick
        meetellen.
      </label>
      <div>
        <button class="primary" disabled={!decided} onClick={onAccept}>
          Toch inlezen
        </button>
      </div>
    </div>
  );
}
