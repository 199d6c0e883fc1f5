// `npm start`: the virtual polling station. Prepares the demo election for Vlindermeer (once,
// cached in out/demo/election), two fresh sticks for polling station 1, starts the president
// console, three voting computers, the ballot box and the hoofdbureau in this one process on
// 127.0.0.1 with simulated hardware, and prints one URL. Ctrl-C stops every server and exits 0.
//
//   npm start [-- --port N] [--run-dir DIR] [--package-dir DIR] [--mixed]
//
// --mixed: a mixed municipality (one paper telbureau next to the digital stations): stations
// 10–12 vote on paper, and the page shows the tables of telbureaus G1 and P1 to type in.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PollingStation } from './demo/station.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_PORT = 8460;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'run-dir': { type: 'string' },
    'package-dir': { type: 'string' },
    mixed: { type: 'boolean', default: false },
  },
  strict: true,
});
const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: een poortnummer (0 = een vrije poort), niet "${values.port}"`);
  process.exit(2);
}

const progress = (line: string): void => void process.stderr.write(`${line}\n`);

let stopping = false;
let stoppingSince = 0;
// The apps are loaded after the signal handlers are in place (below), so that a Ctrl-C while
// they load is handled like any other: nothing starts, exit code 0.
const starting: Promise<PollingStation | undefined> = (async () => {
  await new Promise((resolve) => setImmediate(resolve));
  const { startPollingStation } = await import('./demo/station.ts');
  if (stopping) return undefined;
  return startPollingStation({
    packageDir: values['package-dir'] ?? `${root}out/demo/election`,
    runDir: values['run-dir'] ?? `${root}out/demo/run`,
    port,
    progress,
    mixed: values.mixed === true,
  });
})();

/** The bundler's service process (esbuild's JS API runs one), when it was loaded at all. */
async function stopEsbuild(): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.stop();
}

async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    // npm forwards the terminal's Ctrl-C to us although the terminal already sent it to the
    // whole process group: one Ctrl-C arrives twice. A second one seconds later is a person
    // who does not want to wait.
    if (performance.now() - stoppingSince < 2000) return;
    process.stderr.write('Onmiddellijk gestopt.\n');
    process.exit(130);
  }
  stopping = true;
  stoppingSince = performance.now();
  process.stderr.write(`\n${signal}: het virtuele stembureau stopt…\n`);
  let code = 0;
  try {
    // Ctrl-C while the devices start: let them finish starting, then stop them all.
    const station = await starting.catch(() => undefined);
    await station?.stop();
  } catch (e) {
    console.error(e);
    code = 1;
  }
  await stopEsbuild();
  process.stderr.write('Alles is gestopt.\n');
  process.exitCode = failed ? 1 : code;
}

process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// A terminal's Ctrl-C reaches every process of the group, the bundler's service processes too:
// a bundle still being built while the devices start then fails. Expected while stopping.
// Its failure can be heard before the signal itself: wait a moment before calling it a fault.
let failed = false;
process.on('unhandledRejection', (e) => {
  setTimeout(() => {
    if (stopping) return;
    console.error('Onverwachte fout:', e);
    failed = true;
    void shutdown('Fout');
  }, 250);
});

try {
  const station = await starting;
  if (station && !stopping) {
    console.log(`Virtueel stembureau: ${station.url}`);
    progress('Open die pagina in een browser. Ctrl-C stopt alles.');
  }
} catch (e) {
  if (!stopping) {
    console.error('Het virtuele stembureau kon niet starten:', e);
    await stopEsbuild();
    process.exit(1);
  }
}
