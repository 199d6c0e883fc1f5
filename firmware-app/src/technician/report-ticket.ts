// The test report in Dutch: as lines (the technician screen, the CLI) and as a ticket on the
// ballot printer, for the technician's file.
import type { SelfTestCheck } from '@ovs/devices';
import type { PrintElement, PrintJob } from '@ovs/devices';
import { DEVICE_NAMES, deviceDetail, deviceTitle } from '@ovs/devices/self-test-text';
import type { StemcomputerTestReport } from './report.ts';

const OUTCOME: Record<SelfTestCheck['outcome'], string> = { pass: 'OK', fail: 'FOUT', operator: 'NAZIEN' };

const WHEN = new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export interface ReportLine {
  text: string;
  kind: 'title' | 'heading' | 'line' | 'check';
  outcome?: SelfTestCheck['outcome'];
}

const checkLine = (c: SelfTestCheck, device: boolean): ReportLine => ({
  kind: 'check',
  outcome: c.outcome,
  text: `${OUTCOME[c.outcome]}  ${device ? deviceTitle(c) : c.title}: ${device ? deviceDetail(c.detail) : c.detail}`,
});

export function reportLines(r: StemcomputerTestReport): ReportLine[] {
  const lines: ReportLine[] = [
    { kind: 'title', text: 'TESTRAPPORT STEMCOMPUTER' },
    { kind: 'line', text: r.phase === 'fase-1' ? 'Fase 1 (depot)' : 'Fase 2 (stemlokaal)' },
    { kind: 'line', text: `Stembureau ${r.station.number}: ${r.station.name}` },
    { kind: 'line', text: `Verkiezingspakket ${r.packageShortHash}` },
    { kind: 'line', text: `Software ${r.software}` },
    { kind: 'line', text: `Getest op ${WHEN.format(new Date(r.at))}` },
    { kind: 'line', text: r.handScanner ? 'Met de handscanner van het stembureau' : 'Zonder handscanner' },
    { kind: 'line', text: r.implementation === 'simulated' ? 'SIMULATIE - geldt niet als test van echte apparatuur' : 'Echte apparatuur' },
    { kind: 'heading', text: 'Stemcomputer' },
    ...r.checks.map((c) => checkLine(c, false)),
  ];
  for (const d of r.devices) {
    lines.push({ kind: 'heading', text: d.identity ? `${DEVICE_NAMES[d.device]} (${d.identity.model}, firmware ${d.identity.firmware}, serienummer ${d.identity.serial})` : DEVICE_NAMES[d.device] });
    lines.push(...d.checks.map((c) => checkLine(c, true)));
  }
  lines.push({ kind: 'heading', text: r.passed ? 'RESULTAAT: geslaagd' : 'RESULTAAT: NIET geslaagd' });
  lines.push({ kind: 'line', text: r.passed ? 'Controleer de punten NAZIEN en teken.' : 'Herstel de punten FOUT en test opnieuw.' });
  return lines;
}

export const reportText = (r: StemcomputerTestReport): string => `${reportLines(r).map((l) => l.text).join('\n')}\n`;

export function reportTicket(r: StemcomputerTestReport): PrintJob {
  const elements: PrintElement[] = [];
  for (const l of reportLines(r)) {
    switch (l.kind) {
      case 'title':
        elements.push({ kind: 'text', text: l.text, align: 'center', bold: true }, { kind: 'feed', lines: 1 });
        break;
      case 'heading':
        elements.push({ kind: 'feed', lines: 1 }, { kind: 'text', text: l.text, bold: true });
        break;
      case 'line':
      case 'check':
        elements.push({ kind: 'text', text: l.text });
        break;
      default:
        l.kind satisfies never;
    }
  }
  elements.push({ kind: 'feed', lines: 2 }, { kind: 'text', text: 'Technicus: ______________________________' }, { kind: 'feed', lines: 2 }, { kind: 'cut' });
  return { elements };
}
