// stemcomputer CONFIG.json — starts the voting computer on its hardware; the kiosk browser opens
// the printed URL. Logs (events and outcomes, never a vote) go to stderr as JSON lines and stay
// in RAM on the device (journald is volatile).
import { readFile } from 'node:fs/promises';
import { createAlarm, createCardReader, createHandScanner, createPrinter } from '@ovs/devices';
import { parseConfig } from '../src/config.ts';
import { startVotingComputer } from '../src/start.ts';
import { stderrLog } from '../src/backend/log.ts';

export async function main(argv: string[]): Promise<number> {
  const path = argv[0] === '--config' ? argv[1] : argv[0];
  if (!path) {
    process.stderr.write('gebruik: stemcomputer [--config] CONFIG.json\n');
    return 2;
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    process.stderr.write(`${path} kan niet gelezen worden.\n`);
    return 2;
  }
  const parsed = parseConfig(text);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    return 2;
  }
  const c = parsed.config;
  const devices = {
    printer: createPrinter(c.devices.printer),
    cardReader: createCardReader(c.devices.cardReader),
    alarm: createAlarm(c.devices.alarm),
    ...(c.devices.handScanner ? { handScanner: createHandScanner(c.devices.handScanner) } : {}),
  };
  const started = await startVotingComputer({ packageDir: c.packageDir, organiserPublicKey: c.organiserPublicKey, station: c.station, devices, host: c.host, port: c.port, log: stderrLog(`stembureau-${c.station}`) });
  if (!started.ok) {
    process.stderr.write(`${JSON.stringify(started.error)}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify({ event: 'started', url: started.handle.url })}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await started.handle.stop();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
