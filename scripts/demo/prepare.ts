// What the organiser and the hoofdbureau hand the polling station before election day: the
// signed demo election package (cached: its sealed stembureau keys take real scrypt, a few
// seconds once), the envelope password, and two freshly prepared sticks for one station.
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fromBase64, toBase64 } from '@ovs/crypto';
import { generateDemoElection, readKeyFile, readPackageDir, SIGNATURE_FILE, writePackageFiles, type VerifiedPackage } from '@ovs/election';
import { prepareStick } from '@ovs/stick';

export interface DemoPackage {
  /** election.json, election.sig, organiser.pub (what the hoofdbureau reads). */
  dir: string;
  verified: VerifiedPackage;
  /** The organiser's signature over election.json (the sticks carry it). */
  signature: Uint8Array;
  organiserPublicKey: Uint8Array;
  /** secret/hoofdbureau.key: the hoofdbureau's X25519 private key file. */
  hoofdbureauKeyFile: string;
  /** The envelope password per polling station. */
  passwords: Map<number, string>;
}

const README_MARK = 'DEMO-verkiezing Vlindermeer — fictief, nooit voor een echte verkiezing gebruiken.';

const envelopeFile = (dir: string, station: number): string => join(dir, 'envelopes', `stembureau-${String(station).padStart(3, '0')}.txt`);

/** The package as `npx election demo --out DIR` lays it out. */
async function writeDemo(dir: string): Promise<void> {
  const d = generateDemoElection();
  await writePackageFiles(dir, d.bytes, d.signature);
  await writeFile(join(dir, 'organiser.pub'), toBase64(d.organiser.publicKey) + '\n');
  await writeFile(join(dir, 'hoofdbureau.pub'), toBase64(d.hoofdbureau.publicKey) + '\n');
  await mkdir(join(dir, 'secret'), { recursive: true });
  await writeFile(join(dir, 'secret', 'organiser.key'), toBase64(d.organiser.privateKey) + '\n', { mode: 0o600 });
  await writeFile(join(dir, 'secret', 'hoofdbureau.key'), toBase64(d.hoofdbureau.privateKey) + '\n', { mode: 0o600 });
  await mkdir(join(dir, 'envelopes'), { recursive: true });
  for (const [station, password] of d.passwords) {
    const name = d.election.pollingStations.find((s) => s.number === station)?.name ?? String(station);
    await writeFile(envelopeFile(dir, station), `${name}\npaswoord: ${password}\n`, { mode: 0o600 });
  }
  await writeFile(join(dir, 'README.txt'), `${README_MARK}\nGeschreven door npm start; verwijder deze map om ze opnieuw te maken.\n`);
}

async function loadDemo(dir: string): Promise<DemoPackage | undefined> {
  const organiserPublicKey = await readKeyFile(join(dir, 'organiser.pub'));
  if (!organiserPublicKey) return undefined;
  const verified = await readPackageDir(dir, organiserPublicKey);
  if (!verified.ok) return undefined;
  const signature = fromBase64((await readFile(join(dir, SIGNATURE_FILE), 'utf8')).trim());
  if (!signature) return undefined;
  const hoofdbureauKeyFile = join(dir, 'secret', 'hoofdbureau.key');
  if (!(await access(hoofdbureauKeyFile).then(() => true, () => false))) return undefined;
  const passwords = new Map<number, string>();
  for (const s of verified.value.election.pollingStations) {
    const text = await readFile(envelopeFile(dir, s.number), 'utf8').catch(() => '');
    const m = /paswoord: (\S+)/.exec(text);
    if (!m?.[1]) return undefined;
    passwords.set(s.number, m[1]);
  }
  return { dir, verified: verified.value, signature, organiserPublicKey, hoofdbureauKeyFile, passwords };
}

/**
 * The demo package in `dir`, made once. A half-written or changed cache is made again; two
 * starts at once each write a folder of their own and the last rename wins (the content is the
 * same: the demo election is fully determined by its seed).
 */
export async function demoPackage(dir: string, progress: (line: string) => void = () => {}): Promise<DemoPackage> {
  const cached = await loadDemo(dir);
  if (cached) return cached;
  // Never wipe a folder this script did not write.
  const entries = await readdir(dir).catch(() => [] as string[]);
  const ours = (await readFile(join(dir, 'README.txt'), 'utf8').catch(() => '')).startsWith(README_MARK);
  if (entries.length > 0 && !ours) throw new Error(`${dir} bestaat al en is geen demo-verkiezingspakket van npm start: kies een andere map`);
  progress('Het demo-verkiezingspakket voor Vlindermeer wordt gemaakt (eenmalig, tot een halve minuut)…');
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(dirname(dir), { recursive: true });
  try {
    await writeDemo(tmp);
    await rm(dir, { recursive: true, force: true });
    // Another start may have put its (identical) package there in the meantime.
    await rename(tmp, dir).catch(async (e: unknown) => {
      if (!(await loadDemo(dir))) throw e;
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const made = await loadDemo(dir);
  if (!made) throw new Error(`het demo-verkiezingspakket in ${dir} is onleesbaar na het schrijven`);
  return made;
}

/** Two empty sticks for `station`, prepared as the hoofdbureau hands them out. */
export async function prepareSticks(pkg: DemoPackage, station: number, folders: readonly string[]): Promise<void> {
  for (const dir of folders) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const r = await prepareStick(dir, {
      packageBytes: pkg.verified.bytes,
      packageSignature: pkg.signature,
      organiserPublicKey: pkg.organiserPublicKey,
      station,
    });
    if (!r.ok) throw new Error(`stick ${dir}: ${r.error.message}`);
  }
}
