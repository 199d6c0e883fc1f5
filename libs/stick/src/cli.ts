// The command line of @ovs/stick as a function (argv in, lines and exit code out), so it is
// tested without spawning processes. Exit codes: 0 fine, 1 the stick or package is wrong,
// 2 the command line is wrong.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fromBase64, group, toHex } from '@ovs/crypto';
import { readPackageDir } from './package-dir.ts';
import { prepareStick } from './prepare.ts';
import { verifyStick } from './verify.ts';

export interface CliResult {
  code: number;
  stdout: string[];
  stderr: string[];
}

const USAGE = [
  'gebruik:',
  '  ovs-stick prepare --package MAP --station N --organiser-key SLEUTEL [--capacity N] STICK...',
  '  ovs-stick verify --organiser-key SLEUTEL [--hoofdbureau-key BESTAND] [--json] STICK',
];

const usage = (why: string): CliResult => ({ code: 2, stdout: [], stderr: [why, ...USAGE] });

/** A 32-byte key given inline in base64, or as a file holding base64 text or the raw bytes. */
async function readKey(value: string | undefined): Promise<Uint8Array | undefined> {
  if (!value) return undefined;
  const inline = fromBase64(value.trim());
  if (inline?.length === 32) return inline;
  try {
    const bytes = new Uint8Array(await readFile(value));
    if (bytes.length === 32) return bytes;
    const text = fromBase64(new TextDecoder().decode(bytes).trim());
    return text?.length === 32 ? text : undefined;
  } catch {
    return undefined;
  }
}

export async function runCli(argv: readonly string[]): Promise<CliResult> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        package: { type: 'string' },
        station: { type: 'string' },
        capacity: { type: 'string' },
        'organiser-key': { type: 'string' },
        'hoofdbureau-key': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (e) {
    return usage((e as Error).message);
  }
  const { values, positionals } = parsed;
  const organiserPublicKey = await readKey(values['organiser-key']);
  switch (command) {
    case 'prepare': {
      if (!values.package || !values.station || positionals.length === 0) return usage('prepare: --package, --station en minstens één stick zijn nodig.');
      if (!organiserPublicKey) return usage('--organiser-key: geen publieke sleutel van 32 bytes (base64 of bestand).');
      const station = Number(values.station);
      const capacity = values.capacity === undefined ? undefined : Number(values.capacity);
      if (!Number.isInteger(station)) return usage('--station: geen getal.');
      if (capacity !== undefined && !Number.isInteger(capacity)) return usage('--capacity: geen getal.');
      const pkg = await readPackageDir(values.package);
      if (!pkg.ok) return { code: 1, stdout: [], stderr: [pkg.error.message] };
      const out: CliResult = { code: 0, stdout: [], stderr: [] };
      for (const dir of positionals) {
        const r = await prepareStick(dir, {
          packageBytes: pkg.value.bytes,
          packageSignature: pkg.value.signature,
          organiserPublicKey,
          station,
          ...(capacity === undefined ? {} : { capacity }),
        });
        if (r.ok) out.stdout.push(`${dir}: voorbereid voor stembureau ${station} (${r.value.capacity} vakken van ${r.value.slotSize} bytes).`);
        else {
          out.stderr.push(`${dir}: ${r.error.message}`);
          out.code = 1;
        }
      }
      return out;
    }
    case 'verify': {
      if (positionals.length !== 1) return usage('verify: geef precies één stick.');
      if (!organiserPublicKey) return usage('--organiser-key: geen publieke sleutel van 32 bytes (base64 of bestand).');
      const hoofdbureauPrivateKey = await readKey(values['hoofdbureau-key']);
      if (values['hoofdbureau-key'] && !hoofdbureauPrivateKey) return usage('--hoofdbureau-key: geen sleutel van 32 bytes.');
      const r = await verifyStick(positionals[0] as string, { organiserPublicKey, ...(hoofdbureauPrivateKey ? { hoofdbureauPrivateKey } : {}) });
      if (!r.ok) {
        // The command's JSON output is an interface of its own (what a script reads): its shape stays { ok, problem }.
        if (values.json) return { code: 1, stdout: [JSON.stringify({ ok: false, problem: r.error })], stderr: [] };
        return { code: 1, stdout: [], stderr: [`ONGELDIG — ${r.error.message}`] };
      }
      const s = r.value;
      const c = s.closing;
      if (values.json) {
        return {
          code: 0,
          stdout: [
            JSON.stringify({
              ok: true,
              station: s.station,
              storeHash: toHex(s.storeHash),
              storeShortHash: s.storeShortHash,
              closingShortHash: s.closingShortHash,
              registeredBallots: c.registeredBallots,
              registeredPerElection: c.registeredPerElection,
              cards: c.cards,
              annulledBallots: c.annulledBallots,
              testBallots: c.testBallots,
              openedAt: c.openedAt,
              closedAt: c.closedAt,
              warnings: s.warnings,
            }),
          ],
          stderr: [],
        };
      }
      const lines = [
        `Stembureau ${s.station.name} — stick in orde.`,
        `Controlecode stembiljetten: ${s.storeShortHash}`,
        `Controlecode afsluiting:    ${s.closingShortHash}`,
        `Geregistreerde stembiljetten: ${c.registeredBallots}`,
        ...Object.entries(c.registeredPerElection).map(([id, n]) => `  ${id}: ${n}`),
        `Chipkaarten per categorie: ${Object.entries(c.cards.perCategory).map(([k, n]) => `${k} ${n}`).join(', ')}`,
        `Geannuleerde stembiljetten: ${c.annulledBallots}; teststembiljetten: ${c.testBallots}`,
        `Geopend ${c.openedAt ?? '—'}, gesloten ${c.closedAt}; software ${group(toHex(c.software).slice(0, 16).toUpperCase())}`,
        ...s.warnings.map((w) => `Let op: ${w.message}`),
      ];
      return { code: 0, stdout: lines, stderr: [] };
    }
    case undefined:
    default:
      return usage(command ? `onbekend commando "${command}"` : 'geen commando');
  }
}
