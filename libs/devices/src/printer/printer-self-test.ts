// One self-test for every ThermalPrinter, so the real printer and the simulator are judged
// by the same checks.

import { check, report, type SelfTestCheck, type SelfTestOptions, type SelfTestReport } from '../self-test.ts';
import type { ThermalPrinter } from './printer.ts';
import { testPageJob } from './test-page.ts';

export async function printerSelfTest(printer: ThermalPrinter, options: SelfTestOptions): Promise<SelfTestReport> {
  const checks: SelfTestCheck[] = [];
  const before = await printer.status();
  switch (before.kind) {
    case 'ready':
      checks.push(check('status', 'Printer answers and is ready', 'pass', 'ready'));
      checks.push(
        before.paper === 'ok'
          ? check('paper', 'Paper roll', 'pass', 'paper present, not near its end')
          : check('paper', 'Paper roll', 'fail', 'paper near its end: put in a new roll'),
      );
      break;
    case 'paper-out':
      checks.push(check('status', 'Printer answers and is ready', 'fail', 'paper out: put in a roll'));
      break;
    case 'cover-open':
      checks.push(check('status', 'Printer answers and is ready', 'fail', 'cover open: close it'));
      break;
    case 'error':
      checks.push(check('status', 'Printer answers and is ready', 'fail', `printer error (${before.cause})`));
      break;
    case 'offline':
      checks.push(check('status', 'Printer answers and is ready', 'fail', `offline (${before.reason}): check cable and power`));
      break;
    default:
      before satisfies never;
  }
  if (before.kind === 'ready') {
    const result = await printer.print(testPageJob('OVS printertest', options.phase));
    checks.push(
      result.ok
        ? check('print', 'Test page printed and cut', 'pass', 'the printer reported the job complete')
        : check('print', 'Test page printed and cut', 'fail', `${result.error.code} (${result.error.stage} printing)`),
    );
    if (result.ok) {
      checks.push(
        check(
          'print-quality',
          'Print quality (look at the page)',
          'operator',
          'black bar without white lines; accented letters legible; left, centre and right lines in place; clean partial cut',
        ),
      );
    }
  }
  return report('printer', printer.implementation, options.phase, null, checks);
}
