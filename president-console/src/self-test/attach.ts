// Wires test mode into the console (start.ts): the core decides when a test may run, this runs
// it on the console's devices and prints the report on the report printer.
import type { ConsoleCore } from '../core/console-core.ts';
import { PRINT_MESSAGES } from '../reports/reports.ts';
import { selfTestReportModel } from '../reports/test-report.ts';
import { reportJob } from '../reports/ticket.ts';
import { runConsoleSelfTest, type ConsoleTestDevices } from './run.ts';

export function attachSelfTest(core: ConsoleCore, devices: ConsoleTestDevices): void {
  core.selfTester = async (context) => {
    const report = await runConsoleSelfTest(devices, context);
    const printed = await devices.printer.print(reportJob(selfTestReportModel(report)));
    return { report, printed: printed.ok ? { ok: true } : { ok: false, message: PRINT_MESSAGES[printed.error] ?? 'Afdrukken mislukte.' } };
  };
}
