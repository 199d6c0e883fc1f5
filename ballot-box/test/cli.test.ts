// The box's command line: a box that may not start says why in one Dutch line, never a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'box-cli-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const made = spawnSync(process.execPath, [join(root, 'libs/election/bin/election.js'), 'demo', '--out', dir, '--fast-kdf'], { encoding: 'utf8' });
t.equal(made.status, 0, made.stderr);

t.test('a station that is not in the package: one line, exit 2, no stack', async (t) => {
  const r = spawnSync(
    process.execPath,
    [join(root, 'ballot-box/bin/ballot-box.js'), 'run', '--package', dir, '--organiser-key', join(dir, 'organiser.pub'), '--station', '999', '--console', 'http://127.0.0.1:9'],
    { encoding: 'utf8', timeout: 60_000 },
  );
  t.equal(r.status, 2);
  t.match(r.stderr, /Stembureau 999 staat niet in het verkiezingspakket/);
  t.notMatch(r.stderr, /\n\s+at /, 'no stack trace');
});
