// The simulator: two folders stand for the two USB ports. `pull` and `insert` play the
// president's hands (the folder stays, its I/O fails as a pulled stick's would: 'absent');
// `insertOther` puts another folder in the port (a replacement, or a wrong stick);
// `setReadOnly` flips the stick's write-protect switch.
import { createNodeStickIo, type IoResult, type StickIo, type StickPort } from '@ovs/stick';
import type { StickPresence, StickSource } from './stick-source.ts';

export interface SimulatedSticks extends StickSource {
  readonly kind: 'simulated';
  pull(port: StickPort): void;
  insert(port: StickPort, folder?: string): void;
  setReadOnly(port: StickPort, readOnly: boolean): void;
  folder(port: StickPort): string | undefined;
}

interface Slot {
  folder: string | undefined;
  readOnly: boolean;
  /** Bumped at every pull: I/O handed out for an earlier insertion fails from then on. */
  insertion: number;
}

export function createSimulatedSticks(folders: Record<StickPort, string>): SimulatedSticks {
  const slots: Record<StickPort, Slot> = {
    A: { folder: folders.A, readOnly: false, insertion: 0 },
    B: { folder: folders.B, readOnly: false, insertion: 0 },
  };

  function io(port: StickPort): StickIo {
    const slot = slots[port];
    const folder = slot.folder ?? '/nonexistent';
    const insertion = slot.insertion;
    const inner = createNodeStickIo(folder);
    const gone = (): IoResult<never> => ({ ok: false, error: { code: 'absent', detail: `stick ${port} is uitgetrokken` } });
    const readOnly = (): IoResult<never> => ({ ok: false, error: { code: 'read-only', detail: 'EROFS: read-only file system' } });
    const live = (): boolean => slot.folder === folder && slot.insertion === insertion;
    const read = <A extends unknown[], T>(fn: (...args: A) => Promise<IoResult<T>>) => async (...args: A): Promise<IoResult<T>> => (live() ? fn(...args) : gone());
    const write = <A extends unknown[]>(fn: (...args: A) => Promise<IoResult>) => async (...args: A): Promise<IoResult> => (!live() ? gone() : slot.readOnly ? readOnly() : fn(...args));
    return {
      root: folder,
      readFile: read(inner.readFile),
      exists: read(inner.exists),
      freeBytes: read(inner.freeBytes),
      writeAt: write(inner.writeAt),
      append: write(inner.append),
      truncate: write(inner.truncate),
      sync: write(inner.sync),
      replace: write(inner.replace),
      createZeroed: write(inner.createZeroed),
      erase: write(inner.erase),
      probeWritable: write(inner.probeWritable),
      close: inner.close,
    };
  }

  return {
    kind: 'simulated',
    async presence(port): Promise<StickPresence> {
      const folder = slots[port].folder;
      return folder ? { kind: 'present', path: folder } : { kind: 'absent' };
    },
    io,
    pull(port) {
      slots[port].folder = undefined;
      slots[port].insertion++;
    },
    insert(port, folder) {
      const f = folder ?? folders[port];
      if (slots[port].folder !== f) slots[port].insertion++;
      slots[port].folder = f;
    },
    setReadOnly(port, readOnly) {
      slots[port].readOnly = readOnly;
    },
    folder: (port) => slots[port].folder,
  };
}
