// The voting flow, step by step, against decree art. 16–18 and seed 002 II.C.3.
import t from 'tap';
import { findElection } from '@ovs/election';
import { translate } from '@ovs/ui';
import { MAX_INVALID_ACTIONS, DEFAULT_SETTINGS, planVoter, type Effect, type FlowContext } from '../src/flow/index.ts';
import { FlowDriver, flowContext } from './support.ts';

const ctx = flowContext();
const G = findElection(ctx.pkg, 'G')!;
const P = findElection(ctx.pkg, 'P')!;

/** The assertions a helper uses, from whichever subtest calls it. */
type Asserts = Pick<typeof t, 'equal' | 'same'>;

const printed = (effects: readonly Effect[]) => effects.flatMap((e) => (e.kind === 'print' ? [e.ballot] : []));

/** Finishes a session whose last election was just confirmed: card marked, ballot printed. */
function finish(t: Asserts, d: FlowDriver) {
  t.equal(d.kind, 'finishing');
  t.same(d.last?.effects, [{ kind: 'mark-card-used' }], 'the card is marked used before anything is printed');
  const r = d.send({ type: 'card-marked', ok: true });
  const print = r.effects.find((e) => e.kind === 'print');
  d.send({ type: 'printed', result: { ok: true } });
  return print?.kind === 'print' ? print.ballot : undefined;
}

t.test('a list vote: title, lists + blank, candidates with the top box, confirm, print, take the card', (t) => {
  const d = FlowDriver.activated(ctx);
  t.equal(d.kind, 'insert-card');
  d.insert(['G', 'P']);
  let s = d.screen.body;
  t.equal(s.kind, 'election-intro', 'each election starts with its title (art. 16 §5)');
  if (s.kind === 'election-intro') t.same([s.election.title, s.election.number, s.election.of], [G.title, 1, 2]);
  d.act({ type: 'start-election' });
  s = d.screen.body;
  t.equal(s.kind, 'lists');
  if (s.kind === 'lists') t.same(s.lists, G.lists.map((l) => ({ number: l.number, name: l.name })), 'every list with its number and name (art. 16 §3)');
  d.act({ type: 'choose-list', list: 3 });
  s = d.screen.body;
  t.equal(s.kind, 'candidates');
  if (s.kind === 'candidates') {
    t.equal(s.topBox, false);
    t.equal(s.candidates.length, G.lists.find((l) => l.number === 3)!.candidates.length, 'every candidate of the list');
    t.ok(s.candidates.every((c) => !c.selected), 'nothing is ticked for the voter');
    t.same(s.candidates[0], { position: 1, name: `${G.lists[2]!.candidates[0]!.lastName} ${G.lists[2]!.candidates[0]!.firstName}`, selected: false });
  }
  d.act({ type: 'toggle-top-box' });
  d.act({ type: 'review' });
  s = d.screen.body;
  t.equal(s.kind, 'confirm');
  if (s.kind === 'confirm') {
    t.same(s.lines, [`Lijst 3: ${G.lists[2]!.name}`, '  Stem bovenaan de lijst']);
    t.equal(s.last, false);
  }
  d.act({ type: 'confirm' });
  t.equal(d.kind, 'election-intro', 'then the next election (art. 16 §5)');
  d.act({ type: 'start-election' });
  d.act({ type: 'choose-list', list: 2 });
  d.act({ type: 'toggle-candidate', position: 5 });
  d.act({ type: 'toggle-candidate', position: 2 });
  d.act({ type: 'review' });
  s = d.screen.body;
  if (s.kind === 'confirm') t.equal(s.last, true);
  t.same(printed(d.effects), [], 'nothing printed before the last confirmation');
  d.act({ type: 'confirm' });
  const ballot = finish(t, d);
  t.same(ballot, {
    test: false,
    language: 'nl',
    vote: {
      elections: [
        { election: 'G', choice: { kind: 'list', list: 3, topBox: true, candidates: [] } },
        { election: 'P', choice: { kind: 'list', list: 2, topBox: false, candidates: [2, 5] } },
      ],
    },
  });
  t.equal(d.kind, 'printed');
  d.send({ type: 'card-removed' });
  t.equal(d.kind, 'insert-card');
  t.same(d.state, { phase: { kind: 'idle', refusal: undefined }, settings: DEFAULT_SETTINGS }, 'nothing of the voter is left in the state');
  t.end();
});

