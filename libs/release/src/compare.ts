// Verification by anyone: the bundles rebuilt from the published source against the manifest,
// file by file, so a difference names the file and the role it would have run on.
import { err, ok, type Result } from '@ovs/basics';
import type { FileHash } from './hash.ts';
import type { ReleaseManifest } from './manifest.ts';
import { ROLES, type Role } from './roles.ts';

export type Difference =
  | { kind: 'changed'; role: Role; path: string; expected: string; actual: string }
  | { kind: 'missing'; role: Role; path: string }
  | { kind: 'extra'; role: Role; path: string };

export function compareBundles(manifest: ReleaseManifest, rebuilt: Readonly<Record<Role, readonly FileHash[]>>): Result<void, Difference[]> {
  const out: Difference[] = [];
  for (const role of ROLES) {
    const expected = new Map(manifest.roles.find((r) => r.role === role)?.files.map((f) => [f.path, f.sha256]) ?? []);
    const actual = new Map(rebuilt[role].map((f) => [f.path, f.sha256]));
    for (const [path, sha] of expected) {
      const got = actual.get(path);
      if (got === undefined) out.push({ kind: 'missing', role, path });
      else if (got !== sha) out.push({ kind: 'changed', role, path, expected: sha, actual: got });
    }
    for (const path of actual.keys()) if (!expected.has(path)) out.push({ kind: 'extra', role, path });
  }
  return out.length === 0 ? ok(undefined) : err(out);
}

export function describeDifference(d: Difference): string {
  switch (d.kind) {
    case 'changed':
      return `${d.role}: ${d.path} verschilt (manifest ${d.expected.slice(0, 16)}…, broncode ${d.actual.slice(0, 16)}…)`;
    case 'missing':
      return `${d.role}: ${d.path} staat in het manifest maar niet in de broncode`;
    case 'extra':
      return `${d.role}: ${d.path} staat in de broncode maar niet in het manifest`;
    default:
      return d satisfies never;
  }
}
