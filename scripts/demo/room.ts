// The people in the room, as controls: the president takes each card out of the console's
// writer and lays it on the table; a voter carries it to a booth, takes the printed ballot and
// the card, folds the ballot and lays it on the box's glass, pushes it through the flap; an
// assessor puts test ballots and annulled ballots in their envelopes; at the end the president
// pulls the two sticks and carries them to the hoofdbureau. Plus the faults on demand: a stick
// pulled, a printer out of paper, a ballot folded wet across its barcode.
//
// Everything goes through the devices' simulators — the same objects the apps drive — so what
// the page shows is what the apps did. The ballot the box decodes is the PNG the printer
// simulator rendered from its ESC/POS bytes.
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeQr, grayToPng, readPng } from '@ovs/barcode';
import { eraseRect } from '@ovs/barcode/degrade';
import { CARD_TYPE_ACTIVATION, CARD_TYPE_ERASED_ACTIVATION } from '@ovs/card';
import { electionsForStation, type VerifiedPackage } from '@ovs/election';
import { parseCardImage, type SimulatedCard, type SimulatedPrinter, type SimulatedTicket } from '@ovs/devices';
import type { BallotBoxHandle } from '@ovs/ballot-box';
import type { SimulatedDevices, VotingComputerHandle } from '@ovs/firmware-app';
import type { RunningHoofdbureau } from '@ovs/hoofdbureau';
import type { ConsoleHandle, SimulatedSticks } from '@ovs/president-console';
import type { BoothView, CardView, DemoState, PaperDemoView, StickPlace, TicketView } from './types.ts';
import { guideSteps } from './guide.ts';

export type Result = { ok: boolean; message: string };

interface Card {
  view: CardView;
  chip: SimulatedCard;
}

interface Ticket {
  id: string;
  kind: TicketView['kind'];
  title: string;
  paper: SimulatedTicket;
  damaged: boolean;
  png: Uint8Array;
}

export interface Booth {
  number: number;
  handle: VotingComputerHandle<SimulatedDevices>;
  card: Card | null;
  /** A ballot was printed while this card was in the slot: the card is used up. */
  printedForCard: boolean;
  printed: Ticket[];
}

export interface RoomOptions {
  pkg: VerifiedPackage;
  station: number;
  password: string;
  console: ConsoleHandle;
  /** The console's report printer (the simulator): the "printer out of paper" fault at the console. */
  reportPaper?: SimulatedPrinter;
  sticks: SimulatedSticks;
  stickFolders: Record<'A' | 'B', string>;
  box: BallotBoxHandle;
  /** Takes the box away and puts a new, unpaired one in its place (same display address): a box replaced during the day. */
  replaceBox: () => Promise<BallotBoxHandle>;
  hoofdbureau: RunningHoofdbureau;
  /** The demo's voorzitter account at the hoofdbureau (shown on the page). */
  hoofdbureauLogin: { username: string; password: string };
  /** The mixed municipality's paper side (npm start -- --mixed), or null. */
  paper?: PaperDemoView | null;
  /** Where the hoofdbureau's stick reader mounts the sticks brought in. */
  readerDir: string;
}

/** A wet fold across the QR code's lower half: the corners still show, the data is gone.
 *  The same band the election-day simulation uses: the box refuses it as unreadable. */
export function wetFold(png: Uint8Array): Uint8Array {
  const r = readPng(png);
  if (!r.ok) return png;
  const g = r.value;
  return grayToPng(eraseRect(g, 0, Math.floor(g.height * 0.63), g.width, Math.floor(g.height * 0.1)));
}

const PAPER_DOTS_PER_MM = 8;
const PAPER_ROLL_MM = 80_000;

export class Room {
  readonly booths: Booth[] = [];
  private readonly table: Card[] = [];
  private readonly hand: Ticket[] = [];
  private readonly consolePrints: Ticket[] = [];
  private readonly tickets = new Map<string, Ticket>();
  private readonly stickPlace: Record<'A' | 'B', StickPlace> = { A: 'console', B: 'console' };
  private readonly carried: string[] = [];
  private onGlass: Ticket | null = null;
  private lastScan: string | null = null;
  private inBin = 0;
  private readonly envelopes = { test: 0, annulled: 0 };
  private imported = false;
  private messages: string[] = [];
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly stationElections: Array<{ id: string; title: string }>;