t.test('2014 regression: candidates ticked on one list never reach another list', (t) => {
  const d = FlowDriver.activated(ctx);
  d.insert(['G']);
  d.act({ type: 'start-election' });
  d.act({ type: 'choose-list', list: 1 });
  d.act({ type: 'toggle-top-box' });
  d.act({ type: 'toggle-candidate', position: 1 });
  d.act({ type: 'toggle-candidate', position: 7 });
  d.act({ type: 'back-to-lists' });
  t.equal(d.kind, 'lists');
  t.same(d.screen.notice, { kind: 'choices-discarded', list: 1 }, 'the voter is told the ticks are gone');
  d.act({ type: 'choose-list', list: 4 });
  const s = d.screen.body;
  if (s.kind === 'candidates') {
    t.equal(s.topBox, false);
    t.same(s.candidates.filter((c) => c.selected), [], 'the new list starts empty');
  } else t.fail('candidates screen expected');
  t.equal(d.screen.notice, undefined, 'the notice goes with the next touch');
  d.act({ type: 'toggle-candidate', position: 7 });
  d.act({ type: 'review' });
  d.act({ type: 'confirm' });
  const ballot = finish(t, d);
  t.same(ballot?.vote.elections, [{ election: 'G', choice: { kind: 'list', list: 4, topBox: false, candidates: [7] } }]);
  // Going back to the same list also starts it empty.
  const e = FlowDriver.activated(ctx);
  e.insert(['G']);
  e.act({ type: 'start-election' });
  e.act({ type: 'choose-list', list: 2 });
  e.act({ type: 'toggle-candidate', position: 3 });
  e.act({ type: 'back-to-lists' });
  e.act({ type: 'choose-list', list: 2 });
  const s2 = e.screen.body;
  t.ok(s2.kind === 'candidates' && s2.candidates.every((c) => !c.selected) && !s2.topBox);
  // Back without any tick: no notice.
  e.act({ type: 'back-to-lists' });
  t.equal(e.screen.notice, undefined);
  t.end();
});

t.test('start an election over from its confirmation (art. 16 §4), blank vote, top box + candidates', (t) => {
  const d = FlowDriver.activated(ctx);
  d.insert(['G', 'P']);
  d.act({ type: 'start-election' });
  d.act({ type: 'choose-blank' });
  let s = d.screen.body;
  t.ok(s.kind === 'confirm' && s.choice.kind === 'blank');
  if (s.kind === 'confirm') t.same(s.lines, ['Blanco']);
  d.act({ type: 'restart-election' });
  t.equal(d.kind, 'lists');
  t.same(d.screen.notice, { kind: 'election-restarted' });
  d.act({ type: 'choose-list', list: 6 });
  d.act({ type: 'toggle-top-box' });
  d.act({ type: 'toggle-candidate', position: 4 });
  d.act({ type: 'toggle-candidate', position: 1 });
  d.act({ type: 'toggle-candidate', position: 9 });
  d.act({ type: 'toggle-candidate', position: 4 });
  d.act({ type: 'review' });
  s = d.screen.body;
  const list6 = G.lists.find((l) => l.number === 6)!;
  if (s.kind === 'confirm') {
    t.same(s.lines, [
      `Lijst 6: ${list6.name}`,
      '  Stem bovenaan de lijst',
      `  1. ${list6.candidates[0]!.lastName} ${list6.candidates[0]!.firstName}`,
      `  9. ${list6.candidates[8]!.lastName} ${list6.candidates[8]!.firstName}`,
    ]);
  } else t.fail('confirm expected');
  d.act({ type: 'confirm' });
  d.act({ type: 'start-election' });
  d.act({ type: 'choose-blank' });
  d.act({ type: 'confirm' });
  const ballot = finish(t, d);
  t.same(ballot?.vote.elections, [
    { election: 'G', choice: { kind: 'list', list: 6, topBox: true, candidates: [1, 9] } },
    { election: 'P', choice: { kind: 'blank' } },
  ]);
  t.end();
});

t.test('a card valid only for the gemeenteraad (EU and non-EU voters) prints one election', (t) => {
  const d = FlowDriver.activated(ctx);
  d.insert(['G']);
  const s = d.screen.body;
  if (s.kind === 'election-intro') t.same([s.election.number, s.election.of], [1, 1]);
  d.act({ type: 'start-election' });
  d.act({ type: 'choose-blank' });
  d.act({ type: 'confirm' });
  t.same(finish(t, d)?.vote.elections, [{ election: 'G', choice: { kind: 'blank' } }]);
  t.end();
});

