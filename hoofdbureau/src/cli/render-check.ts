// The check of a stick as a person reads it at the hoofdbureau's table, next to the paper
// kerncijferrapport: polling station, the hash to compare, the key figures, the results.
import type { ElectionPackage } from '@ovs/election';
import type { CheckReport } from '../import/reports.ts';
import { describeTime } from '../text/time.ts';

const REASONS: Record<string, string> = {
  shown: 'stem getoond',
  damaged: 'beschadigd',
  'visualisation-impossible': 'visualisatie onmogelijk',
  'voter-request': 'op verzoek van de kiezer',
  'unreadable-by-box': 'onleesbaar voor de stembus',
};

export function renderCheck(report: CheckReport, pkg: ElectionPackage): string {
  const lines: string[] = [];
  if (!report.ok) {
    lines.push(`ONGELDIG — deze stick wordt niet ingelezen`);
    lines.push(`Stick:        ${report.path}`);
    if (report.stationHint !== undefined) lines.push(`Stembureau:   ${report.stationHint} (volgens het etiket, niet gecontroleerd)`);
    lines.push(`Reden:        ${report.problem.message}`);
    lines.push(`Wat nu:       ${report.advice}`);
    return lines.join('\n') + '\n';
  }
  const s = report.summary;
  const c = s.closing;
  const prior = report.prior;
  const state =
    prior === undefined || prior.kind === 'new'
      ? 'GELDIG — nog niet ingelezen'
      : prior.kind === 'identical'
        ? `GELDIG — al ingelezen, identiek (${describeTime(prior.importedAt)})`
        : `GELDIG, maar VERSCHILT van wat voor dit stembureau al ingelezen is`;
  lines.push(state);
  lines.push(`Stick:             ${report.path}`);
  lines.push(`Stembureau:        ${s.station.number} — ${s.station.name} (deelgebied ${s.station.deelgebied})`);
  lines.push(`Verkiezingspakket: ${s.packageShortHash}`);
  lines.push(`Hashcode stembiljetten (vergelijk met het kerncijferrapport): ${s.storeShortHash}`);
  lines.push(`Controlegetal van de afsluiting: ${s.closingShortHash}`);
  lines.push(`Geopend:           ${c.openedAt ? describeTime(c.openedAt) : 'niet geopend voor de kiezers'}`);
  lines.push(`Afgesloten:        ${describeTime(c.closedAt)}`);
  lines.push('');
  lines.push('Kerncijfers');
  lines.push(`  Geregistreerde stembiljetten: ${c.registeredBallots}`);
  for (const [id, n] of Object.entries(c.registeredPerElection)) {
    lines.push(`    ${pkg.elections.find((e) => e.id === id)?.title ?? id}: ${n}`);
  }
  const categories = pkg.voterCategories
    .map((cat) => `${cat.name.nl} ${c.cards.perCategory[cat.id] ?? 0}${(c.cards.proxyPerCategory[cat.id] ?? 0) > 0 ? ` (waarvan ${c.cards.proxyPerCategory[cat.id]} volmacht)` : ''}`)
    .join(', ');
  lines.push(`  Kiezerskaarten: ${categories}`);
  lines.push(`  Vervangkaarten: ${c.cards.replacement}; testkaarten: ${c.cards.test}; activeringskaarten: ${c.cards.activation}`);
  const reasons = Object.entries(c.annulledByReason)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${REASONS[r] ?? r} ${n}`)
    .join(', ');
  lines.push(`  Geannuleerde stembiljetten: ${c.annulledBallots}${reasons ? ` (tijdens de dag geregistreerd: ${reasons})` : ''}`);
  lines.push(`  Teststembiljetten: ${c.testBallots}`);
  if (report.tallies) {
    lines.push('');
    lines.push('Resultaten van dit stembureau');
    for (const { election, tally } of report.tallies) {
      const e = pkg.elections.find((x) => x.id === election);
      lines.push(`  ${e?.title ?? election}: ${tally.ballots} stembiljetten, ${tally.blank} blanco`);
      for (const l of tally.lists) {
        const name = e?.lists.find((x) => x.number === l.number)?.name ?? '';
        lines.push(`    ${String(l.number).padStart(2)} ${name.padEnd(28)} ${String(l.stemcijfer).padStart(6)}   (lijststem alleen ${l.topBoxOnly}, met naamstemmen ${l.withCandidates})`);
      }
    }
  } else {
    lines.push('', 'Resultaten: niet getoond (geen sleutel van het hoofdbureau opgegeven, --key).');
  }
  if (s.incidents.length > 0 || s.interruptions.length > 0) {
    lines.push('', 'Incidenten (voor het PV)');
    for (const i of s.incidents) lines.push(`  ${i.kind}: ${i.description}`);
    for (const i of s.interruptions) lines.push(`  onderbreking stick ${i.stick} (${i.reason}) van ${describeTime(i.from)} tot ${describeTime(i.to)}`);
  }
  for (const w of s.warnings) lines.push('', `Waarschuwing: ${w.message}`);
  if (prior?.kind === 'mismatch') {
    lines.push('', 'Verschillen met de ingelezen gegevens (niets wordt samengevoegd):');
    for (const d of prior.differences) lines.push(`  - ${d}`);
  }
  return lines.join('\n') + '\n';
}
