// Reading a role's files from a repository tree (the checkout, the extracted source archive,
// or /opt/ovs on a device) and hashing them the way the manifest does. The only I/O of this
// package besides the CLI; every device calls deviceSoftware() at start-up.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleHash, fileHash, type FileHash } from './hash.ts';
import { isDeviceFile, PACKAGE_FILES, roleFolders, ROLES, ROOT_FILES, type Role, type WorkspacePackage } from './roles.ts';

/** The repository root this code runs from: the checkout, or /opt/ovs on a device. */
export const RUNNING_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(path, 'utf8')) as Record<string, unknown>;
}

/** The workspace packages named in the root package.json, by package name. */
export async function readWorkspace(root: string): Promise<Map<string, WorkspacePackage>> {
  const rootPkg = await readJson(join(root, 'package.json'));
  const dirs = Array.isArray(rootPkg.workspaces) ? (rootPkg.workspaces as unknown[]).filter((d): d is string => typeof d === 'string') : [];
  const out = new Map<string, WorkspacePackage>();
  for (const dir of dirs) {
    let pkg: Record<string, unknown>;
    try {
      pkg = await readJson(join(root, dir, 'package.json'));
    } catch {
      continue; // a workspace that is not installed on this device (not in its bundle)
    }
    const deps = typeof pkg.dependencies === 'object' && pkg.dependencies !== null ? Object.keys(pkg.dependencies) : [];
    if (typeof pkg.name === 'string') out.set(pkg.name, { dir, dependencies: deps.filter((d) => d.startsWith('@ovs/')) });
  }
  return out;
}

async function walk(root: string, rel: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(join(root, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const path = `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...(await walk(root, path)));
    else if (e.isFile()) out.push(path);
  }
  return out;
}

/** The paths of a role's files, relative to root, sorted. */
export async function rolePaths(root: string, role: Role, workspace?: Map<string, WorkspacePackage>): Promise<string[]> {
  const packages = workspace ?? (await readWorkspace(root));
  const paths: string[] = [];
  for (const f of ROOT_FILES) if (await exists(join(root, f))) paths.push(f);
  for (const dir of roleFolders(role, packages)) {
    for (const f of PACKAGE_FILES) if (await exists(join(root, dir, f))) paths.push(`${dir}/${f}`);
    for (const sub of ['bin', 'src']) {
      for (const p of await walk(join(root, dir), sub)) if (isDeviceFile(p)) paths.push(`${dir}/${p}`);
    }
  }
  return paths.sort();
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function hashFiles(root: string, paths: readonly string[]): Promise<FileHash[]> {
  const out: FileHash[] = [];
  for (const p of paths) out.push(fileHash(p, new Uint8Array(await fs.readFile(join(root, p)))));
  return out;
}

export async function roleFiles(root: string, role: Role, workspace?: Map<string, WorkspacePackage>): Promise<FileHash[]> {
  return hashFiles(root, await rolePaths(root, role, workspace));
}

export async function allRoleFiles(root: string): Promise<Record<Role, FileHash[]>> {
  const workspace = await readWorkspace(root);
  const out = {} as Record<Role, FileHash[]>;
  for (const role of ROLES) out[role] = await roleFiles(root, role, workspace);
  return out;
}

/** What a device runs: the canonical hash of its role's files, computed at start-up. */
export async function deviceSoftware(role: Role, root: string = RUNNING_ROOT): Promise<Uint8Array> {
  return bundleHash(await roleFiles(root, role));
}
