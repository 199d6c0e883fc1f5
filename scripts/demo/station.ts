// The virtual polling station in one process: the president console on two stick folders,
// three voting computers (the first with the hand scanner), the ballot box, and the
// hoofdbureau — every one the real app on 127.0.0.1 with simulated devices — plus the room's
// hands (room.ts) and the page that shows them side by side (server.ts).
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createPrinter, type PrintJob, type ThermalPrinter } from '@ovs/devices';
import { startBallotBox, type BallotBoxHandle } from '@ovs/ballot-box';
import { startVotingComputer, takeTickets, type SimulatedDevices, type VotingComputerHandle } from '@ovs/firmware-app';
import { createAccount, startHoofdbureau, temporaryPassword, type RunningHoofdbureau } from '@ovs/hoofdbureau';
import { createSimulatedConsoleDevices, createSimulatedSticks, folderExpertMedium, startConsole, type ConsoleHandle } from '@ovs/president-console';
import { demoPackage, prepareSticks, type DemoPackage } from './prepare.ts';
import { Room, type Booth } from './room.ts';
import { originsOf, startDemoServer, type DemoServer } from './server.ts';
import { electionDayClock } from '../election-day-clock.ts';
import { setUpMixedDemo } from './mixed.ts';

export interface PollingStationOptions {
  /** The cached demo election package (made once). */
  packageDir: string;
  /** This run's sticks, database and stick reader (usb-a, usb-b, hoofdbureau.db, hoofdbureau-lezer), made afresh at start. */
  runDir: string;
  /** The page's port; 0 = any free port. */
  port: number;
  station?: number;
  machines?: number;
  /** How long the box's flap stays open for the voter (500..30000 ms). */
  flapOpenMs?: number;
  /** A mixed municipality: stations 10–12 vote on paper, counted by telbureaus G1 and P1 (scripts/demo/mixed.ts). */
  mixed?: boolean;
  progress?: (line: string) => void;
}

export interface PollingStation {
  /** The one page to open. */
  url: string;
  pkg: DemoPackage;
  room: Room;
  console: ConsoleHandle;
  booths: Array<VotingComputerHandle<SimulatedDevices>>;
  box: BallotBoxHandle;
  hoofdbureau: RunningHoofdbureau;
  server: DemoServer;
  /** Closes every server and device, in the reverse order of starting. Safe to call twice. */
  stop(): Promise<void>;
}

/** The first text line of a report job is its title ("Koppelticket stembus", "Proces-verbaal"). */
function titleOf(job: PrintJob): string {
  for (const e of job.elements) {
    const text = e.kind === 'text' ? e.text.trim() : '';
    // Printed in capitals; named on the page as a person says it.
    if (text !== '') return text === text.toUpperCase() ? text.charAt(0) + text.slice(1).toLowerCase() : text;
  }
  return 'Afdruk';
}

