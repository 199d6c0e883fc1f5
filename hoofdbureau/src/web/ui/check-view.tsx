import type { CheckReport } from './api.ts';
import { time } from './format.ts';

/** The check of a stick, next to the paper kerncijferrapport: the hash in large print. */
export function CheckView({ report }: { report: CheckReport }) {
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
  return (
    <div class={prior?.kind === 'mismatch' ? 'problem' : 'good'} data-testid="check-outcome">
      <b>GELDIG</b> — {s.station.name}
      {prior?.kind === 'identical' && ' — al ingelezen, identiek'}
      {prior?.kind === 'mismatch' && ' — VERSCHILT van de ingelezen gegevens'}
      {(prior === undefined || prior.kind === 'new') && ' — nog niet ingelezen'}
      <p>
        Hashcode (vergelijk met het kerncijferrapport): <span class="hash">{s.storeShortHash}</span>
      </p>
      <p class="muted">
        Controlegetal afsluiting {s.closingShortHash}; geopend {time(c.openedAt)}, afgesloten {time(c.closedAt)}.
      </p>
      <p>
        Geregistreerde stembiljetten: <b>{c.registeredBallots}</b>; geannuleerd: {c.annulledBallots}; teststembiljetten: {c.testBallots}.
      </p>
      {report.tallies?.map((t) => (
        <p key={t.election}>
          {t.election}: {t.tally.ballots} stembiljetten, {t.tally.blank} blanco; stemcijfers {t.tally.lists.map((l) => `${l.number}: ${l.stemcijfer}`).join(', ')}
        </p>
      ))}
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
