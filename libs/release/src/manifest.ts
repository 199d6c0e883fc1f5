// The release manifest: version, commit, the published source archive and, per device role,
// every file that goes onto it with its SHA-256 and the role's canonical hash (hash.ts). It is
// written by one function in one key order, so the same commit gives the same bytes, and read
// back by a strict decoder. The release key signs the SHA-256 of those exact bytes.
import { err, ok, type Result } from '@ovs/basics';
import { sha256, toHex, Verifier, withDomain, type Signer } from '@ovs/crypto';
import { bundleHash, byPath, isCanonicalPath, type FileHash } from './hash.ts';
import { ROLE_APP, ROLES, type Role } from './roles.ts';

export const MANIFEST_FORMAT = 'ovs-release-manifest/1';
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

export interface RoleBundle {
  role: Role;
  /** The app's folder ("firmware-app"). */
  app: string;
  /** The canonical hash of `files` (hex). */
  sha256: string;
  files: FileHash[];
}

export interface ReleaseManifest {
  format: typeof MANIFEST_FORMAT;
  version: string;
  commit: string;
  /** The source archive as published (decree art. 4 §3). */
  source: { file: string; sha256: string };
  /** One per role, in the order of ROLES. */
  roles: RoleBundle[];
}

export function roleBundle(role: Role, files: readonly FileHash[]): RoleBundle {
  const sorted = [...files].sort(byPath);
  return { role, app: ROLE_APP[role], sha256: toHex(bundleHash(sorted)), files: sorted };
}

export function serialiseManifest(m: ReleaseManifest): Uint8Array {
  // Fixed key order by construction, so the bytes depend only on the values.
  const value = {
    format: m.format,
    version: m.version,
    commit: m.commit,
    source: { file: m.source.file, sha256: m.source.sha256 },
    roles: m.roles.map((r) => ({ role: r.role, app: r.app, sha256: r.sha256, files: r.files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size })) })),
  };
  return new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
}

const signedMessage = (bytes: Uint8Array): Uint8Array => withDomain('release-manifest', sha256(bytes));

export const signManifest = (bytes: Uint8Array, releaseKey: Signer): Uint8Array => releaseKey.sign(signedMessage(bytes));

export function verifyManifestSignature(bytes: Uint8Array, signature: Uint8Array, releasePublicKey: Uint8Array): boolean {
  return Verifier.from(releasePublicKey)?.verify(signedMessage(bytes), signature) ?? false;
}

export type ManifestError = { code: 'unreadable' | 'format' | 'field'; message: string };

const HEX64 = /^[0-9a-f]{64}$/;
const bad = (field: string, what: string): Result<never, ManifestError> =>
  err({ code: 'field', message: `Het releasemanifest is ongeldig: ${field} ${what}.` });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const exactKeys = (o: Record<string, unknown>, keys: readonly string[]): boolean =>
  Object.keys(o).length === keys.length && keys.every((k) => k in o);

function parseFile(v: unknown, at: string): Result<FileHash, ManifestError> {
  if (!isObject(v) || !exactKeys(v, ['path', 'sha256', 'size'])) return bad(at, 'heeft niet precies path, sha256 en size');
  if (typeof v.path !== 'string' || !isCanonicalPath(v.path)) return bad(`${at}.path`, 'is geen gewoon relatief pad');
  if (typeof v.sha256 !== 'string' || !HEX64.test(v.sha256)) return bad(`${at}.sha256`, 'is geen SHA-256 in hex');
  if (typeof v.size !== 'number' || !Number.isSafeInteger(v.size) || v.size < 0) return bad(`${at}.size`, 'is geen grootte in bytes');
  return ok({ path: v.path, sha256: v.sha256, size: v.size });
}

function parseRole(v: unknown, index: number): Result<RoleBundle, ManifestError> {
  const role = ROLES[index]!;
  const at = `roles[${index}]`;
  if (!isObject(v) || !exactKeys(v, ['role', 'app', 'sha256', 'files'])) return bad(at, 'heeft niet precies role, app, sha256 en files');
  if (v.role !== role) return bad(`${at}.role`, `moet "${role}" zijn`);
  if (v.app !== ROLE_APP[role]) return bad(`${at}.app`, `moet "${ROLE_APP[role]}" zijn`);
  if (!Array.isArray(v.files) || v.files.length === 0) return bad(`${at}.files`, 'is geen lijst van bestanden');
  const files: FileHash[] = [];
  for (const [i, f] of v.files.entries()) {
    const parsed = parseFile(f, `${at}.files[${i}]`);
    if (!parsed.ok) return parsed;
    const previous = files.at(-1);
    if (previous && !(previous.path < parsed.value.path)) return bad(`${at}.files[${i}]`, 'staat niet in volgorde van pad of komt twee keer voor');
    files.push(parsed.value);
  }
  const hash = toHex(bundleHash(files));
  if (v.sha256 !== hash) return bad(`${at}.sha256`, 'is niet de hash van zijn bestandenlijst');
  return ok({ role, app: ROLE_APP[role], sha256: hash, files });
}

/** Every field checked; the role hashes are recomputed from the file lists. */
export function parseManifest(bytes: Uint8Array): Result<ReleaseManifest, ManifestError> {
  if (bytes.length > MAX_MANIFEST_BYTES) return err({ code: 'unreadable', message: `Het releasemanifest is groter dan ${MAX_MANIFEST_BYTES} bytes.` });
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    return err({ code: 'unreadable', message: `Het releasemanifest is geen geldige JSON: ${(e as Error).message}` });
  }
  if (!isObject(v) || v.format !== MANIFEST_FORMAT) return err({ code: 'format', message: `Dit is geen releasemanifest (format "${MANIFEST_FORMAT}" ontbreekt).` });
  if (!exactKeys(v, ['format', 'version', 'commit', 'source', 'roles'])) return bad('(root)', 'heeft niet precies format, version, commit, source en roles');
  if (typeof v.version !== 'string' || !/^\d+\.\d+\.\d+[0-9A-Za-z.+-]*$/.test(v.version)) return bad('version', 'is geen versienummer');
  if (typeof v.commit !== 'string' || !/^[0-9a-f]{40}$/.test(v.commit)) return bad('commit', 'is geen git-commit (40 hex-tekens)');
  const s = v.source;
  if (!isObject(s) || !exactKeys(s, ['file', 'sha256']) || typeof s.file !== 'string' || !isCanonicalPath(s.file) || typeof s.sha256 !== 'string' || !HEX64.test(s.sha256)) {
    return bad('source', 'heeft geen bestandsnaam en SHA-256 van het bronarchief');
  }
  if (!Array.isArray(v.roles) || v.roles.length !== ROLES.length) return bad('roles', `moet de ${ROLES.length} rollen bevatten (${ROLES.join(', ')})`);
  const roles: RoleBundle[] = [];
  for (const [i, r] of v.roles.entries()) {
    const parsed = parseRole(r, i);
    if (!parsed.ok) return parsed;
    roles.push(parsed.value);
  }
  return ok({ format: MANIFEST_FORMAT, version: v.version, commit: v.commit, source: { file: s.file, sha256: s.sha256 }, roles });
}
