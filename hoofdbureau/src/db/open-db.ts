// Opening the database: pragmas for durability, the schema on first use, and the binding of the
// database to one election package — a database made for one package never counts another's.
import Database from 'better-sqlite3';
import { bytesEqual } from '@ovs/crypto';
import { verifyPackage, type VerifiedPackage } from '@ovs/election';
import { SCHEMA, SCHEMA_VERSION, UPGRADE_2_TO_3 } from './schema.ts';

export interface PackageInput {
  bytes: Uint8Array;
  signature: Uint8Array;
  organiserPublicKey: Uint8Array;
}

export interface HoofdbureauDb {
  readonly sqlite: Database.Database;
  readonly file: string;
  readonly pkg: VerifiedPackage;
  readonly organiserPublicKey: Uint8Array;
  close(): void;
}

export type OpenDbError = 'no-package' | 'other-package' | 'package-invalid' | 'cannot-open' | 'newer-schema' | 'older-schema';
export type OpenDbResult = { ok: true; db: HoofdbureauDb } | { ok: false; error: OpenDbError; message: string };

export interface OpenDbOptions {
  /** Needed the first time; afterwards it must be the same package as the database's. */
  package?: PackageInput;
  readonly?: boolean;
}

interface PackageRow {
  hash: Buffer;
  bytes: Buffer;
  signature: Buffer;
  organiser_public_key: Buffer;
}

export function openHoofdbureauDb(file: string, options: OpenDbOptions = {}): OpenDbResult {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (e) {
    return { ok: false, error: 'cannot-open', message: `De databank ${file} kan niet geopend worden (${(e as Error).message}).` };
  }
  try {
    const result = setUp(sqlite, file, options);
    if (!result.ok) sqlite.close();
    return result;
  } catch (e) {
    sqlite.close();
    return { ok: false, error: 'cannot-open', message: `De databank ${file} is onbruikbaar (${(e as Error).message}).` };
  }
}

function setUp(sqlite: Database.Database, file: string, options: OpenDbOptions): OpenDbResult {
  sqlite.pragma('busy_timeout = 10000');
  // Before any pragma that writes (journal_mode): a database of another schema is left as it is.
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) return { ok: false, error: 'newer-schema', message: `De databank ${file} werd gemaakt door een nieuwere versie (schema ${version}).` };
  if (version === 1) {
    return {
      ok: false,
      error: 'older-schema',
      message:
        `De databank ${file} werd gemaakt door een oudere versie (schema ${version}), die elk stembiljet als geheel bewaarde: ` +
        `daarin zijn de stemmen van één kiezer voor de verschillende verkiezingen aan elkaar te koppelen. Deze versie (schema ${SCHEMA_VERSION}) ` +
        `leest ze niet en vult ze niet aan. Maak een nieuwe databank (--db NIEUW.db) en lees de sticks opnieuw in; ` +
        `behandel de oude databank als stembiljetten (verzegeld bewaren of vernietigen).`,
    };
  }
  if (!options.readonly) {
    // A new database gets 16 KiB pages (an existing one keeps its own: the pragma is then a
    // no-op). A stick's import writes ~0.6 MB (its ballots and its 200 KB event log), and SQLite
    // writes the WAL one page per system call: with 4 KiB pages that cost 4–7 ms of CPU per
    // stick here, with 16 KiB pages 2.7–2.8 ms (measured, 60 stick-sized transactions each).
    sqlite.pragma(`page_size = ${process.env.OVS_PAGE ?? 16384}`);
    // WAL: readers (the web UI) never block an import; FULL: a committed import survives a power cut.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
  }
  // 64 MB of page cache: a municipality's ballots stay in memory during a night of imports.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('foreign_keys = ON');
  if (version === 2 && !options.readonly) {
    sqlite.transaction(() => {
      sqlite.exec(UPGRADE_2_TO_3);
      sqlite.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  }
  if (version === 0) {
    if (options.readonly) return { ok: false, error: 'no-package', message: `De databank ${file} is leeg.` };
    sqlite.transaction(() => {
      sqlite.exec(SCHEMA);
      sqlite.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  }

  const row = sqlite.prepare('SELECT hash, bytes, signature, organiser_public_key FROM package WHERE id = 1').get() as PackageRow | undefined;
  if (row) {
    const given = options.package;
    if (given && !bytesEqual(given.organiserPublicKey, row.organiser_public_key)) {
      return { ok: false, error: 'other-package', message: `De databank ${file} werd aangemaakt met een andere sleutel van de organisator.` };
    }
    const verified = verifyPackage(new Uint8Array(row.bytes), new Uint8Array(row.signature), new Uint8Array(row.organiser_public_key));
    if (!verified.ok) return { ok: false, error: 'package-invalid', message: `Het verkiezingspakket in de databank ${file} is ongeldig: ${verified.error.message}` };
    if (given && !bytesEqual(given.bytes, row.bytes)) {
      return {
        ok: false,
        error: 'other-package',
        message: `De databank ${file} hoort bij het verkiezingspakket ${verified.value.shortHash} (${verified.value.election.municipality.name}), niet bij het opgegeven pakket.`,
      };
    }
    return { ok: true, db: wrap(sqlite, file, verified.value, new Uint8Array(row.organiser_public_key)) };
  }

  const given = options.package;
  if (!given) return { ok: false, error: 'no-package', message: `De databank ${file} heeft nog geen verkiezingspakket: geef --package MAP.` };
  const verified = verifyPackage(given.bytes, given.signature, given.organiserPublicKey);
  if (!verified.ok) return { ok: false, error: 'package-invalid', message: `Het verkiezingspakket is ongeldig: ${verified.error.message}` };
  if (options.readonly) return { ok: false, error: 'no-package', message: `De databank ${file} is leeg.` };
  const pkg = verified.value;
  sqlite.transaction(() => {
    sqlite
      .prepare('INSERT INTO package (id, hash, short_hash, bytes, signature, organiser_public_key, loaded_at) VALUES (1, ?, ?, ?, ?, ?, ?)')
      .run(Buffer.from(pkg.hash), pkg.shortHash, Buffer.from(given.bytes), Buffer.from(given.signature), Buffer.from(given.organiserPublicKey), new Date().toISOString());
    const station = sqlite.prepare('INSERT INTO station (number, name, deelgebied, registered_voters) VALUES (?, ?, ?, ?)');
    for (const s of pkg.election.pollingStations) station.run(s.number, s.name, s.deelgebied, s.registeredVoters);
  }).immediate();
  return { ok: true, db: wrap(sqlite, file, pkg, given.organiserPublicKey) };
}

function wrap(sqlite: Database.Database, file: string, pkg: VerifiedPackage, organiserPublicKey: Uint8Array): HoofdbureauDb {
  return { sqlite, file, pkg, organiserPublicKey, close: () => sqlite.close() };
}