t.test('language choice first, definitive after confirmation (art. 16 §2)', (t) => {
  const fr = flowContext({ languages: ['nl', 'fr'] });
  const d = FlowDriver.activated(fr);
  d.insert(['G', 'P']);
  let s = d.screen.body;
  t.ok(s.kind === 'language' && s.languages.join() === 'nl,fr');
  t.equal(d.act({ type: 'start-election' }).rejected, 'not-now', 'no election before the language');
  t.equal(d.act({ type: 'choose-language', language: 'de' }).rejected, 'unknown-language', 'only the languages the package offers');
  d.act({ type: 'choose-language', language: 'nl' });
  s = d.screen.body;
  t.ok(s.kind === 'language-confirm' && s.language === 'nl');
  d.act({ type: 'change-language' });
  d.act({ type: 'choose-language', language: 'fr' });
  t.equal(d.screen.language, 'fr');
  d.act({ type: 'confirm-language' });
  t.equal(d.kind, 'election-intro');
  t.equal(d.screen.language, 'fr');
  s = d.screen.body;
  t.equal(s.kind === 'election-intro' ? s.election.title : '', 'Conseil communal de Vlindermeer', "the package's French title");
  t.equal(d.act({ type: 'choose-language', language: 'nl' }).rejected, 'not-now', 'the choice is definitive');
  d.act({ type: 'start-election' });
  d.act({ type: 'choose-blank' });
  s = d.screen.body;
  if (s.kind === 'confirm') t.same(s.lines, ['Blanc']);
  d.act({ type: 'confirm' });
  d.act({ type: 'start-election' });
  d.act({ type: 'choose-list', list: 1 });
  d.act({ type: 'toggle-top-box' });
  d.act({ type: 'review' });
  s = d.screen.body;
  if (s.kind === 'confirm') t.match(s.lines[1], 'Vote en case de tête');
  d.act({ type: 'confirm' });
  t.equal(finish(t, d)?.language, 'fr', 'the ballot prints in the chosen language');
  t.end();
});

t.test('a refused card: a clear message, nothing else happens', (t) => {
  const d = FlowDriver.activated(ctx);
  for (const refusal of ['used', 'wrong-station', 'forged', 'unreadable'] as const) {
    const r = d.send({ type: 'voter-card', result: { ok: false, refusal }, printer: 'ready' });
    t.same(r.effects, []);
    const s = d.screen.body;
    t.ok(s.kind === 'card-refused' && s.refusal === refusal, refusal);
    t.equal(d.act({ type: 'start-election' }).rejected, 'not-now');
    d.send({ type: 'card-removed' });
    t.equal(d.kind, 'insert-card');
  }
  t.end();
});

t.test('not activated: voter cards do nothing until an activation card is read', (t) => {
  const d = new FlowDriver(ctx);
  t.equal(d.kind, 'not-activated');
  d.insert(['G']);
  t.equal(d.kind, 'not-activated');
  d.send({ type: 'activation-card', card: { kind: 'refused', refusal: 'forged' }, printer: 'ready' });
  const s = d.screen.body;
  t.ok(s.kind === 'not-activated' && s.refusal === 'forged');
  d.send({ type: 'card-removed' });
  const r = d.activate();
  t.same(r.effects, [{ kind: 'adopt-session' }]);
  t.equal(d.kind, 'activated');
  d.send({ type: 'card-removed' });
  t.equal(d.kind, 'insert-card');
  t.end();
});

t.test('test cards print test ballots and say so on every screen', (t) => {
  const d = FlowDriver.activated(ctx);
  d.insert(['G', 'P'], true);
  t.equal(d.screen.test, true);
  for (const a of planVoter([G, P], false, { elections: [{ choice: { kind: 'blank' } }, { choice: { kind: 'blank' } }] })) {
    d.act(a);
    if (d.kind !== 'finishing') t.equal(d.screen.test, true);
  }
  t.equal(finish(t, d)?.test, true);
  t.equal(d.screen.test, true, 'the printed screen too');
  t.end();
});

