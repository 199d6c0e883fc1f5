import { useState } from 'preact/hooks';
import { api, type CheckReport, type ImportReport, type OverviewData } from './api.ts';
import { SOURCE, STATE } from './format.ts';
import { CheckView } from './check-view.tsx';

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
      {data.sticks !== null && <SticksPanel sticks={data.sticks} canImport={data.canImport} refresh={refresh} />}
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
              <th>Hashcode</th>
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
                <td>{s.source ? SOURCE[s.source] : ''}</td>
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

type Outcome = { kind: 'check'; stick: string; report: CheckReport } | { kind: 'import'; stick: string; report: ImportReport } | { kind: 'error'; message: string };

function SticksPanel({ sticks, canImport, refresh }: { sticks: NonNullable<OverviewData['sticks']>; canImport: boolean; refresh: () => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = async (stick: string, what: 'check' | 'import' | 'copy'): Promise<void> => {
    setBusy(stick);
    try {
      if (what === 'check') setOutcome({ kind: 'check', stick, report: await api.check(stick) });
      else setOutcome({ kind: 'import', stick, report: await api.import(stick, what === 'copy') });
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
              <td>{s.name}</td>
              <td>{s.station === null ? 'etiket onleesbaar' : `stembureau ${s.station} (volgens het etiket)`}</td>
              <td>
                <button disabled={busy !== null} onClick={() => void run(s.name, 'check')}>
                  Controleren
                </button>
                {canImport && (
                  <>
                    <button class="primary" disabled={busy !== null} onClick={() => void run(s.name, 'import')}>
                      Inlezen
                    </button>
                    <button disabled={busy !== null} onClick={() => void run(s.name, 'copy')} title="Deze stick is de kopie (decreet art. 24)">
                      Inlezen als kopie
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {busy && <p class="muted">Bezig met {busy}…</p>}
      {outcome?.kind === 'error' && <div class="problem">{outcome.message}</div>}
      {outcome?.kind === 'check' && <CheckView report={outcome.report} />}
      {outcome?.kind === 'import' && <ImportView report={outcome.report} />}
    </section>
  );
}

function ImportView({ report }: { report: ImportReport }) {
  switch (report.kind) {
    case 'imported':
      return (
        <div class="good" data-testid="import-outcome">
          {report.station.name}: ingelezen, {report.ballots} stembiljetten{report.source !== 'stick' ? ` (${SOURCE[report.source]})` : ''}.
          {report.note && <div>{report.note}</div>}
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
          <b>GEWEIGERD</b> — {report.problem.message}
          <div>{report.advice}</div>
        </div>
      );
    default: {
      const never: never = report;
      return <div>{String(never)}</div>;
    }
  }
}
