// `stemcomputer self-test --phase fase-1|fase-2 --config FILE [--out REPORT.json]`: the test mode
// started from the machine's own console (a keyboard at the depot, or a technician's laptop),
// without a technician card. It starts the voting computer on its real devices as the service
// does — so it cannot run beside the service: the card reader and the port are taken, which
// also means no voter can be in the middle of a vote — and opens the test mode for that phase.
// The technician then touches "Start" on the kiosk screen (the touch check needs the screen);
// the report is printed on the ballot printer, written as JSON to stdout (and --out), and in
// words to stderr. Exit 0 passed, 1 not passed or not possible, 2 bad usage.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openConfiguredDevices, readConfigFile } from '../config.ts';
import { stderrLog } from '../backend/log.ts';
import { startVotingComputer } from '../start.ts';
import { reportText } from './report-ticket.ts';
import { writeSignedReport } from '@ovs/inventory/device';

export interface SelfTestCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = 'gebruik: stemcomputer self-test --phase fase-1|fase-2 --config CONFIG.json [--out RAPPORT.json] [--signed RAPPORT.json --device-key /etc/ovs/device.key --serial S]\n';

const REFUSED: Record<'activated' | 'not-at-rest' | 'card-present' | 'stopped', string> = {
  activated: 'De stemcomputer is geactiveerd: de testmodus kan niet.',
  'not-at-rest': 'De stemcomputer is bezig: de testmodus kan niet.',
  'card-present': 'Er zit een kaart in de kaartlezer die geen testkaart is: neem ze uit.',
  stopped: 'De stemcomputer stopte.',
};

export async function selfTestCommand(argv: readonly string[], io: SelfTestCliIo = { stdout: (s) => void process.stdout.write(s), stderr: (s) => void process.stderr.write(s) }): Promise<number> {
  let values: { phase?: string | undefined; config?: string | undefined; out?: string | undefined; signed?: string | undefined; 'device-key'?: string | undefined; serial?: string | undefined };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { phase: { type: 'string' }, config: { type: 'string' }, out: { type: 'string' }, signed: { type: 'string' }, 'device-key': { type: 'string' }, serial: { type: 'string' } }, strict: true }));
  } catch (e) {
    io.stderr(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const phase = values.phase;
  if ((phase !== 'fase-1' && phase !== 'fase-2') || !values.config) {
    io.stderr(USAGE);
    return 2;
  }
  const parsed = await readConfigFile(values.config);
  if (!parsed.ok) {
    io.stderr(`${parsed.message}\n`);
    return 2;
  }
  const c = parsed.config;
  const devices = openConfiguredDevices(c.devices);
  const closeDevices = () => Promise.all([devices.printer.close(), devices.cardReader.close(), devices.alarm.close(), devices.handScanner?.close()]);
  const started = await startVotingComputer({ packageDir: c.packageDir, organiserPublicKey: c.organiserPublicKey, station: c.station, devices, host: c.host, port: c.port, log: stderrLog(`stembureau-${c.station}`) });
  if (!started.ok) {
    const why = started.error.kind === 'package' ? started.error.error.message : started.error.message;
    io.stderr(`De stemcomputer kan niet starten: ${why}. Draait de dienst nog? Stop ze eerst, of test met de testkaart.\n`);
    await closeDevices();
    return 1;
  }
  const m = started.handle;
  try {
    // The card reader answers after its link handshake; only then can a card in it be judged.
    for (let i = 0; i < 60 && devices.cardReader.status().kind === 'no-reader'; i++) await new Promise((r) => setTimeout(r, 50));
    const entered = await m.computer.enterTechnicianMode({ phases: [phase] });
    if (!entered.ok) {
      io.stderr(`${REFUSED[entered.error]}\n`);
      return 1;
    }
    io.stderr(`Testmodus ${phase} staat op het scherm (${m.url}): raak daar de knop aan om te beginnen.\n`);
    const report = await m.computer.nextTestReport();
    if (!report) {
      io.stderr('De test werd niet afgewerkt.\n');
      return 1;
    }
    const json = `${JSON.stringify(report, null, 2)}\n`;
    io.stdout(json);
    io.stderr(reportText(report));
    if (values.out) await writeFile(values.out, json);
    // Seed 001 §XIV.1: the report signed by this device's key, for the case inventory (npx koffer verzamel).
    if (values.signed) {
      const problem = await writeSignedReport(report, { signed: values.signed, deviceKey: values['device-key'], serial: values.serial });
      if (problem) {
        io.stderr(`${problem}\n`);
        return 2;
      }
    }
    return report.passed ? 0 : 1;
  } finally {
    await m.stop();
    await closeDevices();
  }
}