t.test('settings reset for every voter', (t) => {
  const d = FlowDriver.activated(ctx);
  d.insert(['G']);
  d.act({ type: 'set-contrast', contrast: 'high' });
  d.act({ type: 'set-text-size', textSize: 2 });
  t.same(d.screen.settings, { contrast: 'high', textSize: 2 });
  t.equal(d.act({ type: 'set-text-size', textSize: 7 as never }).rejected, 'bad-setting');
  d.send({ type: 'card-removed' });
  t.same(d.screen.settings, DEFAULT_SETTINGS, 'reset by the alarm');
  d.send({ type: 'activation-card', card: { kind: 'alarm-key' }, printer: 'ready' });
  d.send({ type: 'card-removed' });
  d.insert(['G']);
  t.same(d.screen.settings, DEFAULT_SETTINGS, 'the next voter starts with the defaults');
  d.act({ type: 'set-contrast', contrast: 'high' });
  for (const a of planVoter([G], false, { elections: [{ choice: { kind: 'blank' } }] })) d.act(a);
  finish(t, d);
  d.send({ type: 'card-removed' });
  t.same(d.screen.settings, DEFAULT_SETTINGS);
  t.end();
});

t.test('alarm: card pulled mid-vote, latched until the president resets with the activation card', (t) => {
  const d = FlowDriver.activated(ctx);
  d.insert(['G', 'P']);
  d.act({ type: 'start-election' });
  d.act({ type: 'choose-list', list: 2 });
  d.act({ type: 'toggle-candidate', position: 3 });
  const r = d.send({ type: 'card-removed' });
  t.same(r.effects, [{ kind: 'alarm', sounding: true }]);
  const s = d.screen.body;
  t.ok(s.kind === 'alarm' && s.reason === 'card-pulled' && s.ballot === 'none');
  t.notMatch(JSON.stringify(d.state), /candidates|"list"/, 'the choices are gone');
  d.insert(['G', 'P']);
  t.equal(d.kind, 'alarm', 'a voter card does not reset the alarm');
  t.equal(d.act({ type: 'start-election' }).rejected, 'not-now');
  d.send({ type: 'card-removed' });
  d.send({ type: 'activation-card', card: { kind: 'refused', refusal: 'forged' }, printer: 'ready' });
  t.equal(d.kind, 'alarm', 'nor does a foreign activation card');
  const told = d.screen.body;
  t.ok(told.kind === 'alarm' && told.refusal === 'forged', 'and the alarm screen says why');
  d.send({ type: 'card-removed' });
  const reset = d.send({ type: 'activation-card', card: { kind: 'alarm-key' }, printer: 'ready' });
  t.same(reset.effects, [{ kind: 'alarm', sounding: false }]);
  t.ok(d.screen.body.kind === 'activated');
  d.send({ type: 'card-removed' });
  t.equal(d.kind, 'insert-card');
  t.end();
});

t.test('alarm: too many invalid actions (seed 002 II.C.3.2)', (t) => {
  const d = FlowDriver.activated(ctx);
  d.insert(['G']);
  d.act({ type: 'start-election' });
  d.act({ type: 'choose-list', list: 1 });
  for (let i = 1; i < MAX_INVALID_ACTIONS; i++) {
    t.equal(d.act({ type: 'review' }).rejected, 'nothing-chosen');
    t.same(d.screen.notice, { kind: 'nothing-chosen' });
  }
  t.equal(d.kind, 'candidates');
  const r = d.act({ type: 'toggle-candidate', position: 99 });
  t.equal(r.rejected, 'unknown-candidate');
  t.same(r.effects, [{ kind: 'alarm', sounding: true }]);
  const s = d.screen.body;
  t.ok(s.kind === 'alarm' && s.reason === 'too-many-invalid-actions' && s.cardPresent);
  t.end();
});

