import type { CheckReport } from './api.ts';
import { time } from './format.ts';

/** The check of a stick, next to the paper kerncijferrapport: the hash in large print. */
export function CheckView({ report, titles }: { report: CheckReport; titles: ReadonlyMap<string, string> }) {
  if (!report.ok) {
    return (
      <div class="problem" data-testid="check-outcome">
        <b>ONGELDIG</b> — {report.problem.message}
        <div>{report.advice}</div>
      </div>
    );
  }
  const s = report.summary;
  const c = s.closing;
  const prior = report.prior;
  const offDay = s.warnings.some((w) => w.code === 'opened-on-other-day') && prior?.kind !== 'identical';
  return (
    <div class={prior?.kind === 'mismatch' ? 'problem' : offDay ? 'note' : 'good'} data-testid="check-outcome">
      <b>GELDIG</b> — {s.station.name}
      {prior?.kind === 'identical' && ' — al ingelezen, identiek'}
      {prior?.kind === 'mismatch' && ' — VERSCHILT van de ingelezen gegevens'}
      {(prior === undefined || prior.kind === 'new') && ' — nog niet ingelezen'}
      <Warnings warnings={s.warnings} decisionNeeded={prior?.kind !== 'identical'} />
      <p>
        Controlecode stembiljetten (vergelijk met het kerncijferrapport): <span class="hash">{s.storeShortHash}</span>
      </p>
      <p class="muted">
        Controlegetal afsluiting {s.closingShortHash}; sticks geopend {time(s.startedAt)}, stemming geopend {time(c.openedAt)}, afgesloten {time(c.closedAt)}.
      </p>
      <p>
        Geregistreerde stembiljetten: <b>{c.registeredBallots}</b>; geannuleerd: {c.annulledBallots}; teststembiljetten: {c.testBallots}.
      </p>
      {!s.warnings.some((w) => w.code === 'cards-ballots-difference') && <p>Stemkaarten en stembiljetten: geen verschil per verkiezing.</p>}
      {report.tallies?.map((t) => (
        <p key={t.election}>
          {titles.get(t.election) ?? t.election}: {t.tally.ballots} stembiljetten, waarvan {t.tally.blank} blanco; stemcijfer per lijst: {t.tally.lists.map((l) => `lijst ${l.number}: ${l.stemcijfer}`).join(', ')}
        </p>
      ))}
      {s.remarks.length > 0 && (
        <div data-testid="remarks">
          <b>Opmerkingen van getuigen na de afsluiting</b> (ondertekend door het stembureau, op de stick):
          <ul>
            {s.remarks.map((r) => (
              <li key={r.at + r.witness}>
                {time(r.at)} — {r.witness}
                {r.list ? ` (${r.list})` : ''}: {r.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {prior?.kind === 'mismatch' && (
        <ul>
          {prior.differences.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

type Warning = Extract<CheckReport, { ok: true }>['summary']['warnings'][number];

/** What must be seen before importing: another day (a decision of the voorzitter), cards against ballots (to be explained). */
export function Warnings({ warnings, decisionNeeded }: { warnings: readonly Warning[]; decisionNeeded: boolean }) {
  if (warnings.length === 0) return null;
  return (
    <div data-testid="warnings">
      {warnings.map((w) => (
        <div class="note" key={w.message} data-warning={w.code}>
          <b>Let op:</b> {w.message}
          {w.code === 'opened-on-other-day' && decisionNeeded && <div>Inlezen vraagt een beslissing van de voorzitter van het hoofdbureau.</div>}
        </div>
      ))}
    </div>
  );
}
