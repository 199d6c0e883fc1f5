// The self-test step every scanner shares: a technician presents the test ballot and the
// scanner must deliver something within the time allowed.

import { check, type SelfTestCheck } from '../self-test.ts';
import type { Timers } from '../timers.ts';
import type { ScanInput } from './scanner.ts';

export function waitForScan(
  scanner: { onScan(listener: (scan: ScanInput) => void): () => void },
  timers: Timers,
  ms: number,
): Promise<SelfTestCheck> {
  return new Promise((resolve) => {
    const title = 'Reads the test ballot';
    const timer = timers.setTimeout(() => {
      off();
      resolve(check('scan', title, 'fail', `nothing read within ${Math.round(ms / 1000)} s: hold the test ballot under the scanner`));
    }, ms);
    const off = scanner.onScan((scan) => {
      timers.clearTimeout(timer);
      off();
      // Only sizes are reported: the content of a ballot never goes into a report.
      const what = scan.kind === 'decoded' ? `${scan.symbology}, ${scan.bytes.length} bytes` : `frame ${scan.image.width} x ${scan.image.height}`;
      resolve(check('scan', title, 'pass', what));
    });
  });
}