t.test('alarm: inactivity warning, then reset of the vote', (t) => {
  const d = FlowDriver.activated(ctx);
  d.insert(['G']);
  d.act({ type: 'start-election' });
  d.act({ type: 'choose-list', list: 1 });
  d.act({ type: 'toggle-top-box' });
  d.send({ type: 'inactivity-warning' });
  t.equal(d.screen.inactivityWarning, true);
  d.act({ type: 'still-here' });
  t.equal(d.screen.inactivityWarning, false);
  const s = d.screen.body;
  t.ok(s.kind === 'candidates' && s.topBox, 'a touch keeps the vote as it was');
  d.send({ type: 'inactivity-warning' });
  d.act({ type: 'toggle-candidate', position: 2 });
  t.equal(d.screen.inactivityWarning, false, 'any touch clears the warning');
  d.send({ type: 'inactivity-warning' });
  d.send({ type: 'inactivity-timeout' });
  const a = d.screen.body;
  t.ok(a.kind === 'alarm' && a.reason === 'inactivity' && a.cardPresent);
  t.notMatch(JSON.stringify(d.state), /candidates/);
  t.end();
});

t.test('alarm: printer not ready when a voter arrives; reset only once it is ready', (t) => {
  const d = FlowDriver.activated(ctx);
  d.send({ type: 'voter-card', result: { ok: true, test: false, elections: ['G'] }, printer: 'paper-out' });
  let s = d.screen.body;
  // Seed 002 II.C.3.2: the voter never began, so the screen must not say they may begin again.
  t.ok(s.kind === 'alarm' && s.reason === 'printer-paper-out' && s.ballot === 'not-started', 'the voter has not started');
  t.equal(translate('nl', 'alarm.ballot.not-started'), 'De kiezer heeft nog niet gestemd: de kaart is niet gebruikt. Na het herstel stemt de kiezer met dezelfde kaart.');
  d.send({ type: 'card-removed' });
  d.send({ type: 'activation-card', card: { kind: 'alarm-key' }, printer: 'cover-open' });
  s = d.screen.body;
  t.ok(s.kind === 'alarm' && s.reason === 'printer-cover-open', 'still latched, now for the cover');
  d.send({ type: 'card-removed' });
  d.send({ type: 'activation-card', card: { kind: 'sealed', attemptsLeft: 3 }, printer: 'paper-out' });
  s = d.screen.body;
  t.ok(s.kind === 'alarm' && s.reason === 'printer-paper-out', 'a new activation card: no code asked while the printer is not ready');
  d.send({ type: 'card-removed' });
  d.send({ type: 'activation-card', card: { kind: 'alarm-key' }, printer: 'ready' });
  t.equal(d.kind, 'activated');
  t.end();
});

t.test('alarm: print failure after the card was used — call the president (art. 17 §2)', (t) => {
  for (const [partial, expected] of [[false, 'not-printed'], [true, 'partly-printed']] as const) {
    const d = FlowDriver.activated(ctx);
    d.insert(['G']);
    for (const a of planVoter([G], false, { elections: [{ choice: { kind: 'blank' } }] })) d.act(a);
    d.send({ type: 'card-marked', ok: true });
    const r = d.send({ type: 'printed', result: { ok: false, reason: 'paper-out', partial } });
    t.same(r.effects, [{ kind: 'alarm', sounding: true }]);
    const s = d.screen.body;
    t.ok(s.kind === 'alarm' && s.reason === 'printer-paper-out' && s.ballot === expected, expected);
    t.notMatch(JSON.stringify(d.state), /blank/, 'the vote is wiped');
  }
  t.end();
});

t.test('card pulled while it is being marked: alarm, nothing printed; pulled while printing: the ballot comes out', (t) => {
  const d = FlowDriver.activated(ctx);
  d.insert(['G']);
  for (const a of planVoter([G], false, { elections: [{ choice: { kind: 'blank' } }] })) d.act(a);
  d.send({ type: 'card-removed' });
  t.ok(d.screen.body.kind === 'alarm');
  t.equal(d.send({ type: 'card-marked', ok: true }).effects.length, 0, 'a late mark result prints nothing');
  t.same(printed(d.effects), []);

  const e = FlowDriver.activated(ctx);
  e.insert(['G']);
  for (const a of planVoter([G], false, { elections: [{ choice: { kind: 'blank' } }] })) e.act(a);
  e.send({ type: 'card-marked', ok: false });
  const s = e.screen.body;
  t.ok(s.kind === 'alarm' && s.reason === 'card-write-failed');
  t.same(printed(e.effects), []);

  const f = FlowDriver.activated(ctx);
  f.insert(['G']);
  for (const a of planVoter([G], false, { elections: [{ choice: { kind: 'blank' } }] })) f.act(a);
  f.send({ type: 'card-marked', ok: true });
  f.send({ type: 'card-removed' });
  f.send({ type: 'printed', result: { ok: true } });
  const p = f.screen.body;
  t.ok(p.kind === 'printed' && !p.cardPresent);
  f.act({ type: 'done' });
  t.equal(f.kind, 'insert-card');
  t.end();
});

