import { networkInterfaces } from 'node:os';
import { hasChair } from '../staff/accounts.ts';
import { startHoofdbureau } from '../web/server.ts';
import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { COMMON_OPTIONS, DEFAULT_DB, parse } from './options.ts';

/**
 * `hoofdbureau serve [--db FILE] [--host ADDR] [--port N] [--sticks DIR] [--name NAME]…`: the web
 * UI until Ctrl-C, on localhost unless `--host` says otherwise (`--host 0.0.0.0` or the server's
 * address on the hoofdbureau's network: several workstations). `--name` adds a name the browsers
 * may use for this server besides its address and localhost (the web guard refuses every other Host).
 */
const usage = 'hoofdbureau serve [--db FILE] [--package DIR] [--key FILE] [--host ADDR] [--port N] [--sticks DIR] [--name NAME]…';

/** The addresses a workstation can reach the server on, for the start message. */
function addressesFor(host: string, port: number, names: readonly string[]): string[] {
  const urls = names.map((n) => `http://${n.includes(':') ? n : `${n}:${port}`}/`);
  if (host === '0.0.0.0' || host === '::') {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') urls.push(`http://${a.address}:${port}/`);
    }
  } else if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') urls.push(`http://${host.includes(':') ? `[${host}]` : host}:${port}/`);
  return urls;
}

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parse(args, { ...COMMON_OPTIONS, port: { type: 'string' }, host: { type: 'string' }, sticks: { type: 'string' }, name: { type: 'string', multiple: true } });
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
      ...(v.host ? { host: v.host } : {}),
      guard: { names: v.name ?? [] },
    });
  } catch (e) {
    io.stderr(`hoofdbureau serve: ${(e as Error).message}\n`);
    return EXIT.badInput;
  }
  io.stdout(`Hoofdbureau: ${running.url}\n`);
  const listening = Number(new URL(running.url).port);
  for (const url of addressesFor(v.host ?? '127.0.0.1', listening, v.name ?? [])) io.stdout(`Op het netwerk: ${url}\n`);
  if (!hasChair(running.hoofdbureau.db.sqlite)) {
    io.stdout('Er is nog geen account van de voorzitter: niemand kan zich aanmelden. Maak het met\n  hoofdbureau account create --role voorzitter --username NAAM --name "VOLLEDIGE NAAM"\n');
  }
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
  summary: 'start de webtoepassing van het hoofdbureau (localhost, of met --host op het netwerk van het hoofdbureau)',
  run,
};
