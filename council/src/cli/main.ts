// `council serve [--demo] [--port N] [--db FILE] [--name NAME]…`: the meeting server on
// localhost until Ctrl-C (exit 0). With --demo a fresh demo meeting in a new database, and one
// address per screen: the chair's first, then the secretariat, the projector and every member.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes, toHex } from '@ovs/crypto';
import { openCouncil } from '../council.ts';
import { setUpDemo } from '../demo.ts';
import { readMeeting } from '../meeting.ts';
import { setUpMeetingFromJson } from '../setup.ts';
import { startCouncil } from '../web/server.ts';

const usage = 'council serve [--demo] [--port N] [--db FILE] [--name NAME]… | council setup --db FILE --meeting FILE.json';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves when the operator stops the server (Ctrl-C). */
  stopped(): Promise<void>;
}

const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  stopped: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
};

export async function main(args: readonly string[], io: CliIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { meeting: { type: 'string' }, demo: { type: 'boolean' }, port: { type: 'string' }, db: { type: 'string' }, name: { type: 'string', multiple: true }, help: { type: 'boolean' } } });
  } catch (e) {
    io.stderr(`council: ${(e as Error).message} (gebruik: ${usage})\n`);
    return 2;
  }
  const v = parsed.values;
  if (parsed.positionals[0] === 'setup' && parsed.positionals.length === 1 && v.db && v.meeting) return setup(v.db, v.meeting, io);
  if (v.help || parsed.positionals[0] !== 'serve' || parsed.positionals.length !== 1) {
    (v.help ? io.stdout : io.stderr)(`gebruik: ${usage}\n`);
    return v.help ? 0 : 2;
  }
  const port = v.port === undefined ? 8480 : Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr('council serve: --port moet een poortnummer zijn (0 = een vrije poort).\n');
    return 2;
  }
  if (!v.demo && !v.db) {
    io.stderr('council serve: geef --db BESTAND (de databank van de gemeente), of --demo voor een demozitting.\n');
    return 2;
  }
  const file = v.db ?? join(mkdtempSync(join(tmpdir(), 'council-demo-')), 'council.db');
  const opened = openCouncil({ file, log: (line) => io.stderr(`${line}\n`) });
  if (!opened.ok) {
    io.stderr(`council serve: ${opened.error}\n`);
    return 1;
  }
  const council = opened.value;
  const links = new Map<string, string>();
  let accounts: Array<{ username: string; name: string; role: string; password: string }> = [];
  if (v.demo) {
    const demo = await setUpDemo(council, { N: 2 ** 12, r: 8, p: 1 });
    if (!demo.ok) {
      io.stderr(`council serve: ${demo.error}\n`);
      council.close();
      return 1;
    }
    accounts = demo.value;
    for (const a of accounts) links.set(toHex(randomBytes(16)), a.username);
  }
  let running;
  try {
    running = await startCouncil({ file, council, port, guard: { names: v.name ?? [] }, demoLinks: links });
  } catch (e) {
    io.stderr(`council serve: ${(e as Error).message}\n`);
    council.close();
    return 1;
  }
  const url = running.url.replace(/\/$/, '');
  const link = (username: string): string => `${url}/demo/${[...links].find(([, u]) => u === username)?.[0] ?? ''}`;
  if (v.demo) {
    io.stdout(`${link('voorzitter')}  voorzitter (regietool)\n`);
    io.stdout(`${link('secretariaat')}  secretariaat (regietool)\n`);
    io.stdout(`${url}/projectie/${readMeeting(council.sqlite)?.projectorKey ?? ''}  projectiescherm (alleen lezen)\n`);
    for (const a of accounts.filter((x) => x.role === 'raadslid')) io.stdout(`${link(a.username)}  raadslid ${a.name}\n`);
    io.stdout(`Demozitting ${readMeeting(council.sqlite)?.title ?? ''} in ${file}. Aanmelden kan ook met gebruikersnaam en wachtwoord: voorzitter / demo-voorzitter, raadslid01 / demo-raadslid01, … Ctrl-C stopt de server.\n`);
  } else io.stdout(`${url}/  gemeenteraad (aanmelden)\n`);
  await io.stopped();
  await running.stop();
  council.close();
  return 0;
}

/** `council setup --db FILE --meeting FILE.json`: a new database with the municipality's meeting. */
async function setup(db: string, meetingFile: string, io: CliIo): Promise<number> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(meetingFile, 'utf8')) as unknown;
  } catch (e) {
    io.stderr(`council setup: ${meetingFile} is geen leesbaar JSON-bestand (${(e as Error).message}).\n`);
    return 2;
  }
  const opened = openCouncil({ file: db });
  if (!opened.ok) {
    io.stderr(`council setup: ${opened.error}\n`);
    return 1;
  }
  const r = await setUpMeetingFromJson(opened.value, data);
  opened.value.close();
  if (!r.ok) {
    io.stderr(`council setup: ${r.error} Er werd niets opgeslagen.\n`);
    return 2;
  }
  io.stdout(`Zitting opgeslagen in ${db}: ${r.value.members} raadsleden, ${r.value.items} agendapunten, ${r.value.accounts} accounts. Start met: council serve --db ${db}\n`);
  return 0;
}
