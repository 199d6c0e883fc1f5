// Why a stick (or a re-scan) is refused, for the tired person at the hoofdbureau on election
// night: the stick library's specific problem (file, record, what), or one of the hoofdbureau's
// own, plus one plain sentence saying what it means and what to do next.
import type { StickFile, StickProblem, StickProblemCode } from '@ovs/stick';

export type HoofdbureauProblemCode =
  /** The folder of the stick does not exist or is not a folder. */
  | 'no-stick'
  /** The stick's folder is a symbolic link: never followed. */
  | 'stick-link'
  /** The reader's folder or the stick's did not answer within the time-out. */
  | 'reader-timeout'
  /** A valid election package, signed by the organiser, but not the one of this hoofdbureau. */
  | 'other-package'
  /**
   * A valid stick whose session was opened (or its vote opened or closed) on another day than
   * the election: imported only when the voorzitter of the hoofdbureau decides so.
   */
  | 'opened-on-other-day'
  /** Counts recomputed from the ballots differ from the closing record (should be impossible after verification). */
  | 'count-mismatch'
  /** Re-scan: the input cannot be read. */
  | 'rescan-input'
  /** Re-scan: no valid session certificate for the polling station. */
  | 'rescan-certificate'
  /** Re-scan: not a single valid ballot. */
  | 'rescan-empty'
  /** The station votes on paper (the hoofdbureau's configuration): its results come from its telbureau, never from a stick. */
  | 'paper-station';

export type HoofdbureauProblem = {
  code: HoofdbureauProblemCode;
  file?: StickFile;
  record?: string;
  message: string;
};

export type Problem = (StickProblem & { source: 'stick' }) | (HoofdbureauProblem & { source: 'hoofdbureau' });

export const stickProblem = (p: StickProblem): Problem => ({ ...p, source: 'stick' });
export const hoofdbureauProblem = (code: HoofdbureauProblemCode, message: string, where: { file?: StickFile; record?: string } = {}): Problem => ({
  source: 'hoofdbureau',
  code,
  ...where,
  message,
});

const OTHER_PACKAGE = 'Deze stick hoort bij een andere verkiezing of een andere gemeente. Hij wordt niet ingelezen; controleer de enveloppe.';

const TIMEOUT = 'Er werd niets ingelezen. Haal de stick uit de lezer, steek hem opnieuw in en probeer nog eens; antwoordt hij weer niet, lees dan de andere stick van dit stembureau in (decreet art. 24).';

/** Seeds 001/002: the president opens on election day; the hoofdbureau decides on what is irregular. */
export const OTHER_DAY =
  'Deze stick werd niet op de verkiezingsdag geopend (misschien een testopening): zijn stembiljetten tellen pas mee als de voorzitter van het hoofdbureau dat beslist. Lees hem na die beslissing in met "Toch inlezen" (of hoofdbureau import --aanvaard-datum); de beslissing komt in het proces-verbaal. Vraag anders de sticks van de opening op de verkiezingsdag.';

const COPY = 'Lees de andere stick van dit stembureau in (decreet art. 24); lukt ook dat niet, dan worden alle stembiljetten opnieuw ingescand.';

/** One sentence for the operator: what the problem means and what to do. */
export function advice(problem: Problem): string {
  if (problem.source === 'hoofdbureau') {
    switch (problem.code) {
      case 'no-stick':
        return 'De stick is niet gevonden: controleer of hij goed in de lezer zit en of het juiste pad gekozen is.';
      case 'stick-link':
        return `Een stick wordt alleen gelezen uit zijn eigen map in de lezer, nooit via een koppeling naar een andere plaats. Er werd niets gelezen. Steek de stick zelf in de lezer.`;
      case 'reader-timeout':
        return TIMEOUT;
      case 'other-package':
        return OTHER_PACKAGE;
      case 'opened-on-other-day':
        return OTHER_DAY;
      case 'count-mismatch':
        return `De tellingen op de stick spreken elkaar tegen. ${COPY}`;
      case 'rescan-input':
        return 'Het bestand met de opnieuw ingescande stembiljetten is onleesbaar of onvolledig. Scan opnieuw in.';
      case 'rescan-certificate':
        return 'Zonder het sessiecertificaat van het stembureau (uit session.json van een van de sticks of van de activeringskaart) kan de herscanning niet gecontroleerd worden.';
      case 'rescan-empty':
        return 'Geen enkel geldig stembiljet in de herscanning. Controleer of de stembiljetten van het juiste stembureau zijn.';
      case 'paper-station':
        return 'Dit stembureau stemt volgens de configuratie van het hoofdbureau op papier: zijn stemmen komen uit de tabel van zijn telbureau ("tabellen van telbureaus invoeren"). Er werd niets ingelezen. Klopt de configuratie niet, laat de voorzitter ze dan aanpassen.';
      default: {
        const never: never = problem;
        return String(never);
      }
    }
  }
  return STICK_ADVICE[problem.code];
}

const STICK_ADVICE: Record<StickProblemCode, string> = {
  unreadable: `De stick kan niet gelezen worden. ${COPY}`,
  'not-regular-file': `Op de stick staat iets dat geen gewoon bestand is (een koppeling, apparaat of FIFO): de stick werd gewijzigd. Er werd niets ingelezen. ${COPY}`,
  'file-too-large': `Een bestand op de stick is groter dan zijn formaat toelaat: de stick werd gewijzigd of is beschadigd. Er werd niets ingelezen. ${COPY}`,
  'stick-timeout': TIMEOUT,
  'missing-file': `Er ontbreekt een bestand op de stick. ${COPY}`,
  'not-closed': 'Het stembureau werd met deze stick niet afgesloten. De voorzitter moet de stemming afsluiten op de voorzitterscomputer; anders de andere stick.',
  malformed: `Een bestand op de stick is beschadigd. ${COPY}`,
  'package-invalid': `Het verkiezingspakket op de stick is gewijzigd of beschadigd. ${COPY}`,
  'other-package': OTHER_PACKAGE,
  'unknown-station': 'De stick noemt een stembureau dat niet in het verkiezingspakket staat. Controleer de enveloppe.',
  mismatch: `Bestanden op de stick horen niet bij elkaar (ander stembureau, andere opening of ander pakket). ${COPY}`,
  'bad-signature': `Een handtekening van het stembureau klopt niet: de stick is gewijzigd. ${COPY}`,
  'bad-certificate': `Het sessiecertificaat van het stembureau is ongeldig. ${COPY}`,
  'bad-slot': `Het bestand met de stembiljetten is beschadigd. ${COPY}`,
  'slot-unopenable': `Een stembiljet op de stick is gewijzigd of beschadigd. ${COPY}`,
  'bad-ballot': `Een stembiljet op de stick is ongeldig. ${COPY}`,
  'duplicate-ballot': `Een stembiljet staat twee keer op de stick. ${COPY}`,
  'test-ballot': `Een teststembiljet staat tussen de echte stembiljetten. ${COPY}`,
  'event-log': `Het logboek van het stembureau is beschadigd of gewijzigd. ${COPY}`,
  'figures-mismatch': `De kerncijfers van de afsluiting kloppen niet met de inhoud van de stick. ${COPY}`,
  'store-hash-mismatch': `De stembiljetten zijn gewijzigd na de afsluiting. ${COPY}`,
  'wrong-hoofdbureau-key': 'De ingestelde sleutel van het hoofdbureau past niet bij dit verkiezingspakket: controleer de configuratie (--key).',
};

/** "ballots.slots, vak 17: …" — the library's message already names file and record. */
export const describe = (problem: Problem): string => problem.message;
