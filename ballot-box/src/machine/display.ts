// What the box's small display shows, derived from the model alone: one colour, one title in
// large text, one sentence, and what to do next. The voter reads the title from a step away; the
// assessor reads the line at the bottom (console, phase, flap controller). Never a ballot id,
// never a vote: the model's ids do not reach this function's output.
import { PAIRING_MESSAGES, type LinkError } from '@ovs/link';
import type { BoxModel, LinkView, Notice } from './machine.ts';
import { FAULT_TEXT, REFUSALS, type RefusalReason } from './refusals.ts';

export type Tone = 'ready' | 'wait' | 'go' | 'refused' | 'fault' | 'closed';

export interface DisplayView {
  /** Red, green or both dark, as the LEDs on the front. */
  light: 'red' | 'green' | 'red-blink';
  tone: Tone;
  title: string;
  text: string;
  instruction: string | null;
  /** A second line for a moment: "one ballot at a time", "thank you"... */
  notice: string | null;
  /** For the assessor: console, voting phase, flap controller. */
  status: string;
  /** When refused: the reason code (for the console, tests and the virtual polling station). */
  reason: RefusalReason | null;
}

export const NOTICES: Record<Notice['kind'], string> = {
  deposited: 'Dank u. Uw stembiljet zit in de stembus.',
  rescan: 'De klep ging dicht zonder stembiljet. Scan hetzelfde stembiljet opnieuw om de klep weer te openen.',
  busy: 'Eén stembiljet tegelijk: wacht tot de stembus klaar is en scan dan opnieuw.',
  'multiple-codes': 'Leg één stembiljet tegelijk op de glasplaat.',
  paired: 'Koppelcode aanvaard: de stembus maakt verbinding met de voorzitterscomputer.',
  'pairing-refused': 'Deze koppelcode wordt geweigerd.',
  'scanner-fault': 'De scanner gaf een fout. Scan opnieuw; blijft het, verwittig de voorzitter.',
  'box-empty-sent': 'De voorzitterscomputer weet nu dat de stembus leeg is.',
  'box-empty-refused': 'Een lege stembus wordt alleen vóór de opening van de stemming gemeld.',
};

function noticeText(n: Notice): string {
  return n.kind === 'pairing-refused' ? `${NOTICES['pairing-refused']} ${PAIRING_MESSAGES[n.error]}` : NOTICES[n.kind];
}

function linkLine(link: LinkView, paired: boolean): string {
  if (!paired) return 'niet gekoppeld';
  switch (link.kind) {
    case 'unknown':
      return 'verbinden…';
    case 'ready':
      return { preparation: 'stemming nog niet geopend', open: 'stemming open', halted: 'stemming onderbroken', closed: 'stemming gesloten' }[link.phase];
    case 'bad-session':
      return 'sessie van een ander stembureau';
    case 'failed':
      return linkErrorText(link.error);
    default:
      return link satisfies never;
  }
}

/** What the assessor reads for a link failure (display and self-test report). */
export function linkErrorText(error: LinkError): string {
  switch (error) {
    case 'unreachable':
    case 'timeout':
    case 'bad-response':
      return 'geen verbinding';
    case 'not-ready':
      return 'voorzitterscomputer niet klaar';
    case 'unauthenticated':
    case 'wrong-station':
    case 'replayed':
    case 'malformed-request':
      return 'koppeling ongeldig';
    case 'not-authentic':
    case 'bad-receipt':
      return 'niet echt (alarm)';
    default:
      return error satisfies never;
  }
}

function statusLine(m: BoxModel): string {
  const c = m.controller;
  const flap = !c.connected ? 'klepsturing antwoordt niet' : c.cover === 'open' ? 'deksel open' : c.jammed ? 'klep zit vast' : 'klep in orde';
  return `Voorzitterscomputer: ${linkLine(m.link, m.paired)} · ${flap}`;
}

