// Test mode for the console (start.ts passes it to the core): the core decides when a test may
// run, this runs it on the console's devices and prints the report on the report printer.
import type { SelfTester } from '../core/console-core.ts';
import { PRINT_MESSAGES } from '../reports/reports.ts';
import { selfTestReportModel } from '../reports/test-report.ts';
import { reportJob } from '../reports/ticket.ts';
import { runConsoleSelfTest, type ConsoleTestDevices } from './run.ts';

/** `devices()`: the devices when the test runs (the link's address is known only once it listens). */
export function selfTester(devices: () => ConsoleTestDevices): SelfTester {
  return async (context) => {
    const d = devices();
    const report = await runConsoleSelfTest(d, context);
    const printed = await d.printer.print(reportJob(selfTestReportModel(report)));
    return { report, printed: printed.ok ? { ok: true } : { ok: false, message: PRINT_MESSAGES[printed.error.code] } };
  };
}