t.test('barcode visualisation shows a scanned ballot read-only (art. 18)', (t) => {
  const d = FlowDriver.activated(ctx);
  const vote = { elections: [{ election: 'G', choice: { kind: 'list' as const, list: 5, topBox: false, candidates: [2] } }] };
  d.send({ type: 'scanned', visualisation: { ok: true, test: true, vote, language: 'nl' } });
  const s = d.screen.body;
  if (s.kind === 'visualisation' && s.result.ok) {
    const text = s.result.lines.map((l) => l.text).join('\n');
    t.match(text, 'TESTSTEMBILJET');
    t.match(text, `Lijst 5: ${G.lists[4]!.name}`);
    t.match(text, `2. ${G.lists[4]!.candidates[1]!.lastName}`);
  } else t.fail('visualisation expected');
  for (const a of [{ type: 'toggle-candidate', position: 1 }, { type: 'confirm' }, { type: 'choose-list', list: 1 }] as const) {
    t.equal(d.act(a).rejected, 'not-now', `read-only: ${a.type}`);
  }
  d.send({ type: 'scanned', visualisation: { ok: false, error: 'forged' } });
  const f = d.screen.body;
  t.ok(f.kind === 'visualisation' && !f.result.ok && f.result.error === 'forged');
  d.act({ type: 'done' });
  t.equal(d.kind, 'insert-card');
  t.same(d.state.phase, { kind: 'idle', refusal: undefined });
  // A voter arriving while a ballot is shown closes it.
  d.send({ type: 'scanned', visualisation: { ok: true, test: false, vote, language: 'nl' } });
  d.insert(['G']);
  t.equal(d.kind, 'election-intro');
  t.end();
});

t.test('rejected touches are counted and explained; the choice stays as it was', (t) => {
  const d = FlowDriver.activated(ctx);
  d.insert(['G']);
  t.equal(d.act({ type: 'confirm' }).rejected, 'not-now');
  d.act({ type: 'start-election' });
  t.equal(d.act({ type: 'choose-list', list: 42 }).rejected, 'unknown-list');
  t.same(d.screen.notice, { kind: 'not-possible' });
  d.act({ type: 'choose-list', list: 7 });
  const size = G.lists.find((l) => l.number === 7)!.candidates.length;
  t.equal(d.act({ type: 'toggle-candidate', position: size + 1 }).rejected, 'unknown-candidate', 'a position past the end of a short list');
  t.equal(d.act({ type: 'toggle-candidate', position: 0 }).rejected, 'unknown-candidate');
  const s = d.screen.body;
  t.ok(s.kind === 'candidates' && s.list.number === 7 && s.candidates.every((c) => !c.selected));
  const phase = d.state.phase;
  t.ok(phase.kind === 'voting' && phase.session.invalidActions === 4);
  t.end();
});

t.test('planVoter reaches the intended vote through every detour', (t) => {
  const runs: Array<[FlowContext, string[], Parameters<typeof planVoter>[2]]> = [
    [ctx, ['G', 'P'], { elections: [{ choice: { kind: 'list', list: 2, topBox: true, candidates: [1, 3] }, detours: ['other-list-first', 'restart', 'hesitate'] }, { choice: { kind: 'blank' }, detours: ['restart'] }] }],
    [flowContext({ languages: ['nl', 'fr'] }), ['G'], { language: 'fr', settings: { contrast: 'high', textSize: 1 }, elections: [{ choice: { kind: 'list', list: 1, topBox: false, candidates: [27] }, detours: ['hesitate', 'other-list-first'] }] }],
  ];
  for (const [c, ids, intent] of runs) {
    const d = FlowDriver.activated(c);
    d.insert(ids);
    const elections = ids.map((id) => findElection(c.pkg, id)!);
    for (const a of planVoter(elections, c.pkg.languages.length > 1, intent)) {
      const r = d.act(a);
      t.notOk(r.rejected, `${a.type} accepted`);
    }
    const ballot = finish(t, d);
    t.same(ballot?.vote.elections, intent.elections.map((e, i) => ({ election: ids[i], choice: e.choice })));
  }
  t.end();
});
