// Real sticks: one mount point per USB port (e.g. /media/ovs-a and /media/ovs-b, mounted by
// the udev rule in HARDWARE.md). A stick is present when something is mounted there: the
// mount point's device differs from its parent directory's.
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { createNodeStickIo, type StickPort } from '@ovs/stick';
import type { StickPresence, StickSource } from './stick-source.ts';

export function createMountPointSticks(mountPoints: Record<StickPort, string>): StickSource {
  return {
    kind: 'mount-points',
    async presence(port): Promise<StickPresence> {
      const path = mountPoints[port];
      try {
        const [here, parent] = await Promise.all([fs.stat(path), fs.stat(dirname(path))]);
        return here.isDirectory() && here.dev !== parent.dev ? { kind: 'present', path } : { kind: 'absent' };
      } catch {
        return { kind: 'absent' };
      }
    },
    io: (port) => createNodeStickIo(mountPoints[port]),
  };
}
