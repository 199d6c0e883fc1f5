// The hoofdbureau as one object: an open database bound to its election package, the keys, and
// a checker (inline, or a pool of worker threads for bulk imports). The CLI, the web UI, the
// virtual polling station and the simulation all go through it.
import { configFromEnv, loadHoofdbureauKey, loadPackage, type ConfigPaths } from './config.ts';
import { openHoofdbureauDb, type HoofdbureauDb, type PackageInput } from './db/open-db.ts';
import { checkStickIn, importStickIn, importSticksIn, type BulkProgress, type ImportOptions, type StickContext } from './import/import-stick.ts';
import type { CheckReport, ImportReport } from './import/reports.ts';
import { importRescanIn, type RescanInput } from './import/rescan.ts';
import { computeResults, type ResultsDoc } from './results/compute.ts';
import { recount, type RecountReport, type RecountSource } from './audit/recount.ts';
import { loadRecountSource } from './audit/recount-sources.ts';
import { createCheckPool, inlineChecker, type StickChecker } from './stick/check-pool.ts';
import { checkSoftware, type SoftwareCheck } from '@ovs/release';
import { deviceSoftware } from '@ovs/release/files';
import { createPaperDesk, type PaperDesk } from './paper/desk.ts';

export interface HoofdbureauOptions {
  /** The database file (created on first use). */
  db: string;
  /** The election package folder (election.json, election.sig, organiser.pub); needed the first time. */
  packageDir?: string;
  /** The organiser's public key file, when it is not packageDir/organiser.pub. */
  organiserKey?: string;
  /** The hoofdbureau's private key file (secret/hoofdbureau.key); needed to check results and import. */
  key?: string;
  /** Or the same, already loaded. */
  package?: PackageInput;
  hoofdbureauPrivateKey?: Uint8Array;
  /** Worker threads for bulk imports (default: one per core; 0 = everything inline). */
  workers?: number;
  /** A checker to share between several hoofdbureaus (it is not closed by close()). */
  checker?: StickChecker;
  readonly?: boolean;
  /** Read HOOFDBUREAU_* variables for what is not given (the CLI does; the API does not). */
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** SHA-256 of the software (tests); default: the hoofdbureau bundle, hashed when it opens. */
  software?: Uint8Array;
}

export interface Hoofdbureau {
  readonly db: HoofdbureauDb;
  readonly canImport: boolean;
  /** This hoofdbureau's own software against the release its package names (printed on its PV). */
  readonly software: SoftwareCheck;
  checkStick(dir: string): Promise<CheckReport>;
  importStick(dir: string, options?: ImportOptions): Promise<ImportReport>;
  importSticks(dirs: readonly string[], onProgress?: (p: BulkProgress) => void): Promise<ImportReport[]>;
  importRescan(input: RescanInput): Promise<ImportReport>;
  /**
   * The recount (audit/recount.ts): from the database, and against each stick folder or re-scan
   * file given (their signatures verified again; needs the key).
   */
  recount(sources?: readonly string[]): Promise<RecountReport>;
  results(): ResultsDoc;
  /** The telbureaus' tables (paper counts): configuration, claims, double entry, resolution, lock. */
  readonly paper: PaperDesk;
  close(): Promise<void>;
}

export type OpenResult = { ok: true; hoofdbureau: Hoofdbureau } | { ok: false; message: string };

export async function openHoofdbureau(options: HoofdbureauOptions): Promise<OpenResult> {
  const paths: ConfigPaths = {
    ...(options.packageDir ? { packageDir: options.packageDir } : {}),
    ...(options.organiserKey ? { organiserKeyFile: options.organiserKey } : {}),
    ...(options.key ? { keyFile: options.key } : {}),
  };
  const config = options.env ? configFromEnv(paths, options.env) : paths;
  let pkg = options.package;
  if (!pkg && config.packageDir) {
    const loaded = await loadPackage(config);
    if (!loaded.ok) return loaded;
    pkg = loaded.value;
  }
  let key = options.hoofdbureauPrivateKey;
  if (!key && config.keyFile) {
    const loaded = await loadHoofdbureauKey(config);
    if (!loaded.ok) return loaded;
    key = loaded.value;
  }
  const opened = openHoofdbureauDb(options.db, { ...(pkg ? { package: pkg } : {}), ...(options.readonly ? { readonly: true } : {}) });
  if (!opened.ok) return { ok: false, message: opened.message };
  const db = opened.db;
  const software = checkSoftware('hoofdbureau', options.software ?? (await deviceSoftware('hoofdbureau')), db.pkg.election.release);
  let pool: StickChecker | undefined;
  const bulkChecker = (): StickChecker => {
    if (options.checker) return options.checker;
    if (options.workers === 0) return inlineChecker;
    pool ??= createCheckPool(options.workers);
    return pool;
  };
  const ctx = (checker: StickChecker): StickContext => ({
    db,
    checker,
    ...(key ? { hoofdbureauPrivateKey: key } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const needKey = (): void => {
    if (!key) throw new Error('Geen sleutel van het hoofdbureau: geef --key BESTAND (secret/hoofdbureau.key).');
  };
  return {
    ok: true,
    hoofdbureau: {
      db,
      canImport: key !== undefined,
      software,
      checkStick: (dir) => checkStickIn(ctx(inlineChecker), dir),
      importStick: async (dir, importOptions) => {
        needKey();
        return importStickIn(ctx(inlineChecker), dir, importOptions);
      },
      importSticks: async (dirs, onProgress) => {
        needKey();
        return importSticksIn(ctx(dirs.length > 1 ? bulkChecker() : inlineChecker), dirs, onProgress);
      },
      importRescan: async (input) => importRescanIn(ctx(inlineChecker), input),
      recount: async (paths = []) => {
        if (paths.length > 0) needKey();
        const sources: RecountSource[] = [];
        const unverified: string[] = [];
        for (const path of paths) {
          const loaded = await loadRecountSource(db, key!, path);
          if (loaded.ok) sources.push(loaded.source);
          else unverified.push(loaded.difference);
        }
        const report = recount(db, sources);
        return { ...report, differences: [...unverified, ...report.differences] };
      },
      results: () => computeResults(db, options.now?.() ?? new Date()),
      paper: createPaperDesk(db, options.now ?? (() => new Date())),
      close: async () => {
        await pool?.close();
        db.close();
      },
    },
  };
}
