// president-console CONFIG.json — starts the voorzitterscomputer on hardware: the kiosk
// browser opens the printed URL. Logs go to stdout as JSON lines (events and outcomes only).
// president-console self-test --phase fase-1|fase-2 CONFIG.json — the technician's test
// (src/self-test/cli.ts).
import { readFile } from 'node:fs/promises';
import { parseConfig } from '../src/config.ts';
import { selfTestCli } from '../src/self-test/cli.ts';
import { startConsole } from '../src/start.ts';

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'self-test') return selfTestCli(argv.slice(1));
  const path = argv[0];
  if (!path) {
    process.stderr.write('gebruik: president-console CONFIG.json\n       president-console self-test --phase fase-1|fase-2 CONFIG.json\n');
    return 2;
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    process.stderr.write(`${path} kan niet gelezen worden.\n`);
    return 2;
  }
  const config = parseConfig(text);
  if (!config.ok) {
    process.stderr.write(`${config.message}\n`);
    return 2;
  }
  const handle = await startConsole({ ...config.options, prebuiltUi: true, log: (e) => process.stdout.write(`${JSON.stringify(e)}\n`) });
  process.stdout.write(`${JSON.stringify({ event: 'started', url: handle.url, link: handle.linkUrl })}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await handle.stop();
  return 0;
}
