// `npx election demo --out DIR [--seed S] [--districts] [--ocmw] [--languages nl,fr] [--release FILE] [--fast-kdf]`
// writes the signed demo package, its keys and the envelope passwords.
// `npx election verify DIR --organiser-key FILE` checks a package directory.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toBase64 } from '@ovs/crypto';
import { generateDemoElection } from './demo/generate.ts';
import { readKeyFile, readPackageDir, writePackageFiles } from './files.ts';
import { LanguageSchema, ReleaseSchema, type Language, type Release } from './schema.ts';

const USAGE = `gebruik:
  election demo --out DIR [--seed S] [--districts] [--ocmw] [--languages nl,fr] [--release package-release.json]
  election verify DIR --organiser-key FILE`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

async function demo(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      districts: { type: 'boolean', default: false },
      ocmw: { type: 'boolean', default: false },
      languages: { type: 'string' },
      // package-release.json of `release build`: the package is approved for that release.
      release: { type: 'string' },
      // For tests only: a weak key derivation (scrypt N = 2^10) so packages build in milliseconds.
      'fast-kdf': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.out) fail(`--out DIR ontbreekt\n${USAGE}`);
  let languages: Language[] | undefined;
  if (values.languages) {
    const parsed = values.languages.split(',').map((l) => LanguageSchema.safeParse(l.trim()));
    if (parsed.some((p) => !p.success)) fail(`--languages: alleen nl, fr en de (kreeg "${values.languages}")`);
    languages = parsed.map((p) => p.data as Language);
  }
  let release: Release | undefined;
  if (values.release) {
    const parsed = ReleaseSchema.safeParse(JSON.parse(await readFile(values.release, 'utf8').catch(() => 'null')));
    if (!parsed.success) fail(`--release: ${values.release} is geen package-release.json van "release build"`);
    release = parsed.data;
  }
  const out = resolve(values.out);
  const d = generateDemoElection({
    ...(release ? { release } : {}),
    ...(values.seed ? { seed: values.seed } : {}),
    ...(languages ? { languages } : {}),
    districts: values.districts,
    ocmw: values.ocmw,
    ...(values['fast-kdf'] ? { scrypt: { N: 1024, r: 8, p: 1 } } : {}),
  });
  await writePackageFiles(out, d.bytes, d.signature);
  await writeFile(join(out, 'organiser.pub'), toBase64(d.organiser.publicKey) + '\n');
  await writeFile(join(out, 'hoofdbureau.pub'), toBase64(d.hoofdbureau.publicKey) + '\n');
  await mkdir(join(out, 'secret'), { recursive: true });
  await writeFile(join(out, 'secret', 'organiser.key'), toBase64(d.organiser.privateKey) + '\n', { mode: 0o600 });
  await writeFile(join(out, 'secret', 'hoofdbureau.key'), toBase64(d.hoofdbureau.privateKey) + '\n', { mode: 0o600 });
  await mkdir(join(out, 'envelopes'), { recursive: true });
  for (const [station, password] of d.passwords) {
    const name = d.election.pollingStations.find((s) => s.number === station)?.name ?? String(station);
    await writeFile(join(out, 'envelopes', `stembureau-${String(station).padStart(3, '0')}.txt`), `${name}\npaswoord: ${password}\n`, { mode: 0o600 });
  }
  await writeFile(
    join(out, 'README.txt'),
    [
      'DEMO-verkiezing Vlindermeer — fictief, nooit voor een echte verkiezing gebruiken.',
      '',
      'election.json, election.sig   het ondertekende verkiezingspakket',
      'organiser.pub                 publieke sleutel van de organisator (vastgepind op elk toestel)',
      'hoofdbureau.pub               publieke sleutel van het hoofdbureau (stemmen worden ermee verzegeld)',
      'secret/                       privésleutels van de organisator en het hoofdbureau',
      'envelopes/                    het paswoord uit de verzegelde enveloppe per stembureau',
      '',
    ].join('\n'),
  );
  console.log(`Demo-verkiezing geschreven naar ${out}`);
}

async function verify(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: { 'organiser-key': { type: 'string' } }, allowPositionals: true, strict: true });
  const dir = positionals[0];
  if (!dir || !values['organiser-key']) fail(USAGE);
  const key = await readKeyFile(values['organiser-key']);
  if (!key) fail(`${values['organiser-key']}: geen geldige publieke sleutel (32 bytes in base64)`);
  const r = await readPackageDir(dir, key);
  if (!r.ok) fail(`ONGELDIG (${r.error.code}) ${r.error.path}: ${r.error.message}`, 1);
  const e = r.value.election;
  console.log(`GELDIG  ${e.municipality.name} ${e.electionDate}  hash ${r.value.shortHash}`);
  console.log(e.release ? `  goedgekeurd voor softwarerelease ${e.release.version} (commit ${e.release.commit})` : '  ONTWIKKELPAKKET: noemt geen softwarerelease, niet voor een echte verkiezing');
  for (const el of e.elections) console.log(`  ${el.title}: ${el.seats} zetels, ${el.method}, ${el.lists.length} lijsten`);
  console.log(`  ${e.pollingStations.length} stembureaus`);
}

const [command, ...rest] = process.argv.slice(2);
try {
  switch (command) {
    case 'demo':
      await demo(rest);
      break;
    case 'verify':
      await verify(rest);
      break;
    case undefined:
    default:
      fail(USAGE);
  }
} catch (e) {
  fail(`fout: ${(e as Error).message}\n${USAGE}`);
}
