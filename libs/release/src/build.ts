// `release build` and `release verify`: the I/O around the manifest. A release is built from
// the source archive of a commit (git archive: sorted entries, the commit's time as every
// mtime, no owner names), extracted into a fresh folder, so the release host's working tree
// cannot leak into it and `verify` runs exactly the same steps on the published archive.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { err, ok, type Result } from '@ovs/basics';
import { sha256, toBase64, toHex, type Signer } from '@ovs/crypto';
import { compareBundles, type Difference } from './compare.ts';
import { allRoleFiles } from './files.ts';
import { fileHash, listing, type FileHash } from './hash.ts';
import { MANIFEST_FORMAT, parseManifest, roleBundle, serialiseManifest, signManifest, type ReleaseManifest } from './manifest.ts';
import { ROLES, type Role } from './roles.ts';
import type { ApprovedRelease } from './check.ts';

const run = promisify(execFile);

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const PACKAGE_RELEASE_FILE = 'package-release.json';

async function git(repo: string, ...args: string[]): Promise<string> {
  return (await run('git', ['-C', repo, ...args], { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** Uncommitted changes of the checkout (git status --porcelain), empty when clean. */
export async function uncommitted(repo: string): Promise<string> {
  return (await git(repo, 'status', '--porcelain')).trim();
}

async function extract(archive: string): Promise<Result<{ root: string; cleanup: () => Promise<void> }, string>> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'ovs-release-'));
  const cleanup = () => fs.rm(dir, { recursive: true, force: true });
  try {
    await run('tar', ['-xzf', archive, '-C', dir, '--no-same-owner']);
  } catch (e) {
    await cleanup();
    return err(`Het bronarchief ${archive} kan niet uitgepakt worden: ${(e as Error).message.split('\n')[0]}`);
  }
  const top = await fs.readdir(dir);
  if (top.length !== 1) {
    await cleanup();
    return err(`Het bronarchief ${archive} heeft niet één map bovenaan (gevonden: ${top.join(', ') || 'niets'}).`);
  }
  return ok({ root: join(dir, top[0]!), cleanup });
}

async function copyBundle(root: string, out: string, files: readonly FileHash[]): Promise<void> {
  for (const f of files) {
    await fs.mkdir(dirname(join(out, f.path)), { recursive: true });
    await fs.copyFile(join(root, f.path), join(out, f.path));
  }
}

/** Paths of the files of an image's recipe (mkosi.extra) as they land in the root filesystem. */
async function extraFiles(root: string, role: Role): Promise<FileHash[]> {
  const out: FileHash[] = [];
  for (const layer of ['base', role]) {
    const base = join(root, 'images', layer, 'mkosi.extra');
    const walk = async (rel: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(join(base, rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) await walk(path);
        else if (e.isFile()) out.push(fileHash(path, new Uint8Array(await fs.readFile(join(base, path)))));
      }
    };
    await walk('');
  }
  return out;
}

/**
 * The app layer of a role's image, as `sha256sum` lines with paths in the root filesystem:
 * the recipe's files (images/base and images/<role>, mkosi.extra), the bundle under opt/ovs
 * and opt/ovs/VERSION. node_modules is not in it (see images/README.md).
 */
export async function imageLayer(root: string, role: Role, files: readonly FileHash[], commit: string): Promise<string> {
  const version = new TextEncoder().encode(`${commit}\n`);
  const all = [
    ...(await extraFiles(root, role)),
    ...files.map((f) => ({ ...f, path: `opt/ovs/${f.path}` })),
    { path: 'opt/ovs/VERSION', sha256: toHex(sha256(version)), size: version.length },
  ];
  return listing(all);
}

export interface BuiltRelease {
  manifest: ReleaseManifest;
  manifestBytes: Uint8Array;
  approved: ApprovedRelease;
}

/** Builds the release of `commit` into `out`: source archive, bundles, image layers, manifest, signature. */
export async function buildRelease(o: { repo: string; commit: string; out: string; releaseKey: Signer }): Promise<Result<BuiltRelease, string>> {
  let commit: string;
  let version: string;
  try {
    commit = (await git(o.repo, 'rev-parse', '--verify', `${o.commit}^{commit}`)).trim();
    version = (JSON.parse(await git(o.repo, 'show', `${commit}:package.json`)) as { version?: unknown }).version as string;
  } catch {
    return err(`${o.commit} is geen commit van de repository in ${o.repo}.`);
  }
  if (typeof version !== 'string') return err('package.json van die commit heeft geen "version".');
  const name = `ovs-${version}-${commit.slice(0, 12)}`;
  await fs.mkdir(join(o.out, 'source'), { recursive: true });
  const archive = join(o.out, 'source', `${name}.tar.gz`);
  await git(o.repo, 'archive', '--format=tar.gz', `--prefix=${name}/`, '-o', archive, commit);
  const extracted = await extract(archive);
  if (!extracted.ok) return extracted;
  const { root, cleanup } = extracted.value;
  try {
    const files = await allRoleFiles(root);
    const roles = ROLES.map((role) => roleBundle(role, files[role]));
    await fs.rm(join(o.out, 'bundles'), { recursive: true, force: true });
    await fs.mkdir(join(o.out, 'images'), { recursive: true });
    for (const role of ROLES) {
      await copyBundle(root, join(o.out, 'bundles', role), files[role]);
      await fs.writeFile(join(o.out, 'images', `${role}.sha256`), await imageLayer(root, role, files[role], commit));
    }
    const manifest: ReleaseManifest = {
      format: MANIFEST_FORMAT,
      version,
      commit,
      source: { file: `${name}.tar.gz`, sha256: toHex(sha256(new Uint8Array(await fs.readFile(archive)))) },
      roles,
    };
    const manifestBytes = serialiseManifest(manifest);
    await fs.writeFile(join(o.out, MANIFEST_FILE), manifestBytes);
    await fs.writeFile(join(o.out, SIGNATURE_FILE), toBase64(signManifest(manifestBytes, o.releaseKey)) + '\n');
    await fs.writeFile(join(o.out, 'release.pub'), toBase64(o.releaseKey.publicKey) + '\n');
    const approved = approvedRelease(manifest, manifestBytes);
    await fs.writeFile(join(o.out, PACKAGE_RELEASE_FILE), JSON.stringify(approved, null, 2) + '\n');
    return ok({ manifest, manifestBytes, approved });
  } finally {
    await cleanup();
  }
}

/** The `release` field the organiser puts into the election package approved for this release. */
export function approvedRelease(m: ReleaseManifest, bytes: Uint8Array): ApprovedRelease {
  const software = {} as Record<Role, string>;
  for (const r of m.roles) software[r.role] = r.sha256;
  return { version: m.version, commit: m.commit, manifest: toHex(sha256(bytes)), software };
}

export interface Verification {
  manifest: ReleaseManifest;
  /** Whether the archive is byte for byte the one the manifest names (informative: the file hashes decide). */
  sameArchive: boolean;
  rebuilt: Record<Role, string>;
  differences: Difference[];
}

/** Rebuilds every bundle from the archive and compares it with the manifest. */
export async function verifyRelease(archive: string, manifestBytes: Uint8Array): Promise<Result<Verification, string>> {
  const parsed = parseManifest(manifestBytes);
  if (!parsed.ok) return err(parsed.error.message);
  const manifest = parsed.value;
  let archiveBytes: Uint8Array;
  try {
    archiveBytes = new Uint8Array(await fs.readFile(archive));
  } catch (e) {
    return err(`Het bronarchief ${archive} kan niet gelezen worden (${(e as NodeJS.ErrnoException).code ?? 'fout'}).`);
  }
  const extracted = await extract(archive);
  if (!extracted.ok) return extracted;
  try {
    const files = await allRoleFiles(extracted.value.root);
    const rebuilt = {} as Record<Role, string>;
    for (const role of ROLES) rebuilt[role] = roleBundle(role, files[role]).sha256;
    const compared = compareBundles(manifest, files);
    return ok({ manifest, sameArchive: toHex(sha256(archiveBytes)) === manifest.source.sha256, rebuilt, differences: compared.ok ? [] : compared.error });
  } finally {
    await extracted.value.cleanup();
  }
}
