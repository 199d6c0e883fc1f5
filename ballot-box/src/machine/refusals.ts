// Why the box refuses a ballot, what its display says about it (in Dutch, large enough for
// the voter and the assessor to read from a step away), and what it tells the president.
//
// Two families, and the words say which one applies, because the president's next step
// differs (decree art. 17 §2):
// - the ballot itself is at fault (unreadable, forged, another station, a test ballot, a
//   second scan of a ballot already in the box): the president takes it back, annuls it and
//   the voter gets a new card;
// - the polling station is at fault (console unreachable, voting interrupted or not open, the
//   flap broken): the ballot is still good and must not be annulled; the voter keeps it and
//   scans it again when the problem is solved. Registration is idempotent by ballot id, so a
//   ballot that did reach the console is never counted twice.
import type { BoxRefusal } from '@ovs/link';

export type RefusalReason =
  | BoxRefusal
  /** The console is there but not unlocked (after a restart, before the password). */
  | 'console-not-ready'
  /** The box has no (valid) link key: the pairing code was never scanned or is of another opening. */
  | 'not-paired'
  /** The flap cannot open (cover open, jammed, controller silent) or the console's session is not of this station. */
  | 'box-fault'
  /** Registered, but the flap did not open: the vote counts, the paper is not in the box yet. */
  | 'flap-failed'
  /**
   * An alarm: what answers on the cable is not this station's console (its handshake is not signed
   * by the stembureau key), or a registration's receipt does not verify. The flap stays shut.
   */
  | 'link-alarm';

export interface RefusalText {
  title: string;
  text: string;
  instruction: string;
}

/** What happens to the paper: annulled by the president, or kept by the voter for a new scan. */
export type PaperFate = 'annul' | 'keep';

export interface RefusalInfo extends RefusalText {
  fate: PaperFate;
}

const toPresident = 'Ga naar de voorzitter: het stembiljet wordt geannuleerd en u krijgt een nieuwe chipkaart.';
const keep = 'Bewaar het stembiljet: het wordt niet geannuleerd.';

export const REFUSALS: Record<RefusalReason, RefusalInfo> = {
  unreadable: {
    title: 'Barcode onleesbaar',
    text: 'De stembus kan de barcode van dit stembiljet niet lezen.',
    instruction: toPresident,
    fate: 'annul',
  },
  malformed: {
    title: 'Geen geldig stembiljet',
    text: 'Deze barcode is geen stembiljet van de stemcomputers van dit stembureau.',
    instruction: toPresident,
    fate: 'annul',
  },
  'bad-signature': {
    title: 'Stembiljet niet echt',
    text: 'De handtekening in de barcode klopt niet: het stembiljet is vervalst of beschadigd.',
    instruction: toPresident,
    fate: 'annul',
  },
  'wrong-station': {
    title: 'Ander stembureau',
    text: 'Dit stembiljet hoort bij een ander stembureau.',
    instruction: toPresident,
    fate: 'annul',
  },
  'wrong-package': {
    title: 'Andere verkiezing',
    text: 'Dit stembiljet hoort niet bij deze verkiezing.',
    instruction: toPresident,
    fate: 'annul',
  },
  'test-ballot': {
    title: 'Teststembiljet',
    text: 'Dit is een teststembiljet: het mag niet in de stembus.',
    instruction: 'Geef het aan de voorzitter.',
    fate: 'annul',
  },
  duplicate: {
    title: 'Al geregistreerd',
    text: 'Dit stembiljet werd al eerder ingescand en zit al in de stembus of werd al geteld.',
    instruction: 'Ga naar de voorzitter.',
    fate: 'annul',
  },
  'voting-not-open': {
    title: 'Stemming niet geopend',
    text: 'De voorzitter heeft de stemming nog niet geopend.',
    instruction: `${keep} Scan het opnieuw zodra de stemming geopend is.`,
    fate: 'keep',
  },
  'voting-closed': {
    title: 'Stemming gesloten',
    text: 'De stemming is gesloten. De stembus aanvaardt geen stembiljetten meer.',
    instruction: 'Ga naar de voorzitter.',
    fate: 'keep',
  },
  'console-unreachable': {
    title: 'Geen verbinding',
    text: 'De stembus bereikt de voorzitterscomputer niet.',
    instruction: `${keep} Verwittig de voorzitter en scan het opnieuw zodra de verbinding hersteld is.`,
    fate: 'keep',
  },
  'stick-unavailable': {
    title: 'Stemming onderbroken',
    text: 'De voorzitterscomputer kan nu niet registreren: een USB-stick ontbreekt of faalt.',
    instruction: `${keep} Scan het opnieuw wanneer de stemming hervat.`,
    fate: 'keep',
  },
  annulled: {
    title: 'Geannuleerd stembiljet',
    text: 'Dit stembiljet is geannuleerd door de voorzitter en wordt nooit geregistreerd.',
    instruction: 'Geef het stembiljet aan de voorzitter: het gaat in de omslag voor geannuleerde stembiljetten.',
    fate: 'annul',
  },
  'stick-full': {
    title: 'Stemming onderbroken',
    text: 'De USB-stick van de voorzitterscomputer is vol.',
    instruction: `${keep} Verwittig de voorzitter.`,
    fate: 'keep',
  },
  'console-not-ready': {
    title: 'Voorzitterscomputer niet klaar',
    text: 'De voorzitterscomputer is nog niet geopend of start opnieuw op.',
    instruction: `${keep} Scan het opnieuw wanneer de voorzitter de stemming hervat.`,
    fate: 'keep',
  },
  'not-paired': {
    title: 'Stembus niet gekoppeld',
    text: 'De stembus is niet gekoppeld aan de voorzitterscomputer van dit stembureau.',
    instruction: `${keep} De voorzitter legt de koppelcode van het openingsticket op de scanner.`,
    fate: 'keep',
  },
  'box-fault': {
    title: 'Stembus buiten gebruik',
    text: 'De stembus kan nu geen stembiljet aannemen.',
    instruction: `${keep} Verwittig de voorzitter.`,
    fate: 'keep',
  },
  'link-alarm': {
    title: 'Alarm: verbinding niet echt',
    text: 'Het antwoord op de kabel komt niet van de voorzitterscomputer van dit stembureau. De klep blijft dicht.',
    instruction: `${keep} Verwittig de voorzitter: laat niemand aan de kabel tussen stembus en voorzitterscomputer komen.`,
    fate: 'keep',
  },
  'flap-failed': {
    title: 'Klep opent niet',
    text: 'Het stembiljet is geregistreerd, maar de klep van de stembus gaat niet open.',
    instruction: 'Niet annuleren: verwittig de voorzitter. Scan het stembiljet opnieuw zodra de klep hersteld is.',
    fate: 'keep',
  },
};

