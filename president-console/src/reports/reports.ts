// Printing and PDF for the console: builds the report from the core's data and sends it to the
// thermal printer, or renders it as a PDF for the screen and the envelope.
import type { PrintError, ThermalPrinter } from '@ovs/devices/printer';
import type { ConsoleCore, ReportPrinter } from '../core/console-core.ts';
import type { ReportData, ReportKind } from '../core/report-data.ts';
import type { ActionResult } from '../core/snapshot.ts';
import { buildReport } from './content.ts';
import { reportPdf } from './pdf.ts';
import { reportJob } from './ticket.ts';

export const PRINT_MESSAGES: Record<PrintError, string> = {
  'paper-out': 'De printer heeft geen papier meer: leg een nieuwe rol in.',
  'cover-open': 'Het deksel van de printer staat open.',
  offline: 'De printer antwoordt niet.',
  'write-failed': 'Afdrukken mislukte.',
  timeout: 'De printer antwoordt niet op tijd.',
  'printer-error': 'De printer meldt een storing.',
  'invalid-job': 'Dit rapport kan niet afgedrukt worden.',
};

/** How the console prints a report on its report printer (ConsoleCoreOptions.printReport). */
export function reportPrinter(printer: ThermalPrinter): ReportPrinter {
  return async (kind: ReportKind, data: ReportData): Promise<ActionResult> => {
    const model = buildReport(kind, data);
    if (!model) return { ok: false, error: 'not-now', message: 'Dit rapport bestaat nog niet.' };
    const r = await printer.print(reportJob(model));
    return r.ok ? { ok: true, message: `${model.title} afgedrukt.` } : { ok: false, error: 'printer', message: PRINT_MESSAGES[r.error.code] };
  };
}

export async function reportAsPdf(core: ConsoleCore, kind: ReportKind): Promise<{ name: string; bytes: Buffer } | undefined> {
  const data = core.reportData();
  const model = data ? buildReport(kind, data) : undefined;
  if (!model || !data) return undefined;
  return { name: `${model.kind}-${data.station.name}.pdf`, bytes: await reportPdf(model) };
}
