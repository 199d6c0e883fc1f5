// The four device roles and which files of the repository go onto each: the role's app and
// every workspace package it depends on at run time (package.json, tsconfig.json, bin/, src/;
// never a test), plus the root files that pin and configure the rest. Third-party code is not
// listed file by file: package-lock.json (in every bundle) pins each dependency's tarball by
// its SHA-512, which `npm ci` checks when the image is built, and the image manifest covers
// the installed node_modules.

/** Named as the folders of images/ and the devices in the decree. */
export const ROLES = ['stemcomputer', 'voorzitterscomputer', 'stembus', 'hoofdbureau'] as const;
export type Role = (typeof ROLES)[number];

/** The workspace folder of each role's app. */
export const ROLE_APP: Record<Role, string> = {
  stemcomputer: 'firmware-app',
  voorzitterscomputer: 'president-console',
  stembus: 'ballot-box',
  hoofdbureau: 'hoofdbureau',
};

/** The device's Dutch name for screens and reports. */
export const ROLE_NAME: Record<Role, string> = {
  stemcomputer: 'stemcomputer',
  voorzitterscomputer: 'voorzitterscomputer',
  stembus: 'stembus',
  hoofdbureau: 'hoofdbureau',
};

export const ROOT_FILES = ['package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.json'] as const;

/** Files of a package folder taken besides bin/ and src/. */
export const PACKAGE_FILES = ['package.json', 'tsconfig.json'] as const;

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

/** A path inside bin/ or src/ (relative to the package) that belongs on a device. */
export function isDeviceFile(pathInPackage: string): boolean {
  if (!/^(bin|src)\//.test(pathInPackage)) return false;
  const parts = pathInPackage.split('/');
  if (parts.some((p) => p === 'test' || p.startsWith('.'))) return false;
  return !/\.test\.tsx?$/.test(pathInPackage);
}

export interface WorkspacePackage {
  /** Folder relative to the repository root ("libs/crypto"). */
  dir: string;
  /** Names of the workspace packages it needs at run time (its "dependencies"). */
  dependencies: readonly string[];
}

/**
 * The folders of a role: its app and the closure of its run-time workspace dependencies,
 * sorted. Development dependencies stay off the device.
 */
export function roleFolders(role: Role, packages: ReadonlyMap<string, WorkspacePackage>): string[] {
  const byDir = new Map([...packages.values()].map((p) => [p.dir, p]));
  const start = byDir.get(ROLE_APP[role]);
  if (!start) return [];
  const seen = new Set<string>();
  const todo: WorkspacePackage[] = [start];
  while (todo.length > 0) {
    const p = todo.pop()!;
    if (seen.has(p.dir)) continue;
    seen.add(p.dir);
    for (const d of p.dependencies) {
      const dep = packages.get(d);
      if (dep) todo.push(dep);
    }
  }
  return [...seen].sort();
}
