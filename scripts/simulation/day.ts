// A whole election day for one polling station, through the real code paths: the console on
// two stick folders, M voting computers driven through their HTTP API (the same path as the
// touch screen), every printed ballot rendered from the printer's bytes to a PNG and decoded
// by the ballot box, registered over the authenticated link, closed, then checked and imported
// by the hoofdbureau. The expected tallies come from what the voters confirmed; the counted
// ones from the hoofdbureau's database.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom, toBase64 } from '@ovs/crypto';
import { electionsForCategory, electionsForStation, generateDemoElection, verifyPackage, writePackageFiles, type Election, type Language } from '@ovs/election';
import { prepareStick, defaultCapacity } from '@ovs/stick';
import { closingDifferences, createSimulatedConsoleDevices, createSimulatedSticks, firstCards, proxyCards, reportAsPdf, startConsole, type ConsoleHandle } from '@ovs/president-console';
import { TEST_ACTIVATION_KDF } from '@ovs/card';
import {
  insertCard,
  planActivationCode,
  removeCard,
  startVotingComputer,
  takeTickets,
  planVoter as touchesFor,
  type SimulatedDevices,
  type VotingComputerHandle,
} from '@ovs/firmware-app';
import { startBallotBox, type BallotBoxHandle } from '@ovs/ballot-box';
import { openHoofdbureau } from '@ovs/hoofdbureau';
import { eraseRect } from '@ovs/barcode/degrade';
import { grayToPng, readPng } from '@ovs/barcode';
import { planElection, planVoter } from './behaviour.ts';
import { compareTallies, ExpectedTally, type ElectionTallyView } from './expected.ts';
import { Stages } from './stages.ts';
import { runPaperCount, type PaperSummary } from './paper.ts';
import { electionDayClock } from '../election-day-clock.ts';

export interface DayOptions {
  voters: number;
  machines: number;
  seed: string;
  out: string;
  station?: number;
  /** The demo election: Vlindermeer as is, with districts (Antwerp), or as a facility
   *  municipality (OCMW-raad, voters choosing Dutch or French). */
  variant?: 'standard' | 'districts' | 'facility';
  /** The last N stations of the municipality vote on paper: their telbureaus' tables are typed in (scripts/simulation/paper.ts). */
  paperStations?: number;
  /** Progress lines on stderr. */
  progress?: (line: string) => void;
}

export interface DaySummary {
  voters: number;
  ballotsRegistered: number;
  expected: Record<string, ElectionTallyView>;
  counted: Record<string, ElectionTallyView>;
  differences: string[];
  events: Record<string, number>;
  kerncijferrapportHash: string;
  /** With --paper-stations: the paper count (and `counted` is then the municipality's whole count). */
  paper?: PaperSummary;
  stagesMs: Record<string, number>;
  wallMs: number;
  /** Last, so that the summary line ends with it. */
  match: boolean;
}

const SCRYPT_FOR_SIMULATION = { N: 1024, r: 8, p: 1 };

