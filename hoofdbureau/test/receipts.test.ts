// Decree art. 22 and seed 002 III.5.3 (Bijlage III): each polling station hands over its sealed
// envelope with the two sticks against an ontvangstbewijs; the hoofdbureau records what came in
// and shows what has not. Bad input changes nothing; the route needs a person who may import.
import t from 'tap';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { receiptsRouter } from '../src/receipts/receipts-router.ts';
import { receiptStatus } from '../src/receipts/receipts.ts';
import { cli, demoElection, openHb, tempDir } from './support.ts';

t.test('decree art. 22, seed 002 III.5.3: the ontvangstbewijs of a station\'s envelope and two sticks, and what has not come in', async (t) => {
  const election = await demoElection(t);
  const db = join(await tempDir(t, 'db'), 'hb.db');
  const hb = await openHb(t, election, db);
  const stations = hb.db.pkg.election.pollingStations.length;
  const before = await cli(['receipts', '--db', db]);
  t.equal(before.code, 0, before.stderr);
  t.match(before.stdout, new RegExp(`Ontvangen: 0 van ${stations} stembureaus volledig`));
  t.match(before.stdout, /Stembureau 1 \(Vlindermeer-001-[^)]+\): verzegelde omslag, stick A, stick B/);

  const r = await cli(['receipt', '--db', db, '--station', '1', '--brought-by', 'An Peeters (voorzitter)', '--received-by', 'Karel Smet']);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /^ONTVANGSTBEWIJS\n.*\nStembureau 1: Vlindermeer-001-.*\nOntvangen: verzegelde omslag, stick A, stick B\nOp \d\d\/\d\d\/\d{4},? \d\d:\d\d\nGebracht door: An Peeters \(voorzitter\)\nOntvangen door: Karel Smet/);

  const partial = await cli(['receipt', '--db', db, '--station', '2', '--items', 'envelope,stick-a', '--brought-by', 'B', '--received-by', 'K']);
  t.equal(partial.code, 0, partial.stderr);
  const after = await cli(['receipts', '--db', db]);
  t.match(after.stdout, new RegExp(`Ontvangen: 1 van ${stations} stembureaus volledig`));
  t.notMatch(after.stdout, /Stembureau 1 \(/, 'station 1 is complete');
  t.match(after.stdout, /Stembureau 2 \([^)]+\): stick B\n/, 'station 2 still owes stick B');

  const snapshot = JSON.stringify(receiptStatus(hb.db));
  for (const [args, why] of [
    [['--station', '1', '--items', 'stick-a'], /stick A van stembureau 1 werd al ontvangen/],
    [['--station', '2', '--items', 'stick-c'], /Onbekend stuk "stick-c"/],
    [['--station', '999'], /Stembureau 999 bestaat niet/],
    [['--station', '3', '--brought-by', ' '], /wie de stukken brengt/],
  ] as const) {
    const bad = await cli(['receipt', '--db', db, '--brought-by', 'B', '--received-by', 'K', ...args]);
    t.equal(bad.code, 2);
    t.match(bad.stderr, why);
  }
  t.equal(JSON.stringify(receiptStatus(hb.db)), snapshot, 'a refused receipt changes nothing');
});

t.test('the receipts over HTTP: only for a person who may import sticks (stick.import)', async (t) => {
  const election = await demoElection(t);
  const hb = await openHb(t, election);
  const as = (role: string | undefined) => {
    const app = express();
    app.use(express.json());
    app.use((_req, res, next) => {
      if (role) res.locals.operator = { username: 'k', name: 'Karel Smet', role };
      next();
    });
    app.use(receiptsRouter(() => hb.db));
    return new Promise<{ url: string; close: () => void }>((resolve) => {
      const server = app.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() }));
    });
  };
  const post = (url: string) => fetch(`${url}/api/receipts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ station: 1, items: ['envelope', 'stick-a', 'stick-b'], broughtBy: 'An Peeters' }) });
  const anonymous = await as(undefined);
  t.teardown(anonymous.close);
  t.equal((await post(anonymous.url)).status, 401);
  const typist = await as('invoerder');
  t.teardown(typist.close);
  t.equal((await post(typist.url)).status, 403);
  t.equal(receiptStatus(hb.db)[0]?.received.length, 0, 'refused: nothing recorded');
  const bijzitter = await as('bijzitter');
  t.teardown(bijzitter.close);
  const ok = await post(bijzitter.url);
  t.equal(ok.status, 200);
  t.match(await ok.json(), { ok: true, receipt: { station: 1, receivedBy: 'Karel Smet' } }, 'received by the signed-in person');
  const list = (await (await fetch(`${bijzitter.url}/api/receipts`)).json()) as Array<{ station: number; missing: string[] }>;
  t.same(list.find((s) => s.station === 1)?.missing, []);
  const again = await post(bijzitter.url);
  t.equal(again.status, 400);
  t.match(await again.json(), { ok: false, error: /werd al ontvangen/ });
});
