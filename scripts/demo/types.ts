// What the virtual polling station's page receives from GET /demo/api/state: where every
// device is, what lies on the tables and in the hands, and the guide's steps. It carries no
// vote: the ballots are images served apart (/demo/tickets/ID.png), as paper is.

import type { Phase } from '@ovs/president-console';

export type StickPlace = 'console' | 'pulled' | 'hoofdbureau';

export interface CardView {
  id: string;
  /** `erased-activation`: an activation card a voting computer has erased (the president's key to stop an alarm). */
  kind: 'activation' | 'erased-activation' | 'voter' | 'test';
  /** "Activeringskaart", "Gewiste activeringskaart", "Stemkaart", "Testkaart". */
  title: string;
  /** The elections a voter or test card is valid for. */
  elections: string[];
}

export interface TicketView {
  id: string;
  kind: 'ballot' | 'test-ballot' | 'report';
  title: string;
  /** The paper as printed: 8 dots per mm. */
  widthMm: number;
  heightMm: number;
  /** False when the roll ran out half-way: the ballot is cut short. */
  complete: boolean;
  /** A wet fold across the barcode (the "unreadable ballot" fault). */
  damaged: boolean;
  /** Lies on the box's glass while the flap is open for it. */
  onGlass: boolean;
}

export interface BoothView {
  number: number;
  url: string;
  handScanner: boolean;
  /** The kind of screen the voting computer shows (never what is on it). */
  screen: string;
  activated: boolean;
  alarm: boolean;
  card: CardView | null;
  /** Printed and not yet taken. */
  printed: TicketView[];
  paper: 'ok' | 'out';
}

export interface BoxView {
  url: string;
  paired: boolean;
  /** The two LEDs on the front, as the flap controller drives them. */
  leds: { red: 'off' | 'on' | 'blink'; green: 'off' | 'on' | 'blink' };
  flap: 'closed' | 'opening' | 'open' | 'closing' | 'jammed';
  title: string;
  /** Ballots that went through the flap. */
  inBin: number;
  /** The last thing the box said about a ballot laid on its glass. */
  lastScan: string | null;
}

export interface GuideStep {
  id: string;
  title: string;
  /** What to do, in one or two sentences. */
  text: string;
  done: boolean;
  optional: boolean;
  /** An optional step the day has gone past without it. */
  skipped: boolean;
}

export interface DemoState {
  station: { number: number; name: string };
  /** The password from the sealed envelope (shown for the demo only). */
  password: string;
  console: {
    url: string;
    /** The console's end of the cable to the ballot box. */
    linkUrl: string;
    phase: Phase['kind'];
    halted: string | null;
    registered: number;
    boxEmptyRecorded: boolean;
    storeShortHash: string | null;
    /** The console's report printer. */
    paper: 'ok' | 'out';
    /** A copy the console still asks to print (or one that failed). */
    printsPending: boolean;
  };
  sticks: Record<'A' | 'B', StickPlace>;
  /** Cards out of the console's writer, on the president's table. */
  table: CardView[];
  booths: BoothView[];
  /** Ballots the voter holds. */
  hand: TicketView[];
  box: BoxView;
  /** What the console's report printer printed: koppelticket, PV, kerncijferrapport. */
  consolePrints: TicketView[];
  envelopes: { test: number; annulled: number };
  /** login: the demo's own voorzitter account, made at start with a random password (a real server has no account until `hoofdbureau account create`). */
  hoofdbureau: { url: string; sticks: string[]; imported: boolean; login: { username: string; password: string }; paper: PaperDemoView | null };
  steps: GuideStep[];
  /** The hands' last words: what happened after the last action. */
  messages: string[];
}

export interface ActionAnswer {
  ok: boolean;
  message: string;
  state: DemoState;
}

/** `npm start -- --mixed`: the paper telbureaus of the demo, their typists and the tables on paper (scripts/demo/mixed.ts). */
export interface PaperDemoView {
  telbureaus: string[];
  stations: number[];
  typists: Array<{ username: string; password: string }>;
  /** Each table as the telbureau's paper holds it: the fields in order (key, label, value). */
  tables: Array<{ telbureau: string; election: string; title: string; fields: Array<[string, string, number]> }>;
}
