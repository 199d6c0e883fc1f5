// stemcomputer CONFIG.json — starts the voting computer on its hardware; the kiosk browser opens
// the printed URL. Logs (events and outcomes, never a vote) go to stderr as JSON lines and stay
// in RAM on the device (journald is volatile).
// stemcomputer self-test --phase fase-1|fase-2 --config CONFIG.json — the technician's test
// (src/technician/cli.ts).
import { openConfiguredDevices, readConfigFile } from '../src/config.ts';
import { startVotingComputer } from '../src/start.ts';
import { stderrLog } from '../src/backend/log.ts';
import { selfTestCommand } from '../src/technician/cli.ts';

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'self-test') return selfTestCommand(argv.slice(1));
  const path = argv[0] === '--config' ? argv[1] : argv[0];
  if (!path) {
    process.stderr.write('gebruik: stemcomputer [--config] CONFIG.json\n       stemcomputer self-test --phase fase-1|fase-2 --config CONFIG.json [--out RAPPORT.json]\n');
    return 2;
  }
  const parsed = await readConfigFile(path);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    return 2;
  }
  const c = parsed.config;
  const devices = openConfiguredDevices(c.devices);
  const started = await startVotingComputer({ packageDir: c.packageDir, organiserPublicKey: c.organiserPublicKey, station: c.station, devices, host: c.host, port: c.port, ...(c.console ? { console: c.console } : {}), log: stderrLog(`stembureau-${c.station}`) });
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
