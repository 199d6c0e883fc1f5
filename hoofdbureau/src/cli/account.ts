import { readFile } from 'node:fs/promises';
import { createPublicKey } from 'node:crypto';
import { createAccount, findAccount, isRole, listAccounts, resetPassword } from '../staff/accounts.ts';
import { recordAudit } from '../staff/audit.ts';
import { eidKeyProblem } from '../staff/eid.ts';
import { ROLE_NAMES, type Operator, type Role } from '../staff/permissions.ts';
import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { COMMON_OPTIONS, openFromCli, parse } from './options.ts';

/**
 * `hoofdbureau account create|reset-password|list`: the server's own command line makes the first
 * accounts (the voorzitter, the gemachtigde, the technical beheerder) and gives the chair a new
 * temporary password when it is forgotten. Every other account is made by the voorzitter or the
 * gemachtigde in the app (seed 000: "toegang verlenen aan medewerkers"). Each use is in the audit log.
 */
const usage =
  'hoofdbureau account create --role voorzitter|gemachtigde|beheerder --username NAAM --name "VOLLEDIGE NAAM" [--eid-key FILE] [--db FILE] | account reset-password --username NAAM | account list';

/** Who acts when the server's command line makes an account: whoever sets up the server. */
const COMMAND_LINE: Operator = { username: 'opdrachtregel', name: 'opdrachtregel van de server', role: 'beheerder' };

/** The roles the command line may make; the others are the voorzitter's to make. */
const BOOTSTRAP_ROLES: readonly Role[] = ['voorzitter', 'gemachtigde', 'beheerder'];

async function eidKeyFrom(path: string): Promise<{ ok: true; key: Uint8Array } | { ok: false; message: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { ok: false, message: `${path} kan niet gelezen worden (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).` };
  }
  try {
    const text = bytes.toString('utf8');
    const key = text.includes('-----BEGIN') ? createPublicKey(text) : createPublicKey({ key: bytes, format: 'der', type: 'spki' });
    const spki = new Uint8Array(key.export({ format: 'der', type: 'spki' }));
    const problem = eidKeyProblem(spki);
    return problem ? { ok: false, message: `${path}: ${problem}` } : { ok: true, key: spki };
  } catch {
    return { ok: false, message: `${path} bevat geen publieke sleutel (PEM of DER).` };
  }
}

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parse(args, { ...COMMON_OPTIONS, role: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, 'eid-key': { type: 'string' } });
  if (!parsed.ok) {
    io.stderr(`hoofdbureau account: ${parsed.message} (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const v = parsed.values;
  const [what, ...rest] = parsed.positionals;
  if (v.help) {
    io.stdout(`gebruik: ${usage}\n`);
    return EXIT.ok;
  }
  if (rest.length > 0 || (what !== 'create' && what !== 'reset-password' && what !== 'list')) {
    io.stderr(`hoofdbureau account: zeg create, reset-password of list (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  if (what === 'create') {
    if (!isRole(v.role) || !BOOTSTRAP_ROLES.includes(v.role)) {
      io.stderr(`hoofdbureau account create: --role ${BOOTSTRAP_ROLES.join('|')}: de andere accounts maakt de voorzitter of de gemachtigde in de toepassing (Accounts).\n`);
      return EXIT.badInput;
    }
    if (!v.username || !v.name) {
      io.stderr('hoofdbureau account create: --username en --name zijn nodig.\n');
      return EXIT.badInput;
    }
  }
  if (what === 'reset-password' && !v.username) {
    io.stderr('hoofdbureau account reset-password: --username ontbreekt.\n');
    return EXIT.badInput;
  }
  const eid = what === 'create' && v['eid-key'] ? await eidKeyFrom(v['eid-key']) : undefined;
  if (eid && !eid.ok) {
    io.stderr(`hoofdbureau account create: ${eid.message}\n`);
    return EXIT.badInput;
  }
  const opened = await openFromCli(v, io, { readonly: what === 'list', workers: 0 });
  if (!opened.ok) {
    io.stderr(`hoofdbureau account: ${opened.message}\n`);
    return EXIT.badInput;
  }
  const hb = opened.hoofdbureau;
  const sqlite = hb.db.sqlite;
  try {
    switch (what) {
      case 'list':
        for (const a of listAccounts(sqlite)) {
          io.stdout(`${a.username}\t${ROLE_NAMES[a.role]}\t${a.name}\t${!a.active ? 'uitgeschakeld' : a.mustChange ? 'tijdelijk wachtwoord' : 'actief'}${a.hasEid ? '\te-ID' : ''}\n`);
        }
        return EXIT.ok;
      case 'create': {
        const role = v.role as Role;
        const made = await createAccount(sqlite, { username: v.username!, name: v.name!, role, ...(eid?.ok ? { eidKey: eid.key } : {}) }, COMMAND_LINE.username);
        if (!made.ok) {
          io.stderr(`hoofdbureau account create: ${made.error.message}\n`);
          return EXIT.badInput;
        }
        recordAudit(sqlite, COMMAND_LINE, 'staff.manage', `account ${made.value.account.username} (${ROLE_NAMES[role]}, ${made.value.account.name}) aangemaakt op de opdrachtregel`);
        io.stdout(
          `Account ${made.value.account.username} (${ROLE_NAMES[role]}, ${made.value.account.name}) aangemaakt.\n` +
            `Tijdelijk wachtwoord: ${made.value.temporaryPassword}\n` +
            `Geef het persoonlijk door; het wordt niet bewaard en niet meer getoond. Bij de eerste aanmelding kiest ${made.value.account.name} een eigen wachtwoord.\n`,
        );
        return EXIT.ok;
      }
      case 'reset-password': {
        const target = findAccount(sqlite, v.username!);
        if (target && !BOOTSTRAP_ROLES.includes(target.role)) {
          io.stderr(`hoofdbureau account reset-password: ${v.username} is ${ROLE_NAMES[target.role]}: de voorzitter of de gemachtigde geeft een tijdelijk wachtwoord in de toepassing (Accounts).\n`);
          return EXIT.badInput;
        }
        const reset = await resetPassword(sqlite, v.username!);
        if (!reset.ok) {
          io.stderr(`hoofdbureau account reset-password: ${reset.error.message}\n`);
          return EXIT.badInput;
        }
        recordAudit(sqlite, COMMAND_LINE, 'staff.manage', `tijdelijk wachtwoord voor ${v.username!} op de opdrachtregel`);
        io.stdout(`Tijdelijk wachtwoord voor ${v.username!}: ${reset.value}\n(Een lopende sessie van ${v.username!} eindigt bij de volgende herstart van de server, of meteen als de server niet draait.)\n`);
        return EXIT.ok;
      }
      default:
        return what satisfies never;
    }
  } finally {
    await hb.close();
  }
}

export const accountCommand: Command = {
  name: 'account',
  usage: 'hoofdbureau account create|reset-password|list …',
  summary: 'de eerste accounts (voorzitter, gemachtigde, beheerder) aanmaken, een tijdelijk wachtwoord geven, de accounts tonen',
  run,
};
