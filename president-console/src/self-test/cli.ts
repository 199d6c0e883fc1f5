// `president-console self-test --phase fase-1|fase-2 [--pdf FILE] CONFIG.json`: the technician's
// test on the console's own devices without the screen (a depot bench, fase 1). It starts the
// console as the service does — so it cannot run beside a running console: the ports are taken —
// runs the test under the same rules as "Technische test" on the screen (never after the
// password, never on sticks with a running session), prints the report on the report printer,
// writes it as JSON to stdout and, with --pdf, as a PDF.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config.ts';
import { reportPdf } from '../reports/pdf.ts';
import { selfTestReportModel } from '../reports/test-report.ts';
import { startConsole } from '../start.ts';
import { writeSignedReport } from '@ovs/inventory/device';

export interface SelfTestCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
}

export const processIo: SelfTestCliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, bytes) => writeFile(path, bytes),
};

const USAGE = 'gebruik: president-console self-test --phase fase-1|fase-2 [--pdf RAPPORT.pdf] [--signed RAPPORT.json --device-key /etc/ovs/device.key --serial S] CONFIG.json\n';

/** Exit code: 0 passed, 1 not passed or refused, 2 bad usage or configuration. */
export async function selfTestCli(argv: readonly string[], io: SelfTestCliIo = processIo): Promise<number> {
  let values: { phase?: string | undefined; pdf?: string | undefined; config?: string | undefined; signed?: string | undefined; 'device-key'?: string | undefined; serial?: string | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: { phase: { type: 'string' }, pdf: { type: 'string' }, config: { type: 'string' }, signed: { type: 'string' }, 'device-key': { type: 'string' }, serial: { type: 'string' } }, allowPositionals: true, strict: true }));
  } catch (e) {
    io.stderr(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const phase = values.phase;
  const path = values.config ?? positionals[0];
  if ((phase !== 'fase-1' && phase !== 'fase-2') || !path || positionals.length > (values.config ? 0 : 1)) {
    io.stderr(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = await io.readFile(path);
  } catch {
    io.stderr(`${path} kan niet gelezen worden.\n`);
    return 2;
  }
  const config = parseConfig(text);
  if (!config.ok) {
    io.stderr(`${config.message}\n`);
    return 2;
  }
  let handle;
  try {
    handle = await startConsole({ ...config.options, ui: false, pollMs: 0 });
  } catch (e) {
    io.stderr(`De voorzitterscomputer kan niet starten (${(e as Error).message}). Draait ze al? Test dan via "Technische test" op het scherm, of stop eerst de dienst.\n`);
    await Promise.all([config.options.devices.cardWriter.close(), config.options.devices.printer.close()]);
    return 1;
  }
  try {
    // A terminal just opened answers after its link handshake (HARDWARE.md, "Serial link").
    const writer = config.options.devices.cardWriter;
    for (let i = 0; i < 60 && writer.status().kind === 'no-reader'; i++) await new Promise((r) => setTimeout(r, 50));
    const outcome = await handle.core.selfTest(phase);
    io.stderr(`${outcome.message}\n`);
    if (!outcome.ok) return 1;
    io.stdout(`${JSON.stringify(outcome.report, null, 2)}\n`);
    if (values.pdf) await io.writeFile(values.pdf, await reportPdf(selfTestReportModel(outcome.report)));
    // Seed 001 §XIV.1: the report signed by this device's key, for the case inventory (npx koffer verzamel).
    if (values.signed) {
      const problem = await writeSignedReport(outcome.report, { signed: values.signed, deviceKey: values['device-key'], serial: values.serial });
      if (problem) {
        io.stderr(`${problem}\n`);
        return 2;
      }
    }
    return outcome.report.passed ? 0 : 1;
  } finally {
    await handle.stop();
    await Promise.all([config.options.devices.cardWriter.close(), config.options.devices.printer.close()]);
  }
}