function expectOk<T extends { ok: boolean }>(r: T, what: string): asserts r is T & { ok: true } {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r)}`);
}

/** A wet fold across the middle of the QR code: its corners still show, the data is gone. */
function tear(png: Uint8Array): Uint8Array {
  const r = readPng(png);
  if (!r.ok) throw new Error('printed ballot is not a PNG');
  const g = r.value;
  return grayToPng(eraseRect(g, 0, Math.floor(g.height * 0.63), g.width, Math.floor(g.height * 0.1)));
}

export async function runElectionDay(options: DayOptions): Promise<DaySummary> {
  const started = performance.now();
  const stages = new Stages();
  const station = options.station ?? 1;
  const random = new SeededRandom(`simulation/${options.seed}`);
  const log = options.progress ?? (() => {});
  const events: Record<string, number> = {};
  const count = (what: string) => (events[what] = (events[what] ?? 0) + 1);
  const trace = process.env.OVS_SIM_TRACE ? (what: string) => log(`  ${what}`) : () => {};

  await rm(options.out, { recursive: true, force: true });
  const packageDir = join(options.out, 'election');
  const stickA = join(options.out, 'stick-a');
  const stickB = join(options.out, 'stick-b');
  await mkdir(stickA, { recursive: true });
  await mkdir(stickB, { recursive: true });

  // The organiser's package and the hoofdbureau's preparation of the two sticks.
  const demo = await stages.time('prepare', async () => {
    const variant = options.variant ?? 'standard';
    const d = generateDemoElection({
      scrypt: SCRYPT_FOR_SIMULATION,
      ...(variant === 'districts' ? { districts: true } : {}),
      ...(variant === 'facility' ? { ocmw: true, languages: ['nl', 'fr'] as const satisfies Language[] } : {}),
    });
    await writePackageFiles(packageDir, d.bytes, d.signature);
    await writeFile(join(packageDir, 'organiser.pub'), toBase64(d.organiser.publicKey) + '\n');
    await mkdir(join(packageDir, 'secret'), { recursive: true });
    await writeFile(join(packageDir, 'secret', 'hoofdbureau.key'), toBase64(d.hoofdbureau.privateKey) + '\n');
    const registered = d.election.pollingStations.find((s) => s.number === station)?.registeredVoters ?? 0;
    const capacity = Math.max(defaultCapacity(registered), 2 * options.voters + 64);
    for (const dir of [stickA, stickB]) {
      const r = await prepareStick(dir, { packageBytes: d.bytes, packageSignature: d.signature, organiserPublicKey: d.organiser.publicKey, station, capacity });
      expectOk(r, 'prepare stick');
    }
    return d;
  });
  const verified = verifyPackage(demo.bytes, demo.signature, demo.organiser.publicKey);
  expectOk(verified, 'package');
  const pkg = verified.value;
  const stationElections = electionsForStation(pkg.election, station);
  const expected = new ExpectedTally(stationElections);
  // With paper stations the whole municipality is compared: the digital station's votes and the paper ballots.
  const paperCount = options.paperStations ?? 0;
  const paperStations = paperCount > 0 ? pkg.election.pollingStations.slice(-paperCount).map((s) => s.number) : [];
  if (paperStations.includes(station)) throw new Error(`station ${station} is one of the last ${paperCount} stations, which vote on paper`);
  const expectedTotal = new ExpectedTally(pkg.election.elections);

  // Cards leave the console's writer into this tray; the simulation carries them to a booth.
  const tray: Uint8Array[] = [];
  const takeCard = (): Uint8Array => {
    const card = tray.shift();
    if (!card) throw new Error('the console wrote no card');
    return card;
  };

  let consoleHandle: ConsoleHandle | undefined;
  const machines: Array<VotingComputerHandle<SimulatedDevices>> = [];
  let box: BallotBoxHandle | undefined;
  try {
    consoleHandle = await stages.time('start', () =>
      startConsole({
        station,
        organiserPublicKey: demo.organiser.publicKey,
        sticks: createSimulatedSticks({ A: stickA, B: stickB }),
        devices: createSimulatedConsoleDevices({ onCard: (w) => tray.push(w.payload) }),
        port: 0,
        link: { port: 0 },
        pollMs: 0,
        ui: false,
        // The same cheap scrypt as the package's envelopes: the format and the path are the real ones.
        activationKdf: TEST_ACTIVATION_KDF,
        now: electionDayClock(pkg.election.electionDate),
      }),
    );
    const core = consoleHandle.core;
    await consoleHandle.checkSticks();
    expectOk(await core.unlock(demo.passwords.get(station) ?? ''), 'unlock');

    for (let i = 0; i < options.machines; i++) {
      const r = await stages.time('start', () =>
        startVotingComputer({ verifiedPackage: pkg, station, simulate: { handScanner: i === 0 } }),
      );
      expectOk(r, `voting computer ${i + 1}`);
      machines.push(r.handle as VotingComputerHandle<SimulatedDevices>);
    }
    box = await stages.time('start', () =>
      startBallotBox({
        package: pkg,
        station,
        console: { url: consoleHandle!.linkUrl, pairingCode: consoleHandle!.pairingCode()! },
        simulatedFlapTravelMs: 1,
        flapOpenMs: 500,
        scan: { unreadableGraceMs: 0 },
      }),
    );

    // Morning (decree art. 13–14, seed 002 II.B): activation cards, the box reports it is
    // empty, one test vote per machine, checked with the hand scanner, never in the box.
    await stages.time('opening', async () => {
      for (const m of machines) {
        const activation = await core.issueActivationCard();
        expectOk(activation, 'activation card');
        insertCard(m.devices, takeCard());
        // The president reads the code off the console's screen and types it on the keypad.
        await m.voter().waitFor('activation-code');
        await m.voter().touchAll(planActivationCode(activation.activationCode ?? ''));
        await m.voter().waitFor('activated');
        removeCard(m.devices);
        await m.voter().waitFor('insert-card');
      }
      await box!.until((b) => b.paired);
      box!.confirmBoxEmpty();
      await box!.until((b) => b.phase !== 'unknown');
      for (const [i, m] of machines.entries()) {
        expectOk(await core.issueTestCard('belg'), 'test card');
        const electionsOnCard = electionsForCategory(pkg.election, station, 'belg');
        const intents = electionsOnCard.map((e) => planElection(random.fork(`test-${i}`), e));
        const voter = m.voter();
        insertCard(m.devices, takeCard());
        await voter.waitFor(['election-intro', 'language']);
        await voter.touchAll(touchesFor(electionsOnCard, pkg.election.languages.length > 1, { language: 'nl', elections: intents }));
        await voter.waitFor('printed');
        const [ticket] = takeTickets(m.devices);
        removeCard(m.devices);
        await voter.waitFor('insert-card');
        count('test ballots');
        // A test ballot at the box is refused (seed 002 II.B.4: never scanned by the box).
        const refused = await box!.present(ticket!.png());
        if (!refused.ok || refused.box.reason !== 'test-ballot') throw new Error(`test ballot not refused: ${JSON.stringify(refused)}`);
        count('test ballot refused by the box');
      }
      const opened = await core.openVoting(true);
      expectOk(opened, 'open voting');
    });

    const deposited: Uint8Array[] = [];
    let annulled = 0;
    const elapsedVote = { card: 0, vote: 0, box: 0 };

    for (let v = 0; v < options.voters; v++) {
      const plan = planVoter(random.fork(`voter-${v}`));
      const m = machines[v % machines.length]!;
      const electionsOnCard = electionsForCategory(pkg.election, station, plan.category);
      if (plan.category !== 'belg') count(`${plan.category} voters`);
      if (plan.proxy) count('proxy voters');

      if (tray.length > 0) throw new Error(`${tray.length} card(s) left over before voter ${v}`);
      let t = performance.now();
      expectOk(await core.issueVoterCard(plan.category, { proxy: plan.proxy }), 'voter card');
      elapsedVote.card += performance.now() - t;

      // A voter may need a second card: after asking for a new ballot, or when the box
      // cannot read the first one (decree art. 17 §2). Only the ballot that goes in counts.
      for (let attempt = 0; ; attempt++) {
        const voterRandom = random.fork(`voter-${v}-attempt-${attempt}`);
        const intents = electionsOnCard.map((e) => planElection(voterRandom, e));
        for (const i of intents) {
          if (i.detours?.includes('other-list-first')) count('change of list');
          if (i.detours?.includes('restart')) count('restart of an election');
          if (i.choice.kind === 'blank') count('blank');
          else if (i.choice.topBox && i.choice.candidates.length > 0) count('top box + candidates');
          else if (i.choice.topBox) count('list vote');
          else count('preference votes');
        }
        trace(`voter ${v} attempt ${attempt} ${JSON.stringify(plan)} ${JSON.stringify(intents)}`);
        t = performance.now();
        const voter = m.voter();
        insertCard(m.devices, takeCard());
        const dog = setTimeout(() => {
          void m.client.screen().then((sc) => log(`  STUCK on machine ${v % machines.length}: ${JSON.stringify(sc).slice(0, 600)}`));
        }, 10_000);
        await voter.waitFor(['election-intro', 'language']);
        trace('voting');
        const language = pkg.election.languages.length > 1 ? random.pick(pkg.election.languages) : 'nl';
        if (language !== 'nl') count(`voted in ${language}`);
        await voter.touchAll(touchesFor(electionsOnCard, pkg.election.languages.length > 1, { language, elections: intents }));
        trace('touched');
        await voter.waitFor('printed');
        trace('printed');
        const [ticket] = takeTickets(m.devices);
        removeCard(m.devices);
        await voter.waitFor('insert-card');
        clearTimeout(dog);
        elapsedVote.vote += performance.now() - t;
        if (!ticket) throw new Error('no ballot printed');

        t = performance.now();
        const annulNow = attempt === 0 && plan.annulBeforeScan;
        const unreadable = attempt === 0 && !annulNow && plan.unreadable;
        if (annulNow || unreadable) {
          if (unreadable) {
            const r = await box.present(tear(ticket.png()));
            if (!r.ok || r.box.reason !== 'unreadable') throw new Error(`torn ballot not refused as unreadable: ${JSON.stringify(r.ok ? r.box.reason : r)}`);
            count('unreadable ballot');
          } else {
            count('annulled at the voter\'s request');
          }
          // The president annuls the ballot; the console writes the replacement card at once.
          expectOk(await core.annulBallot(unreadable ? 'unreadable-by-box' : 'voter-request', plan.category), 'annul');
          annulled++;
          elapsedVote.box += performance.now() - t;
          continue;
        }
        const png = ticket.png();
        trace('printed; to the box');
        const r = await box.present(png);
        if (!r.ok || r.box.state !== 'flap-open') throw new Error(`ballot of voter ${v} not accepted: ${JSON.stringify(r.ok ? { state: r.box.state, reason: r.box.reason } : r)}`);
        if (plan.rescanAfterTimeout) {
          // The voter was too slow: the flap closes without a deposit; the same ballot again.
          trace('waiting for the flap to close');
          await box.until((b) => b.state !== 'flap-open');
          trace(`flap closed: ${JSON.stringify(box.snapshot().state)}`);
          const again = await box.present(png);
          if (!again.ok || again.box.state !== 'flap-open') throw new Error(`re-scan of the last ballot refused: ${JSON.stringify(again.ok ? again.box.reason : again)}`);
          count('re-scan of the last ballot');
        }
        const d = await box.deposit();
        if (d !== 'deposited') throw new Error(`deposit: ${d}`);
        await box.until((b) => b.state === 'idle');
        for (const [i, e] of electionsOnCard.entries()) {
          expected.add(e.id, intents[i]!.choice);
          expectedTotal.add(e.id, intents[i]!.choice);
        }
        deposited.push(png);
        if (plan.duplicateOfEarlier && deposited.length > 1) {
          const earlier = deposited[random.int(deposited.length - 1)]!;
          const dup = await box.present(earlier);
          if (!dup.ok || dup.box.reason !== 'duplicate') throw new Error(`duplicate not refused: ${JSON.stringify(dup.ok ? dup.box.reason : dup)}`);
          count('duplicate scan refused');
        }
        elapsedVote.box += performance.now() - t;
        break;
      }
      if ((v + 1) % 50 === 0 || process.env.OVS_SIM_TRACE) log(`${v + 1}/${options.voters} kiezers`);
    }
    stages.add('cards', elapsedVote.card);
    stages.add('voting computers', elapsedVote.vote);
    stages.add('ballot box', elapsedVote.box);

    const registered = core.snapshot().counters?.registered ?? -1;
    await stages.time('closing', async () => {
      // The president's closing counts: the aanstiplijsten as the cards went out, every difference explained.
      const counters = core.snapshot().counters;
      if (!counters) throw new Error('no counters at closing');
      const counts = { tickedInPerson: firstCards(counters) - proxyCards(counters), tickedByProxy: proxyCards(counters), annulledBallots: annulled, testBallots: machines.length };
      const explanations = Object.fromEntries(closingDifferences(counters, counts).map((d) => [d.id, 'Verschil van de gesimuleerde dag, zoals gepland.']));
      expectOk(await core.close({ annulledBallots: annulled, testBallots: machines.length, statement: { tickedInPerson: counts.tickedInPerson, tickedByProxy: counts.tickedByProxy, explanations } }), 'close');
      // Every copy the console asks for, as the president prints them.
      while (core.snapshot().prints) expectOk(await core.printNext(), 'print');
      // After closing the box refuses everything.
      await box!.until((b) => b.closedForDay || b.phase === 'closed');
    });
    // The PV and the kerncijferrapport exactly as the console prints them (its own PDF of the same report).
    for (const [kind, file] of [['pv', 'pv.pdf'], ['kerncijfers', 'kerncijferrapport.pdf']] as const) {
      const pdf = await reportAsPdf(core, kind);
      if (!pdf) throw new Error(`no ${kind} after closing`);
      await writeFile(join(options.out, file), pdf.bytes);
    }
    await box.stop();
    box = undefined;
    await Promise.all(machines.map((m) => m.stop()));
    machines.length = 0;
    await consoleHandle.stop();
    consoleHandle = undefined;

    // The president carries the sticks to the hoofdbureau (decree art. 23–24).
    const db = join(options.out, 'hoofdbureau.db');
    let paper: PaperSummary | undefined;
    let countedInvalid: Record<string, number> = {};
    const { counted, kerncijfer } = await stages.time('hoofdbureau', async () => {
      const opened = await openHoofdbureau({ db, packageDir, key: join(packageDir, 'secret', 'hoofdbureau.key'), workers: 0 });
      if (!opened.ok) throw new Error(opened.message);
      const hb = opened.hoofdbureau;
      try {
        const check = await hb.checkStick(stickA);
        if (!check.ok) throw new Error(`check: ${JSON.stringify(check)}`);
        const imported = await hb.importStick(stickA);
        if (imported.kind !== 'imported') throw new Error(`import: ${JSON.stringify(imported)}`);
        // The copy stick is the verified identical copy: recognised, never counted twice.
        const copy = await hb.importStick(stickB, { copy: true });
        if (copy.kind !== 'identical') throw new Error(`copy stick: ${JSON.stringify(copy)}`);
        if (paperStations.length > 0) {
          paper = await stages.time('paper count', () =>
            runPaperCount({ hb, pkg: pkg.election, stations: paperStations, voters: options.voters, random: random.fork('paper'), expected: expectedTotal, log }),
          );
          const results = hb.results();
          countedInvalid = Object.fromEntries(results.elections.map((e) => [e.id, e.invalid]));
          const municipal: ElectionTallyView[] = results.elections.map((e) => ({
            election: e.id,
            ballots: e.ballots,
            blank: e.blank,
            lists: e.lists.map((l) => ({ number: l.number, stemcijfer: l.stemcijfer, preferenceVotes: l.candidates.map((c) => c.preferenceVotes) })),
          }));
          return { counted: municipal, kerncijfer: check.summary.storeShortHash };
        }
        const results = hb.results();
        const stationResults = results.stations.find((s) => s.number === station)?.results ?? [];
        return { counted: stationResults as ElectionTallyView[], kerncijfer: check.summary.storeShortHash };
      } finally {
        await hb.close();
      }
    });

    const expectedViews = paper ? expectedTotal.views() : expected.views();
    const differences = compareTallies(expectedViews, counted);
    if (paper) {
      for (const e of pkg.election.elections) {
        const want = paper.invalidExpected[e.id] ?? 0;
        if ((countedInvalid[e.id] ?? 0) !== want) differences.push(`${e.id}: invalid ${countedInvalid[e.id] ?? 0} ≠ ${want}`);
      }
    }
    const registeredMatches = registered === deposited.length;
    if (!registeredMatches) differences.push(`console registered ${registered}, ${deposited.length} ballots went into the box`);
    return {
      voters: options.voters,
      ballotsRegistered: registered,
      expected: Object.fromEntries(expectedViews.map((e) => [e.election, e])),
      counted: Object.fromEntries(counted.map((e) => [e.election, e])),
      differences,
      events,
      kerncijferrapportHash: kerncijfer,
      ...(paper ? { paper } : {}),
      stagesMs: stages.result(),
      wallMs: Math.round(performance.now() - started),
      match: differences.length === 0,
    };
  } finally {
    await box?.stop();
    await Promise.all(machines.map((m) => m.stop()));
    await consoleHandle?.stop();
  }
}

export type { Election };
