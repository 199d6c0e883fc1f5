// The third medium for the college of experts' copy (decree art. 12): a folder — on the
// hardware the mount point of the third USB port, in the simulation a folder. Each copy goes
// into a new subfolder of its own, written and fsynced file by file; nothing is overwritten.
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';

export interface ExpertMedium {
  /** Writes the files into a new folder named after `name` (-2, -3… when it exists); the folder, or the error in Dutch for the president. */
  write(name: string, files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): Promise<{ ok: true; folder: string } | { ok: false; message: string }>;
}

export function folderExpertMedium(root: string): ExpertMedium {
  return {
    async write(name, files) {
      let folder = '';
      for (let n = 1; !folder && n < 100; n++) {
        const candidate = n === 1 ? name : `${name}-${n}`;
        try {
          await mkdir(join(root, candidate), { recursive: false });
          folder = candidate;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return { ok: false, message: 'Geen kopiestick gevonden of ze is niet beschrijfbaar. Steek de stick van de deskundige in de derde poort.' };
        }
      }
      if (!folder) return { ok: false, message: 'Er staan al te veel kopieën op deze stick: neem een andere stick.' };
      const dir = join(root, folder);
      try {
        for (const f of files) {
          const h = await open(join(dir, f.name), 'wx');
          try {
            await h.writeFile(f.bytes);
            await h.sync();
          } finally {
            await h.close();
          }
        }
        return { ok: true, folder };
      } catch {
        return { ok: false, message: 'De kopie kon niet volledig geschreven worden (stick vol of verwijderd). Probeer opnieuw met een andere stick.' };
      }
    },
  };
}