/** The idle screen depends on what the box knows about the console. */
function idleView(m: BoxModel): Pick<DisplayView, 'tone' | 'title' | 'text' | 'instruction'> {
  // Closed is for the rest of the day, whatever the link says after.
  if (m.closedForDay) return { tone: 'closed', title: 'Stemming gesloten', text: 'De stembus aanvaardt geen stembiljetten meer.', instruction: null };
  if (!m.paired) {
    return { tone: 'fault', title: 'Stembus niet gekoppeld', text: 'De stembus kent de voorzitterscomputer nog niet.', instruction: 'Voorzitter: leg de koppelcode van het openingsticket op de scanner.' };
  }
  const link = m.link;
  switch (link.kind) {
    case 'unknown':
      return { tone: 'wait', title: 'Even geduld', text: 'De stembus maakt verbinding met de voorzitterscomputer.', instruction: null };
    case 'failed':
      if (link.error === 'not-authentic' || link.error === 'bad-receipt') {
        const r = REFUSALS['link-alarm'];
        return { tone: 'fault', title: r.title, text: r.text, instruction: 'Voorzitter: laat niemand aan de kabel tussen stembus en voorzitterscomputer komen en verwittig het hoofdbureau.' };
      }
      return { tone: 'fault', title: 'Geen verbinding', text: `De stembus kan niet met de voorzitterscomputer werken (${linkLine(link, true)}).`, instruction: 'Verwittig de voorzitter.' };
    case 'bad-session':
      return { tone: 'fault', title: 'Geen verbinding', text: `De stembus kan niet met de voorzitterscomputer werken (${linkLine(link, true)}).`, instruction: 'Verwittig de voorzitter.' };
    case 'ready':
      switch (link.phase) {
        case 'preparation':
          return { tone: 'wait', title: 'Stemming nog niet geopend', text: 'De stembus aanvaardt stembiljetten zodra de voorzitter de stemming opent.', instruction: null };
        case 'open':
          return { tone: 'ready', title: 'Scan uw stembiljet', text: 'Open het stembiljet en leg het met de barcode naar onder op de glasplaat.', instruction: null };
        case 'halted':
          return { tone: 'wait', title: 'Stemming onderbroken', text: 'De voorzitterscomputer registreert even niet.', instruction: 'Bewaar uw stembiljet en wacht op de voorzitter.' };
        case 'closed':
          return { tone: 'closed', title: 'Stemming gesloten', text: 'De stembus aanvaardt geen stembiljetten meer.', instruction: null };
        default:
          return link.phase satisfies never;
      }
    default:
      return link satisfies never;
  }
}

export function displayOf(m: BoxModel): DisplayView {
  const notice = m.notice ? noticeText(m.notice.notice) : null;
  const base = { notice, status: statusLine(m), reason: null };
  const st = m.state;
  switch (st.kind) {
    case 'idle':
      return { ...base, light: 'red', ...idleView(m) };
    case 'verifying':
      return { ...base, light: 'red', tone: 'wait', title: 'Even geduld', text: 'Het stembiljet wordt nagekeken.', instruction: 'Laat het stembiljet liggen.' };
    case 'registering':
      return st.attempt === 1 && !st.waiting
        ? { ...base, light: 'red', tone: 'wait', title: 'Even geduld', text: 'Het stembiljet wordt geregistreerd.', instruction: 'Laat het stembiljet liggen.' }
        : { ...base, light: 'red', tone: 'wait', title: 'Even geduld', text: 'De voorzitterscomputer antwoordt niet meteen; de stembus probeert opnieuw.', instruction: 'Laat het stembiljet liggen.' };
    case 'opening':
      return { ...base, light: 'red', tone: 'wait', title: 'De klep gaat open', text: 'Het stembiljet is geregistreerd.', instruction: null };
    case 'flap-open':
      return {
        ...base,
        light: 'green',
        tone: 'go',
        title: 'Steek uw stembiljet in de stembus',
        text: st.reopen ? 'De klep is weer open. Uw stem telt één keer.' : 'De klep is open. Uw stem is geregistreerd.',
        instruction: 'Vouw het stembiljet dicht met de bedrukte zijde naar binnen en steek het in de gleuf.',
      };
    case 'refused': {
      const r = REFUSALS[st.reason];
      const text = st.cause ? `${r.text} ${FAULT_TEXT[st.cause]}` : r.text;
      return { ...base, light: 'red-blink', tone: st.reason === 'box-fault' || st.reason === 'flap-failed' || st.reason === 'link-alarm' ? 'fault' : 'refused', title: r.title, text, instruction: r.instruction, reason: st.reason };
    }
    default:
      return st satisfies never;
  }
}