export async function startPollingStation(options: PollingStationOptions): Promise<PollingStation> {
  const log = options.progress ?? (() => {});
  const station = options.station ?? 1;
  const machines = options.machines ?? 3;
  const pkg = await demoPackage(options.packageDir, log);
  const password = pkg.passwords.get(station);
  if (!password) throw new Error(`stembureau ${station} staat niet in het demo-verkiezingspakket`);

  // A fresh day: only what an earlier start wrote goes (the folder may hold other things).
  const stickFolders = { A: join(options.runDir, 'usb-a'), B: join(options.runDir, 'usb-b') };
  const readerDir = join(options.runDir, 'hoofdbureau-lezer');
  const db = join(options.runDir, 'hoofdbureau.db');
  const expertDir = join(options.runDir, 'usb-deskundige');
  for (const old of [stickFolders.A, stickFolders.B, readerDir, expertDir, db, `${db}-wal`, `${db}-shm`]) await rm(old, { recursive: true, force: true });
  await mkdir(readerDir, { recursive: true });
  await mkdir(expertDir, { recursive: true });
  log('De twee sticks van het stembureau worden voorbereid…');
  await prepareSticks(pkg, station, [stickFolders.A, stickFolders.B]);

  // Whatever started is stopped again if a later start fails, and by stop().
  const stops: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> =>
    (stopping ??= (async () => {
      const errors: unknown[] = [];
      for (const s of stops.reverse()) await s().catch((e: unknown) => errors.push(e));
      if (errors.length > 0) throw new AggregateError(errors, 'niet alles stopte netjes');
    })());

  try {
    // The page listens first: each device lets exactly this page embed its screen.
    const server = await startDemoServer({ port: options.port });
    stops.push(() => server.stop());
    const guard = { embeddedBy: server.origins };

    log('De toestellen starten…');
    // The devices report cards and paper from their first moment; the room exists once they all run.
    const late: { room?: Room } = {};
    const pendingCards: Array<Parameters<Room['cardWritten']>> = [];
    const sticks = createSimulatedSticks(stickFolders);
    const consoleDevices = createSimulatedConsoleDevices({
      onCard: (w) => (late.room ? late.room.cardWritten(w.card, w.payload) : pendingCards.push([w.card, w.payload])),
    });
    // The report printer: the simulator, with each ticket named after the report it carries.
    const reportPaper = createPrinter({ kind: 'simulated' });
    const reportPrinter: ThermalPrinter = {
      implementation: reportPaper.implementation,
      status: () => reportPaper.status(),
      selfTest: (o) => reportPaper.selfTest(o),
      close: () => reportPaper.close(),
      async print(job) {
        const r = await reportPaper.print(job);
        for (const t of reportPaper.tickets.splice(0)) late.room?.reportPrinted(titleOf(job), t);
        return r;
      },
    };
    const clock = electionDayClock(pkg.verified.election.electionDate);
    const consoleHandle = await startConsole({
      station,
      organiserPublicKey: pkg.organiserPublicKey,
      sticks,
      devices: { cardWriter: consoleDevices.cardWriter, printer: reportPrinter },
      port: 0,
      link: { port: 0 },
      pollMs: 500,
      ui: true,
      guard,
      now: clock,
      // The expert's stick in the third port: a folder of its own (decree art. 12).
      expertMedium: folderExpertMedium(expertDir),
    });
    stops.push(() => consoleHandle.stop());

    const booths: Booth[] = [];
    for (let i = 0; i < machines; i++) {
      const number = i + 1;
      const r = await startVotingComputer({
        verifiedPackage: pkg.verified,
        station,
        port: 0,
        guard,
        // Its alarms show at the console too, dated by the console's clock (the demo's election day).
        console: { url: consoleHandle.linkUrl, machine: `stemcomputer ${number}`, now: clock },
        simulate: {
          handScanner: i === 0,
          printer: {
            onTicket: () => {
              const booth = booths.find((b) => b.number === number);
              const room = late.room;
              if (!booth || !room) return;
              for (const t of takeTickets(booth.handle.devices)) room.ballotPrinted(booth, t);
            },
          },
        },
      });
      if (!r.ok) throw new Error(`stemcomputer ${number}: ${JSON.stringify(r.error)}`);
      const handle = r.handle;
      stops.push(() => handle.stop());
      booths.push({ number, handle, card: null, printedForCard: false, printed: [] });
    }

    // Unpaired at start: the president lays the koppelticket on its glass after opening.
    const startBox = (port: number): Promise<BallotBoxHandle> =>
      startBallotBox({ package: pkg.verified, station, console: { url: consoleHandle.linkUrl }, port, flapOpenMs: options.flapOpenMs ?? 30_000, guard });
    const box = await startBox(0);
    let currentBox = box;
    stops.push(() => currentBox.stop());
    // A replacement takes the old one's display address, so the page keeps showing "the box".
    const replaceBox = async (): Promise<BallotBoxHandle> => {
      const port = Number(new URL(currentBox.url ?? 'http://127.0.0.1:0').port);
      await currentBox.stop();
      currentBox = await startBox(port);
      return currentBox;
    };

    const hoofdbureau = await startHoofdbureau({
      db,
      packageDir: pkg.dir,
      key: pkg.hoofdbureauKeyFile,
      port: 0,
      sticksDir: readerDir,
      workers: 0,
      guard,
    });
    stops.push(() => hoofdbureau.stop());
    // The demo's voorzitter of the hoofdbureau, with a password made now and shown on the page
    // (never a fixed one: the same code never gives a real server an account anyone knows).
    const hoofdbureauLogin = { username: 'voorzitter', password: temporaryPassword() };
    const account = await createAccount(hoofdbureau.hoofdbureau.db.sqlite, { username: hoofdbureauLogin.username, name: 'Voorzitter van het hoofdbureau (demo)', role: 'voorzitter' }, 'virtueel stembureau (demo)', {
      params: hoofdbureau.staff.kdf,
      fixedPassword: hoofdbureauLogin.password,
    });
    if (!account.ok) throw new Error(account.error.message);
    const paper = options.mixed ? await setUpMixedDemo(hoofdbureau, hoofdbureauLogin.username) : null;

    const theRoom = new Room({ pkg: pkg.verified, station, password, console: consoleHandle, reportPaper, sticks, stickFolders, box, replaceBox, hoofdbureau, hoofdbureauLogin, readerDir, paper });
    theRoom.booths.push(...booths);
    for (const c of pendingCards) theRoom.cardWritten(...c);
    late.room = theRoom;

    const urls = { console: consoleHandle.url, box: box.url ?? '', hoofdbureau: hoofdbureau.url };
    const devices = [urls.console, urls.box, urls.hoofdbureau, ...booths.map((b) => b.handle.url)].filter((u) => u !== '');
    server.serve(theRoom, urls, devices.flatMap(originsOf));

    return {
      url: server.url,
      pkg,
      room: theRoom,
      console: consoleHandle,
      booths: booths.map((b) => b.handle),
      box,
      hoofdbureau,
      server,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll().catch(() => undefined);
    throw e;
  }
}
