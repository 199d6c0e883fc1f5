// The check of a stick as a person reads it at the hoofdbureau's table, next to the paper
// kerncijferrapport: polling station, the hash to compare, the key figures, the results.
import type { ElectionPackage } from '@ovs/election';
import type { CheckReport } from '../import/reports.ts';
import { ANNUL_REASON_NAMES, ANNUL_REASONS, cardBalanceLine, INCIDENT_KIND_NAMES, INTERRUPTION_REASON_NAMES, spokenDate } from '@ovs/stick';
import { OTHER_DAY } from '../stick/problems.ts';
import { softwareLine } from '@ovs/release';
import { describeTime } from '../text/time.ts';


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
      ? s.warnings.some((w) => w.code === 'opened-on-other-day')
        ? 'GELDIG, maar NIET OP DE VERKIEZINGSDAG GEOPEND — nog niet ingelezen; inlezen vraagt een beslissing van de voorzitter van het hoofdbureau'
        : 'GELDIG — nog niet ingelezen'
      : prior.kind === 'identical'
        ? `GELDIG — al ingelezen, identiek (${describeTime(prior.importedAt)})`
        : `GELDIG, maar VERSCHILT van wat voor dit stembureau al ingelezen is`;
  lines.push(state);
  lines.push(`Stick:             ${report.path}`);
  lines.push(`Stembureau:        ${s.station.number} — ${s.station.name} (deelgebied ${s.station.deelgebied})`);
  lines.push(`Verkiezingspakket: ${s.packageShortHash}`);
  lines.push(`Software voorzitterscomputer: ${softwareLine(s.software)}`);
  if (s.software.kind === 'mismatch') lines.push(`WAARSCHUWING: deze stick is geschreven door software die niet de release ${s.software.version} van het verkiezingspakket is (${s.software.expectedShortHash}). Meld dit aan de voorzitter van het hoofdbureau en het college van deskundigen.`);
  for (const b of s.boxSoftware) {
    lines.push(`Software stembus: ${softwareLine(b)}`);
    if (b.kind === 'mismatch') lines.push(`WAARSCHUWING: de stembus meldde software die niet de release ${b.version} van het verkiezingspakket is (${b.expectedShortHash}). Meld dit aan de voorzitter van het hoofdbureau en het college van deskundigen.`);
  }
  if (s.boxSoftware.length === 0) lines.push('Software stembus: niet gemeld (geen stembus gekoppeld)');
  for (const v of s.votingComputerSoftware) {
    lines.push(`Software ${v.machine}: ${softwareLine(v.software)}`);
    if (v.software.kind === 'mismatch') lines.push(`WAARSCHUWING: ${v.machine} meldde software die niet de release ${v.software.version} van het verkiezingspakket is (${v.software.expectedShortHash}). Meld dit aan de voorzitter van het hoofdbureau en het college van deskundigen.`);
  }
  lines.push(`Controlecode stembiljetten (vergelijk met het kerncijferrapport): ${s.storeShortHash}`);
  lines.push(`Controlegetal van de afsluiting: ${s.closingShortHash}`);
  const offDay = s.warnings.find((w) => w.code === 'opened-on-other-day');
  lines.push(`Sticks geopend:    ${describeTime(s.startedAt)}`);
  lines.push(`Stemming geopend:  ${c.openedAt ? describeTime(c.openedAt) : 'niet geopend voor de kiezers'}`);
  lines.push(`Afgesloten:        ${describeTime(c.closedAt)}`);
  lines.push(`Verkiezingsdag:    ${spokenDate(pkg.electionDate)} — ${offDay ? 'NIET de dag van deze stick (zie de waarschuwing)' : 'sticks geopend, stemming geopend en gesloten op die dag'}`);
  lines.push('');
  lines.push('Kerncijfers');
  lines.push(`  Geregistreerde stembiljetten: ${c.registeredBallots}`);
  for (const [id, n] of Object.entries(c.registeredPerElection)) {
    lines.push(`    ${pkg.elections.find((e) => e.id === id)?.title ?? id}: ${n}`);
  }
  const categories = pkg.voterCategories
    .map((cat) => `${cat.name.nl} ${c.cards.perCategory[cat.id] ?? 0}${(c.cards.proxyPerCategory[cat.id] ?? 0) > 0 ? ` (waarvan ${c.cards.proxyPerCategory[cat.id]} volmacht)` : ''}`)
    .join(', ');
  lines.push(`  Stemkaarten: ${categories}`);
  lines.push(`  Vervangkaarten (inbegrepen): ${c.cards.replacement}; testkaarten: ${c.cards.test}; activeringskaarten: ${c.cards.activation}`);
  const reasons = ANNUL_REASONS.filter((r) => c.annulledByReason[r] > 0)
    .map((r) => `${ANNUL_REASON_NAMES[r]} ${c.annulledByReason[r]}`)
    .join(', ');
  lines.push(`  Geannuleerde stembiljetten: ${c.annulledBallots}${reasons ? ` (tijdens de dag geregistreerd: ${reasons})` : ''}`);
  lines.push(`  Teststembiljetten: ${c.testBallots}`);
  lines.push('');
  lines.push(s.cardBalance.some((b) => b.difference !== 0) ? 'Stemkaarten en stembiljetten — WAARSCHUWING: verschil' : 'Stemkaarten en stembiljetten');
  for (const b of s.cardBalance) {
    lines.push(`  ${cardBalanceLine(b, pkg.elections.find((e) => e.id === b.election)?.title ?? b.election)}${b.difference === 0 ? '' : ' De voorzitter van het stembureau moet dit verschil verklaren.'}`);
  }
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
    for (const i of s.incidents) lines.push(`  ${INCIDENT_KIND_NAMES[i.kind]}: ${i.description}`);
    for (const i of s.interruptions) lines.push(`  onderbreking: stick ${i.stick} ${INTERRUPTION_REASON_NAMES[i.reason]} van ${describeTime(i.from)} tot ${describeTime(i.to)}`);
  }
  if (s.remarks.length > 0) {
    lines.push('', 'Opmerkingen van getuigen na de afsluiting (ondertekend door het stembureau, op de stick)');
    for (const r of s.remarks) lines.push(`  ${describeTime(r.at)} — ${r.witness}${r.list ? ` (${r.list})` : ''}: ${r.text}`);
  }
  // The differences between cards and ballots are in their own section above.
  for (const w of s.warnings) if (w.code !== 'cards-ballots-difference') lines.push('', `Waarschuwing: ${w.message}`);
  if (offDay && prior?.kind !== 'identical') lines.push('', `Wat nu: ${OTHER_DAY}`);
  if (prior?.kind === 'mismatch') {
    lines.push('', 'Verschillen met de ingelezen gegevens (niets wordt samengevoegd):');
    for (const d of prior.differences) lines.push(`  - ${d}`);
  }
  return lines.join('\n') + '\n';
}