/** Why the flap cannot open, for the box-fault and flap-failed screens. */
export type FaultCause = 'cover-open' | 'flap-jammed' | 'controller-silent' | 'controller-refused' | 'session-certificate' | 'console-not-authentic' | 'receipt-invalid';

export const FAULT_TEXT: Record<FaultCause, string> = {
  'cover-open': 'Het deksel van de stembus is open.',
  'flap-jammed': 'De klep zit vast.',
  'controller-silent': 'De sturing van de klep antwoordt niet.',
  'controller-refused': 'De sturing van de klep weigert het bevel.',
  'session-certificate': 'De voorzitterscomputer gebruikt een sessiesleutel die niet van dit stembureau is.',
  'console-not-authentic': 'Het toestel aan de kabel bewijst niet dat het de voorzitterscomputer van dit stembureau is.',
  'receipt-invalid': 'Het ontvangstbewijs van de registratie is niet door dit stembureau ondertekend.',
};

/** The president's alert when a registered ballot's flap did not open. */
export const FLAP_FAILED_ALERT = 'Een stembiljet is geregistreerd, maar de klep ging niet open: niet annuleren, laat het na herstel opnieuw scannen.';

/**
 * What the console hears about a refusal (`refused` event) — or nothing, when the link itself
 * is what failed. Faults go to the console as `fault` events instead.
 */
export function consoleRefusal(reason: RefusalReason): BoxRefusal | undefined {
  switch (reason) {
    case 'unreadable':
    case 'malformed':
    case 'bad-signature':
    case 'wrong-station':
    case 'wrong-package':
    case 'test-ballot':
    case 'duplicate':
    case 'voting-not-open':
    case 'voting-closed':
    case 'console-unreachable':
    case 'stick-unavailable':
    case 'stick-full':
    case 'annulled':
      return reason;
    case 'console-not-ready':
      return 'voting-not-open';
    case 'not-paired':
    case 'box-fault':
    case 'flap-failed':
    case 'link-alarm':
      return undefined;
    default:
      return reason satisfies never;
  }
}
