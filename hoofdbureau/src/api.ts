// One-call helpers for callers that check or import a single stick (the virtual polling
// station, the simulation): open the database, act, close.
import { openHoofdbureau, type HoofdbureauOptions } from './hoofdbureau.ts';
import type { ImportOptions } from './import/import-stick.ts';
import type { CheckReport, ImportReport } from './import/reports.ts';

export type OneShotOptions = Omit<HoofdbureauOptions, 'readonly'> & { stick: string };

export async function checkStick(options: OneShotOptions): Promise<CheckReport> {
  const opened = await openHoofdbureau({ ...options, workers: 0 });
  if (!opened.ok) throw new Error(opened.message);
  try {
    return await opened.hoofdbureau.checkStick(options.stick);
  } finally {
    await opened.hoofdbureau.close();
  }
}

export async function importStick(options: OneShotOptions & ImportOptions): Promise<ImportReport> {
  const opened = await openHoofdbureau({ ...options, workers: 0 });
  if (!opened.ok) throw new Error(opened.message);
  try {
    return await opened.hoofdbureau.importStick(options.stick, { copy: options.copy === true });
  } finally {
    await opened.hoofdbureau.close();
  }
}
