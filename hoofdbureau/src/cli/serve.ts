import { startHoofdbureau } from '../web/server.ts';
import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { COMMON_OPTIONS, DEFAULT_DB, parse } from './options.ts';

/**
 * `hoofdbureau serve [--db FILE] [--port N] [--sticks DIR] [--name NAME]…`: the web UI on localhost
 * until Ctrl-C. `--name` adds a name the browsers may use for this server besides its address
 * and localhost (the web guard refuses every other Host).
 */
const usage = 'hoofdbureau serve [--db FILE] [--package DIR] [--key FILE] [--port N] [--sticks DIR] [--name NAME]…';

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parse(args, { ...COMMON_OPTIONS, port: { type: 'string' }, sticks: { type: 'string' }, name: { type: 'string', multiple: true } });
  if (!parsed.ok || parsed.positionals.length > 0) {
    io.stderr(`hoofdbureau serve: ${parsed.ok ? 'onverwacht argument' : parsed.message} (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(`gebruik: ${usage}\n`);
    return EXIT.ok;
  }
  const port = v.port === undefined ? 8470 : Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr('hoofdbureau serve: --port moet een poortnummer zijn\n');
    return EXIT.badInput;
  }
  let running;
  try {
    running = await startHoofdbureau({
      db: v.db ?? io.env?.HOOFDBUREAU_DB ?? DEFAULT_DB,
      ...(v.package ? { packageDir: v.package } : {}),
      ...(v['organiser-key'] ? { organiserKey: v['organiser-key'] } : {}),
      ...(v.key ? { key: v.key } : {}),
      ...(v.sticks ? { sticksDir: v.sticks } : {}),
      env: io.env ?? {},
      port,
      guard: { names: v.name ?? [] },
    });
  } catch (e) {
    io.stderr(`hoofdbureau serve: ${(e as Error).message}\n`);
    return EXIT.badInput;
  }
  io.stdout(`Hoofdbureau: ${running.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.stop();
  return EXIT.ok;
}

export const serveCommand: Command = {
  name: 'serve',
  usage,
  summary: 'start de webtoepassing van het hoofdbureau op localhost',
  run,
};
