// Opening the council database: the schema on first use and the pragmas the secret vote needs.
// Rollback journal (not WAL): a committed change leaves no journal behind that keeps the order of
// the votes; secure_delete zeroes freed content; synchronous FULL: a stored vote survives a power cut.
import Database from 'better-sqlite3';
import { err, ok, type Result } from '@ovs/basics';
import { SCHEMA, SCHEMA_VERSION } from './schema.ts';

export function openDb(file: string): Result<Database.Database, string> {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (e) {
    return err(`De databank ${file} kan niet geopend worden (${(e as Error).message}).`);
  }
  try {
    sqlite.pragma('busy_timeout = 10000');
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      sqlite.close();
      return err(`De databank ${file} werd gemaakt door een nieuwere versie (schema ${version}).`);
    }
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma('secure_delete = ON');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    if (version === 0) {
      sqlite.transaction(() => {
        sqlite.exec(SCHEMA);
        sqlite.pragma(`user_version = ${SCHEMA_VERSION}`);
      }).immediate();
    }
    return ok(sqlite);
  } catch (e) {
    sqlite.close();
    return err(`De databank ${file} is onbruikbaar (${(e as Error).message}).`);
  }
}
