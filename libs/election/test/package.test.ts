import t from 'tap';
import { bytesEqual, generateSigningKeyPair, Signer, sha256 } from '@ovs/crypto';
import { parsePackage, serialisePackage, signPackage, verifyPackage, type ElectionPackage, type PackageErrorCode } from '../src/index.ts';
import { demo, demoJson } from './support.ts';

const encode = (json: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(json));

t.test('the demo package verifies and has a short hash', (t) => {
  const d = demo();
  const v = verifyPackage(d.bytes, d.signature, d.organiser.publicKey);
  t.ok(v.ok);
  if (v.ok) {
    t.match(v.value.shortHash, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    t.same(v.value.hash, sha256(d.bytes));
  }
  t.end();
});

t.test('a changed byte or another key gives bad-signature before anything is parsed', (t) => {
  const d = demo();
  const changed = new Uint8Array(d.bytes);
  changed[100] = changed[100]! ^ 1;
  const r1 = verifyPackage(changed, d.signature, d.organiser.publicKey);
  t.equal(r1.ok ? 'ok' : r1.error.code, 'bad-signature');
  const r2 = verifyPackage(d.bytes, d.signature, generateSigningKeyPair().publicKey);
  t.equal(r2.ok ? 'ok' : r2.error.code, 'bad-signature');
  const r3 = verifyPackage(d.bytes, d.signature, new Uint8Array(5));
  t.equal(r3.ok ? 'ok' : r3.error.code, 'bad-signature');
  t.end();
});

t.test('a correctly signed but malformed package is refused with path and code', (t) => {
  const organiser = new Signer(generateSigningKeyPair().privateKey);
  const json = demoJson() as unknown as ElectionPackage;
  json.elections[0]!.lists[1]!.candidates[4]!.position = 7;
  const { bytes, signature } = signPackage(json, organiser);
  const r = verifyPackage(bytes, signature, organiser.publicKey);
  t.notOk(r.ok);
  if (!r.ok) {
    t.equal(r.error.code, 'candidate-positions');
    t.equal(r.error.path, 'elections[0].lists[1].candidates[4].position');
    t.match(r.error.message, /volgnummers/);
  }
  t.end();
});

type Breaker = (p: ElectionPackage & Record<string, unknown>) => void;
const cases: Array<[string, PackageErrorCode, string, Breaker]> = [
  ['unknown method', 'unknown-method', 'elections[0].method', (p) => { (p.elections[0] as { method: string }).method = 'sainte-lague'; }],
  ['method not the one the law prescribes', 'method-mismatch', 'elections[1].method', (p) => { p.elections[1]!.method = 'imperiali'; }],
  ['elections out of legal order', 'election-order', 'elections[1].kind', (p) => { p.elections.reverse(); }],
  ['duplicate election id', 'duplicate-election-id', 'elections[1].id', (p) => { p.elections[1]!.id = 'G'; }],
  ['duplicate list number', 'duplicate-list-number', 'elections[0].lists[1].number', (p) => { p.elections[0]!.lists[1]!.number = p.elections[0]!.lists[0]!.number; }],
  ['gap in candidate positions', 'candidate-positions', 'elections[0].lists[0].candidates[2].position', (p) => { for (const c of p.elections[0]!.lists[0]!.candidates.slice(2)) c.position += 1; }],
  ['more candidates than seats', 'too-many-candidates', 'elections[1].lists[0].candidates', (p) => { const l = p.elections[1]!.lists[0]!; l.candidates.push({ ...l.candidates[0]!, position: l.candidates.length + 1 }); }],
  ['candidate name too long', 'name-too-long', 'elections[0].lists[0].candidates[0].lastName', (p) => { p.elections[0]!.lists[0]!.candidates[0]!.lastName = 'Van den Bossche-Vandermeulen-Vanderstraeten'; }],
  ['list name too long', 'name-too-long', 'elections[0].lists[0].name', (p) => { p.elections[0]!.lists[0]!.name = 'Een bijzonder lange lijstnaam die niet past'; }],
  ['deelgebied over 25 characters', 'name-too-long', 'pollingStations[0].deelgebied', (p) => { const s = p.pollingStations[0]!; s.deelgebied = 'Zonnebrug-en-Omliggende-Wijken'; s.name = `Vlindermeer-001-${s.deelgebied}`; }],
  ['station name not GEMEENTE-001-DEELGEBIED', 'polling-station-name', 'pollingStations[2].name', (p) => { p.pollingStations[2]!.name = 'Vlindermeer-3-Zonnebrug'; }],
  ['duplicate polling station', 'duplicate-polling-station', 'pollingStations[1].number', (p) => { p.pollingStations[1]!.number = 1; }],
  ['two stations share a key', 'duplicate-key', 'pollingStations[1].stembureauKey.publicKey', (p) => { p.pollingStations[1]!.stembureauKey = p.pollingStations[0]!.stembureauKey; }],
  ['election for a station that does not exist', 'unknown-polling-station', 'elections[0].pollingStations[0]', (p) => { p.elections[0]!.pollingStations = [99]; }],
  ['no Dutch', 'missing-dutch', 'languages', (p) => { p.languages = ['fr']; }],
  ['a title in a language the voter cannot choose', 'title-language', 'elections[0].titles.de', (p) => { p.elections[0]!.titles = { de: 'Gemeinderat Vlindermeer' }; }],
  ['an unknown title language', 'schema', 'elections[0].titles', (p) => { (p.elections[0] as { titles: unknown }).titles = { en: 'Municipal council' }; }],
  ['duplicate voter category', 'duplicate-category', 'voterCategories[1].id', (p) => { p.voterCategories[1]!.id = 'belg'; }],
  ['unknown field', 'schema', '(root)', (p) => { p.extra = 1; }],
  ['wrong type', 'schema', 'elections[0].seats', (p) => { (p.elections[0] as { seats: unknown }).seats = '27'; }],
  ['bad NIS code', 'schema', 'municipality.nisCode', (p) => { p.municipality.nisCode = '9900'; }],
  ['bad key encoding', 'schema', 'hoofdbureau.publicKey', (p) => { p.hoofdbureau.publicKey = 'not base64'; }],
];

for (const [title, code, path, breakIt] of cases) {
  t.test(`refused: ${title}`, (t) => {
    const json = demoJson() as ElectionPackage & Record<string, unknown>;
    breakIt(json);
    const r = parsePackage(encode(json));
    t.notOk(r.ok, 'refused');
    if (!r.ok) {
      t.equal(r.error.code, code, 'code');
      t.equal(r.error.path, path, 'path');
      t.ok(r.error.message.length > 10, 'a message for the person at the screen');
    }
    t.end();
  });
}

t.test('garbage never throws', (t) => {
  for (const bytes of [new Uint8Array(0), new Uint8Array([0xff, 0xfe]), encode('x'), encode([]), encode(null), encode({ format: 'other' })]) {
    const r = parsePackage(bytes);
    t.notOk(r.ok);
    if (!r.ok) t.ok(['not-json', 'schema'].includes(r.error.code), r.error.code);
  }
  t.end();
});

t.test('serialisation is stable: the signed bytes are what JSON.stringify gives', (t) => {
  const d = demo();
  const again = parsePackage(d.bytes);
  t.ok(again.ok);
  // (compare bytes directly: tap's deep equality is very slow on large typed arrays)
  if (again.ok) t.ok(bytesEqual(serialisePackage(again.value), d.bytes));
  t.end();
});