  /** The box in the room now: replaced by replaceBox(). */
  private box: BallotBoxHandle;

  constructor(private readonly o: RoomOptions) {
    this.box = o.box;
    this.stationElections = electionsForStation(o.pkg.election, o.station).map((e) => ({ id: e.id, title: e.title }));
  }

  private id(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  private say(message: string): void {
    this.messages = [message, ...this.messages].slice(0, 6);
  }

  /** One pair of hands: actions run one after the other, never interleaved. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  // ---- what the devices hand out -----------------------------------------------------------

  /** The console's writer has written a card: the president lays it on the table. */
  cardWritten(chip: SimulatedCard, payload: Uint8Array): void {
    let view: CardView;
    if (payload[1] === CARD_TYPE_ACTIVATION) {
      view = { id: this.id('k'), kind: 'activation', title: 'Activeringskaart', elections: [] };
    } else {
      const test = ((payload[2] ?? 0) & 1) === 1;
      const bitmap = payload[13] ?? 0;
      const elections = this.stationElections.filter((_, i) => (bitmap >> i) & 1).map((e) => e.title);
      view = { id: this.id('k'), kind: test ? 'test' : 'voter', title: test ? 'Testkaart' : 'Stemkaart', elections };
    }
    this.table.push({ view, chip });
  }

  /** A voting computer's printer has printed a ticket. */
  ballotPrinted(booth: Booth, paper: SimulatedTicket): void {
    const test = booth.card?.view.kind === 'test';
    if (booth.card) booth.printedForCard = true;
    const ticket: Ticket = {
      id: this.id('b'),
      kind: test ? 'test-ballot' : 'ballot',
      title: `${test ? 'Teststembiljet' : 'Stembiljet'} van stemcomputer ${booth.number}${paper.complete ? '' : ' (afgebroken: papier op)'}`,
      paper,
      damaged: false,
      png: new Uint8Array(paper.png()),
    };
    this.tickets.set(ticket.id, ticket);
    booth.printed.push(ticket);
  }

  /** The console's report printer has printed a ticket (koppelticket, PV, kerncijferrapport). */
  reportPrinted(title: string, paper: SimulatedTicket): void {
    const ticket: Ticket = { id: this.id('r'), kind: 'report', title, paper, damaged: false, png: new Uint8Array(paper.png()) };
    this.tickets.set(ticket.id, ticket);
    this.consolePrints.push(ticket);
  }

  ticketPng(id: string): Uint8Array | undefined {
    return this.tickets.get(id)?.png;
  }

  // ---- the hands ---------------------------------------------------------------------------

  private booth(n: number): Booth | undefined {
    return this.booths.find((b) => b.number === n);
  }

  insertCard(cardId: string, boothNumber: number): Promise<Result> {
    return this.serial(async () => {
      const i = this.table.findIndex((c) => c.view.id === cardId);
      const booth = this.booth(boothNumber);
      if (i < 0) return { ok: false, message: 'Die kaart ligt niet op de tafel.' };
      if (!booth) return { ok: false, message: `Er is geen stemcomputer ${boothNumber}.` };
      if (booth.card) return { ok: false, message: `Er zit al een kaart in stemcomputer ${boothNumber}.` };
      const [card] = this.table.splice(i, 1);
      if (!card) return { ok: false, message: 'Die kaart ligt niet op de tafel.' };
      booth.card = card;
      booth.printedForCard = false;
      booth.handle.devices.cardReader.terminal.insert(card.chip);
      this.say(`${card.view.title} in stemcomputer ${boothNumber} gestoken.`);
      return { ok: true, message: `${card.view.title} zit in stemcomputer ${boothNumber}.` };
    });
  }

  /** A card on the table handed back to the president (an activation card, erased or not, no longer needed). */
  returnCard(cardId: string): Promise<Result> {
    return this.serial(async () => {
      const i = this.table.findIndex((c) => c.view.id === cardId);
      if (i < 0) return { ok: false, message: 'Die kaart ligt niet op de tafel.' };
      const [card] = this.table.splice(i, 1);
      this.say(`${card?.view.title ?? 'Kaart'} teruggegeven aan de voorzitter.`);
      return { ok: true, message: 'De kaart is terug bij de voorzitter.' };
    });
  }

  /** The card comes out; a voter's card that printed a ballot goes back to the president. */
  removeCard(boothNumber: number): Promise<Result> {
    return this.serial(async () => this.takeCardOut(boothNumber));
  }

  private takeCardOut(boothNumber: number): Result {
    const booth = this.booth(boothNumber);
    if (!booth) return { ok: false, message: `Er is geen stemcomputer ${boothNumber}.` };
    const card = booth.card;
    if (!card) return { ok: false, message: `Er zit geen kaart in stemcomputer ${boothNumber}.` };
    booth.handle.devices.cardReader.terminal.remove();
    booth.card = null;
    // The voting computer erased the activation card it read: on the table it is what it is now.
    const now = parseCardImage(card.chip.memory);
    if (card.view.kind === 'activation' && now.ok && now.value.payload[1] === CARD_TYPE_ERASED_ACTIVATION) {
      card.view = { ...card.view, kind: 'erased-activation', title: 'Gewiste activeringskaart' };
    }
    if ((card.view.kind === 'voter' || card.view.kind === 'test') && booth.printedForCard) {
      this.say(`${card.view.title} uit stemcomputer ${boothNumber} genomen en aan de voorzitter teruggegeven.`);
      return { ok: true, message: 'De kaart is gebruikt en gaat terug naar de voorzitter.' };
    }
    this.table.push(card);
    this.say(`${card.view.title} uit stemcomputer ${boothNumber} genomen; ze ligt weer op de tafel.`);
    return { ok: true, message: 'De kaart ligt weer op de tafel.' };
  }

  /** The voter takes the printed ballot (and the card, as the screen asks). */
  takeBallot(boothNumber: number): Promise<Result> {
    return this.serial(async () => {
      const booth = this.booth(boothNumber);
      if (!booth) return { ok: false, message: `Er is geen stemcomputer ${boothNumber}.` };
      if (booth.printed.length === 0) return { ok: false, message: `Stemcomputer ${boothNumber} heeft niets afgedrukt.` };
      const taken = booth.printed.splice(0);
      this.hand.push(...taken);
      if (booth.card) this.takeCardOut(boothNumber);
      this.say(`${taken.map((t) => t.title).join(', ')} genomen.`);
      return { ok: true, message: 'Het stembiljet is in de hand van de kiezer.' };
    });
  }

  private inHand(id: string): Ticket | undefined {
    return this.hand.find((t) => t.id === id);
  }

  /** Fold the ballot (printed side in) and lay it on the box's glass: the box decodes the PNG. */
  scanAtBox(ticketId: string): Promise<Result & { reason?: string | null; state?: string }> {
    return this.serial(async () => {
      const ticket = this.inHand(ticketId) ?? this.consolePrints.find((t) => t.id === ticketId);
      if (!ticket) return { ok: false, message: 'Dat papier is niet in de hand.' };
      const r = await this.box.present(ticket.png);
      if (!r.ok) return { ok: false, message: `De scanner zag geen beeld (${r.error}).` };
      const display = r.box.display;
      this.onGlass = r.box.state === 'flap-open' ? ticket : null;
      this.lastScan = `${ticket.title}: ${display.title}`;
      this.say(`Stembus: ${display.title}${display.notice ? ` — ${display.notice}` : ''}`);
      return { ok: r.box.state === 'flap-open' || ticket.kind === 'report', message: `${display.title}. ${display.text}`, reason: r.box.reason, state: r.box.state };
    });
  }

  /**
   * The technician replaces a broken box during voting (seed 002 II.C.5): the new box knows no
   * console until the president prints a new koppelticket ("Stembus herstart of vervangen") and
   * lays it on its glass. The ballots already in the old box stay in it, sealed.
   */
  replaceBox(): Promise<Result> {
    return this.serial(async () => {
      this.onGlass = null;
      this.box = await this.o.replaceBox();
      const kept = this.inBin;
      // The new box's bin is empty; the old one stays sealed with what it holds.
      this.inBin = 0;
      this.say(`De stembus is vervangen; de oude blijft verzegeld met ${kept} ${kept === 1 ? 'stembiljet' : 'stembiljetten'}. Druk op de voorzitterscomputer een nieuw koppelticket af en leg het op de nieuwe stembus.`);
      return { ok: true, message: 'De nieuwe stembus staat klaar, nog niet gekoppeld.' };
    });
  }

  /** The newest koppelticket the console printed, laid on the box's glass. */
  async pairBox(): Promise<Result> {
    const ticket = [...this.consolePrints].reverse().find((t) => t.title.startsWith('Koppelticket'));
    if (!ticket) return { ok: false, message: 'Er is nog geen koppelticket: open eerst de voorzitterscomputer met het paswoord.' };
    const r = await this.scanAtBox(ticket.id);
    const paired = this.box.snapshot().paired;
    return { ok: paired, message: paired ? 'De stembus is gekoppeld aan de voorzitterscomputer.' : r.message };
  }

  /** Push the ballot on the glass through the open flap. */
  deposit(): Promise<Result> {
    return this.serial(async () => {
      const ticket = this.onGlass;
      if (!ticket || this.box.snapshot().state !== 'flap-open') {
        this.onGlass = null;
        return { ok: false, message: 'De klep is dicht: scan het stembiljet (opnieuw) om ze te openen.' };
      }
      const r = await this.box.deposit();
      if (r !== 'deposited') return { ok: false, message: 'De klep ging dicht voor het stembiljet erin zat: scan het opnieuw.' };
      this.onGlass = null;
      const i = this.hand.indexOf(ticket);
      if (i >= 0) this.hand.splice(i, 1);
      // In the box, out of reach: the page cannot show that paper again.
      this.tickets.delete(ticket.id);
      this.inBin++;
      this.say('Het stembiljet zit in de stembus.');
      return { ok: true, message: 'Het stembiljet zit in de stembus.' };
    });
  }

  /** The "unreadable ballot" fault: the ballot folded while wet, across its barcode. */
  damage(ticketId: string): Promise<Result> {
    return this.serial(async () => {
      const ticket = this.inHand(ticketId);
      if (!ticket) return { ok: false, message: 'Dat stembiljet is niet in de hand.' };
      if (!ticket.damaged) {
        ticket.damaged = true;
        ticket.png = wetFold(ticket.png);
      }
      this.say(`${ticket.title} is nat geworden en over de barcode gevouwen.`);
      return { ok: true, message: 'De barcode is beschadigd: de stembus zal het stembiljet niet kunnen lezen.' };
    });
  }

  /** Art. 18: the ballot's barcode under the hand scanner of the voting computer that has one. */
  handScanner(ticketId: string): Promise<Result> {
    return this.serial(async () => {
      const ticket = this.inHand(ticketId);
      const booth = this.booths.find((b) => b.handle.devices.handScanner);
      if (!ticket) return { ok: false, message: 'Dat stembiljet is niet in de hand.' };
      if (!booth?.handle.devices.handScanner) return { ok: false, message: 'Geen stemcomputer heeft een handscanner.' };
      const decoded = await decodeQr(ticket.png);
      if (!decoded.ok) return { ok: false, message: 'De handscanner kan de barcode niet lezen.' };
      const fed = booth.handle.devices.handScanner.feedBytes(decoded.value);
      if (!fed.ok) return { ok: false, message: `De handscanner antwoordt niet (${fed.error}).` };
      this.say(`${ticket.title} onder de handscanner van stemcomputer ${booth.number}.`);
      return { ok: true, message: `Stemcomputer ${booth.number} toont wat de barcode bevat.` };
    });
  }

  /** Into the envelope: test ballots, or annulled ballots ("teruggenomen stembiljet"). */
  toEnvelope(ticketId: string): Promise<Result> {
    return this.serial(async () => {
      const ticket = this.inHand(ticketId);
      if (!ticket) return { ok: false, message: 'Dat stembiljet is niet in de hand.' };
      this.hand.splice(this.hand.indexOf(ticket), 1);
      this.tickets.delete(ticket.id);
      if (this.onGlass === ticket) this.onGlass = null;
      if (ticket.kind === 'test-ballot') {
        this.envelopes.test++;
        this.say('Teststembiljet in de omslag voor teststembiljetten.');
        return { ok: true, message: 'In de omslag voor teststembiljetten.' };
      }
      this.envelopes.annulled++;
      this.say('Stembiljet teruggenomen: in de omslag voor geannuleerde stembiljetten. Annuleer het ook op de voorzitterscomputer.');
      return { ok: true, message: 'In de omslag voor geannuleerde stembiljetten. Kies op de voorzitterscomputer "Stembiljet annuleren…" voor een vervangkaart.' };
    });
  }

  // ---- faults --------------------------------------------------------------------------------

  pullStick(port: 'A' | 'B'): Promise<Result> {
    return this.serial(async () => {
      if (this.stickPlace[port] !== 'console') return { ok: false, message: `Stick ${port} zit niet in de voorzitterscomputer.` };
      this.o.sticks.pull(port);
      this.stickPlace[port] = 'pulled';
      await this.o.console.checkSticks();
      this.say(`Stick ${port} uitgetrokken.`);
      return { ok: true, message: `Stick ${port} is uitgetrokken.` };
    });
  }

  insertStick(port: 'A' | 'B'): Promise<Result> {
    return this.serial(async () => {
      if (this.stickPlace[port] !== 'pulled') return { ok: false, message: `Stick ${port} is niet uitgetrokken.` };
      this.o.sticks.insert(port);
      this.stickPlace[port] = 'console';
      await this.o.console.checkSticks();
      this.say(`Stick ${port} teruggestoken.`);
      return { ok: true, message: `Stick ${port} zit weer in de voorzitterscomputer.` };
    });
  }

  setPaper(boothNumber: number, paper: 'ok' | 'out'): Promise<Result> {
    return this.serial(async () => {
      const booth = this.booth(boothNumber);
      if (!booth) return { ok: false, message: `Er is geen stemcomputer ${boothNumber}.` };
      booth.handle.devices.printer.setPaperMm(paper === 'out' ? 0 : PAPER_ROLL_MM);
      this.say(paper === 'out' ? `De printer van stemcomputer ${boothNumber} heeft geen papier meer.` : `Nieuwe papierrol in stemcomputer ${boothNumber}.`);
      return {
        ok: true,
        message:
          paper === 'out'
            ? 'Papier op. De stemcomputer merkt het bij de volgende kaart of het volgende stembiljet en geeft alarm.'
            : 'Nieuwe rol ingelegd. Steek de gewiste activeringskaart in om het alarm te stoppen.',
      };
    });
  }

  /** The console's report printer out of paper (a PV or a kerncijferrapport that does not come out), or a new roll. */
  setConsolePaper(paper: 'ok' | 'out'): Promise<Result> {
    return this.serial(async () => {
      const printer = this.o.reportPaper;
      if (!printer) return { ok: false, message: 'Deze voorzitterscomputer heeft geen gesimuleerde printer.' };
      printer.setPaperMm(paper === 'out' ? 0 : PAPER_ROLL_MM);
      this.say(paper === 'out' ? 'De printer van de voorzitterscomputer heeft geen papier meer.' : 'Nieuwe papierrol in de printer van de voorzitterscomputer.');
      return { ok: true, message: paper === 'out' ? 'Papier op. De voorzitterscomputer meldt het bij de volgende afdruk.' : 'Nieuwe rol ingelegd. Druk op de voorzitterscomputer op "Opnieuw afdrukken".' };
    });
  }

  // ---- the hoofdbureau -------------------------------------------------------------------------

  /** After closing: pull both sticks and bring them to the hoofdbureau's reader. */
  carrySticks(): Promise<Result> {
    return this.serial(async () => {
      const snap = this.o.console.core.snapshot();
      if (snap.phase.kind !== 'closed') return { ok: false, message: 'Sluit eerst de stemming af op de voorzitterscomputer.' };
      // Seed 002 III.5.3: the kerncijferrapport goes into the envelope with the sticks.
      if (snap.prints) return { ok: false, message: `Druk eerst alles af op de voorzitterscomputer (nog: ${snap.prints.next.name}): het kerncijferrapport gaat mee in de omslag.` };
      await mkdir(this.o.readerDir, { recursive: true });
      for (const port of ['A', 'B'] as const) {
        if (this.stickPlace[port] === 'hoofdbureau') continue;
        if (this.stickPlace[port] === 'console') this.o.sticks.pull(port);
        const name = `stembureau-${this.o.station}-stick-${port}`;
        await cp(this.o.stickFolders[port], join(this.o.readerDir, name), { recursive: true });
        this.stickPlace[port] = 'hoofdbureau';
        this.carried.push(name);
      }
      this.say('De twee sticks liggen in de lezer van het hoofdbureau.');
      return { ok: true, message: 'De sticks zijn in het hoofdbureau. Klik daar "Controleren" en dan "Inlezen".' };
    });
  }

  private stickDir(name: string): string | undefined {
    return this.carried.includes(name) ? join(this.o.readerDir, name) : undefined;
  }

  async checkStick(name: string): Promise<Result & { report?: unknown }> {
    const dir = this.stickDir(name);
    if (!dir) return { ok: false, message: `Stick ${name} ligt niet in het hoofdbureau.` };
    const report = await this.o.hoofdbureau.hoofdbureau.checkStick(dir);
    return { ok: report.ok, message: report.ok ? `Stick ${name} is in orde.` : `Stick ${name} is niet in orde.`, report };
  }

  async importStick(name: string, copy: boolean): Promise<Result & { report?: unknown }> {
    const dir = this.stickDir(name);
    if (!dir) return { ok: false, message: `Stick ${name} ligt niet in het hoofdbureau.` };
    const report = await this.o.hoofdbureau.hoofdbureau.importStick(dir, { copy });
    const ok = report.kind === 'imported' || report.kind === 'identical';
    return { ok, message: ok ? (report.kind === 'imported' ? `Ingelezen: ${report.ballots} stembiljetten.` : 'Al ingelezen, identiek.') : `Niet ingelezen (${report.kind}).`, report };
  }

  private stationImported(): boolean {
    if (this.imported || this.carried.length === 0) return this.imported;
    const doc = this.o.hoofdbureau.hoofdbureau.results();
    this.imported = doc.stations.some((s) => s.number === this.o.station && s.state === 'ingelezen');
    return this.imported;
  }

  // ---- the page's view -----------------------------------------------------------------------

  private ticketView(t: Ticket): TicketView {
    return {
      id: t.id,
      kind: t.kind,
      title: t.title,
      widthMm: t.paper.image.width / PAPER_DOTS_PER_MM,
      heightMm: t.paper.image.height / PAPER_DOTS_PER_MM,
      complete: t.paper.complete,
      damaged: t.damaged,
      onGlass: this.onGlass === t && this.box.snapshot().state === 'flap-open',
    };
  }

  state(urls: { console: string; box: string; hoofdbureau: string }): DemoState {
    const snap = this.o.console.core.snapshot();
    const box = this.box.snapshot();
    const controller = this.box.simulated?.ballotBox.controller.state;
    const booths: BoothView[] = this.booths.map((b) => {
      const screen = b.handle.computer.screen().screen.body.kind;
      return {
        number: b.number,
        url: b.handle.url,
        handScanner: b.handle.devices.handScanner !== undefined,
        screen,
        activated: b.handle.computer.activated,
        alarm: b.handle.devices.alarm.status().kind !== 'quiet',
        card: b.card?.view ?? null,
        printed: b.printed.map((t) => this.ticketView(t)),
        paper: b.handle.devices.printer.paperMm > 0 ? 'ok' : 'out',
      };
    });
    const state: DemoState = {
      station: { number: this.o.station, name: snap.station?.name ?? `stembureau ${this.o.station}` },
      password: this.o.password,
      console: {
        url: urls.console,
        linkUrl: this.o.console.linkUrl,
        phase: snap.phase.kind,
        halted: snap.halt?.message ?? null,
        registered: snap.counters?.registered ?? 0,
        boxEmptyRecorded: snap.box.emptyRecorded,
        storeShortHash: snap.closing?.storeShortHash ?? null,
        paper: (this.o.reportPaper?.paperMm ?? 1) > 0 ? 'ok' : 'out',
        printsPending: snap.prints !== undefined,
      },
      sticks: { ...this.stickPlace },
      table: this.table.map((c) => c.view),
      booths,
      hand: this.hand.map((t) => this.ticketView(t)),
      box: {
        url: urls.box,
        paired: box.paired,
        leds: { red: controller?.red ?? 'off', green: controller?.green ?? 'off' },
        flap: controller?.flap ?? 'closed',
        title: box.display.title,
        inBin: this.inBin,
        lastScan: this.lastScan,
      },
      consolePrints: this.consolePrints.map((t) => this.ticketView(t)),
      envelopes: { ...this.envelopes },
      hoofdbureau: { url: urls.hoofdbureau, sticks: [...this.carried], imported: this.stationImported(), login: this.o.hoofdbureauLogin, paper: this.o.paper ?? null },
      steps: [],
      messages: [...this.messages],
    };
    state.steps = guideSteps(state);
    return state;
  }
}
