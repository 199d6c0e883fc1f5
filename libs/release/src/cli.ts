// `npx release build --out DIR --key FILE` (also `npm run release -- --out DIR --key FILE`),
// `npx release verify <source-archive> <manifest> [--release-key FILE]`,
// `npx release keygen --out DIR` (the release key ceremony, README "Releases").
import { promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fromBase64, fromHex, generateSigningKeyPair, Signer, toBase64 } from '@ovs/crypto';
import { buildRelease, MANIFEST_FILE, SIGNATURE_FILE, uncommitted, verifyRelease } from './build.ts';
import { describeDifference } from './compare.ts';
import { verifyManifestSignature } from './manifest.ts';
import { RUNNING_ROOT } from './files.ts';
import { softwareShortHash } from './hash.ts';

const USAGE = `gebruik:
  release build --out DIR --key FILE [--commit REV]     (npm run release -- --out DIR --key FILE)
  release verify <bronarchief.tar.gz> <manifest.json> [--release-key FILE]
  release keygen --out DIR`;

async function readKey(path: string): Promise<Uint8Array | undefined> {
  try {
    const key = fromBase64((await fs.readFile(path, 'utf8')).trim());
    return key && key.length === 32 ? key : undefined;
  } catch {
    return undefined;
  }
}

const short = (hex: string): string => softwareShortHash(fromHex(hex) ?? new Uint8Array(32));

async function build(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, key: { type: 'string' }, commit: { type: 'string' } }, strict: true });
  if (!values.out || !values.key) return fail(`--out DIR en --key FILE zijn nodig.\n${USAGE}`);
  const key = await readKey(values.key);
  if (!key) return fail(`${values.key}: geen geldige privésleutel van de release (32 bytes in base64; maak er een met "release keygen").`);
  const repo = RUNNING_ROOT;
  if (!values.commit) {
    const dirty = await uncommitted(repo);
    if (dirty) return fail(`De werkmap heeft wijzigingen die niet vastgelegd zijn:\n${dirty}\nEen release wordt uit een schone checkout gemaakt: leg ze vast (git commit) of zet ze opzij (git stash), of noem met --commit REV een vastgelegde versie.`);
  }
  const started = Date.now();
  const r = await buildRelease({ repo, commit: values.commit ?? 'HEAD', out: resolve(values.out), releaseKey: new Signer(key) });
  if (!r.ok) return fail(r.error);
  const m = r.value.manifest;
  console.log(`Release ${m.version}, commit ${m.commit}, in ${resolve(values.out)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`  bronarchief  source/${m.source.file}`);
  for (const b of m.roles) console.log(`  ${b.role.padEnd(20)} ${short(b.sha256)}  ${b.files.length} bestanden, ${b.files.reduce((s, f) => s + f.size, 0)} bytes`);
  console.log(`  ${MANIFEST_FILE}, ${SIGNATURE_FILE}, release.pub, package-release.json (het veld "release" voor het verkiezingspakket), images/<rol>.sha256`);
  return 0;
}

async function verify(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { 'release-key': { type: 'string' } }, allowPositionals: true, strict: true });
  const [archive, manifestPath] = positionals;
  if (!archive || !manifestPath || positionals.length !== 2) return fail(USAGE);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(manifestPath));
  } catch (e) {
    return fail(`Het manifest ${manifestPath} kan niet gelezen worden (${(e as NodeJS.ErrnoException).code ?? 'fout'}).`);
  }
  let signed = 'handtekening niet gecontroleerd (geef --release-key FILE)';
  if (values['release-key']) {
    const pub = await readKey(values['release-key']);
    if (!pub) return fail(`${values['release-key']}: geen geldige publieke sleutel van de release (32 bytes in base64).`);
    const sigPath = join(dirname(manifestPath), SIGNATURE_FILE);
    const sig = fromBase64((await fs.readFile(sigPath, 'utf8').catch(() => '')).trim());
    if (!sig || !verifyManifestSignature(bytes, sig, pub)) return fail(`ONGELDIG: de handtekening ${sigPath} van het manifest klopt niet met de sleutel ${values['release-key']}.`, 1);
    signed = 'handtekening van de release klopt';
  }
  const r = await verifyRelease(archive, bytes);
  if (!r.ok) return fail(r.error, 1);
  const v = r.value;
  console.log(`Release ${v.manifest.version}, commit ${v.manifest.commit}: ${signed}`);
  console.log(v.sameArchive ? '  het bronarchief is byte voor byte het gepubliceerde' : '  het bronarchief is anders ingepakt dan het gepubliceerde; de bestanden beslissen');
  for (const b of v.manifest.roles) {
    const same = v.rebuilt[b.role] === b.sha256;
    console.log(`  ${b.role.padEnd(20)} manifest ${short(b.sha256)}  broncode ${short(v.rebuilt[b.role])}  ${same ? 'gelijk' : 'VERSCHILLEND'}`);
  }
  if (v.differences.length > 0) {
    console.error(`NIET GELIJK: de broncode geeft niet de software van het manifest (${v.differences.length} verschil(len)):`);
    for (const d of v.differences.slice(0, 50)) console.error(`  ${describeDifference(d)}`);
    return 1;
  }
  console.log('GELIJK: deze broncode is wat volgens het manifest op elk toestel draait.');
  return 0;
}

async function keygen(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' } }, strict: true });
  if (!values.out) return fail(`--out DIR ontbreekt.\n${USAGE}`);
  const out = resolve(values.out);
  const keys = generateSigningKeyPair();
  await fs.mkdir(join(out, 'secret'), { recursive: true });
  const secret = join(out, 'secret', 'release.key');
  try {
    await fs.writeFile(secret, toBase64(keys.privateKey) + '\n', { mode: 0o600, flag: 'wx' });
  } catch {
    return fail(`${secret} bestaat al: een releasesleutel wordt nooit overschreven.`);
  }
  await fs.writeFile(join(out, 'release.pub'), toBase64(keys.publicKey) + '\n');
  console.log(`Releasesleutel: publiek ${join(out, 'release.pub')}, privé ${secret} (alleen voor de ondertekening; README "Releases").`);
  return 0;
}

function fail(message: string, code = 2): number {
  console.error(message);
  return code;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'build':
        return await build(rest);
      case 'verify':
        return await verify(rest);
      case 'keygen':
        return await keygen(rest);
      case undefined:
      default:
        return fail(USAGE);
    }
  } catch (e) {
    return fail(`fout: ${(e as Error).message}\n${USAGE}`);
  }
}
