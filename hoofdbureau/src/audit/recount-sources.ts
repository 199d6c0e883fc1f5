// The sources a recount compares the database with: a stick folder (verified again completely with
// the hoofdbureau key, as at the import) or a re-scan file (every scan verified again under the
// session certificate stored with that station's import). What does not verify is a difference.
import { readFile, stat } from 'node:fs/promises';
import { createBallotContext } from '@ovs/ballot';
import type { HoofdbureauDb } from '../db/open-db.ts';
import { decodeRescanFile, scansContent, verifyScans } from '../import/rescan.ts';
import { checkStickDir } from '../stick/check-job.ts';
import { storedSessionVerifier, type RecountSource } from './recount.ts';

export type LoadedSource = { ok: true; source: RecountSource } | { ok: false; difference: string };

export async function loadRecountSource(db: HoofdbureauDb, hoofdbureauPrivateKey: Uint8Array, path: string): Promise<LoadedSource> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    return { ok: false, difference: `${path}: bestaat niet` };
  }
  if (isDir) {
    const checked = await checkStickDir(path, { organiserPublicKey: db.organiserPublicKey, packageHash: db.pkg.hash, hoofdbureauPrivateKey });
    if (!checked.ok) return { ok: false, difference: `${path}: de stick verifieert niet (${checked.problem.message})` };
    if (!checked.content) throw new Error('loadRecountSource: a check with the key returned no ballots');
    return { ok: true, source: { station: checked.summary.station.number, path, content: checked.content } };
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { ok: false, difference: `${path}: kan niet gelezen worden` };
  }
  const decoded = decodeRescanFile(text);
  if (!decoded.ok) return { ok: false, difference: `${path}: geen stick en geen herscan (${decoded.message})` };
  const station = decoded.input.station;
  const row = db.sqlite.prepare('SELECT session_certificate FROM import WHERE station = ?').get(station) as { session_certificate: Buffer } | undefined;
  if (!row) return { ok: false, difference: `${path}: stembureau ${station} is niet ingelezen` };
  const cert = storedSessionVerifier(db, station, row.session_certificate);
  if (!cert.ok) return { ok: false, difference: `${path}: het bewaarde sessiecertificaat van stembureau ${station} is ongeldig (${cert.error})` };
  const context = createBallotContext(db.pkg);
  const { ballots } = verifyScans(context, station, decoded.input.scans, [cert.verifier]);
  return { ok: true, source: { station, path, content: scansContent(db.pkg.election, context, station, ballots) } };
}
