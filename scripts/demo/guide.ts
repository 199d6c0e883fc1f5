// The guided day next to the devices: numbered steps, each done when the devices say so
// (never because a button on this page was clicked), so a newcomer who wanders off the path
// still sees where the day stands.
import type { DemoState, GuideStep } from './types.ts';

const OPENED = new Set(['preparation', 'open', 'closing', 'closed']);
const VOTING_OR_LATER = new Set(['open', 'closing', 'closed']);

export function guideSteps(s: DemoState): GuideStep[] {
  const phase = s.console.phase;
  const allActivated = s.booths.every((b) => b.activated);
  const votingOrLater = VOTING_OR_LATER.has(phase);
  const step = (id: string, title: string, text: string, done: boolean, optional = false): GuideStep => ({ id, title, text, done, optional, skipped: false });
  const steps = [
    step(
      'open-console',
      'Open de voorzitterscomputer',
      `De twee sticks (A en B) zitten erin. Typ op het scherm van de voorzitterscomputer het paswoord uit de verzegelde enveloppe en klik "Openen": ${s.password}`,
      OPENED.has(phase),
    ),
    step(
      'pair-box',
      'Koppel de stembus',
      'De printer van de voorzitter drukte een koppelticket af. Klik "Koppelticket op de stembus leggen": de stembus leest de code en maakt verbinding.',
      s.box.paired,
    ),
    step('box-empty', 'Meld dat de stembus leeg is', 'Klik op het scherm van de stembus op "Stembus is leeg".', s.console.boxEmptyRecorded || votingOrLater),
    step(
      'activate',
      'Activeer de stemcomputers',
      'Klik op de voorzitterscomputer "Activeringskaart maken": de kaart komt op de tafel en de voorzitterscomputer toont een activeringscode van 16 cijfers. Steek de kaart in stemcomputer 1, typ de code op het scherm van die stemcomputer en raak "Activeren" aan. De stemcomputer wist de kaart; neem ze uit (ze stopt voortaan een alarm) en klik op de voorzitterscomputer "Code verbergen". Maak dan een nieuwe kaart voor stemcomputer 2, en daarna voor 3.',
      allActivated,
    ),
    step(
      'test-vote',
      'Teststem (aanbevolen)',
      'Kies een testkaart op de voorzitterscomputer, stem ermee op een stemcomputer, neem het teststembiljet en leg het onder de handscanner: stemcomputer 1 toont wat de barcode bevat (sluit die weergave daar). Daarna in de omslag voor teststembiljetten — nooit in de stembus.',
      s.envelopes.test > 0,
      true,
    ),
    step(
      'open-voting',
      'Open de stemming',
      'Vink op de voorzitterscomputer aan dat de stembus leeg en verzegeld is en klik "Stemming openen".',
      votingOrLater,
    ),
    step(
      'vote',
      'Een kiezer stemt',
      'Klik op de voorzitterscomputer de categorie van de kiezer: de stemkaart komt op de tafel. Steek ze in een stemcomputer, stem op het scherm en klik "Neem stembiljet en kaart".',
      s.console.registered > 0 || s.hand.some((t) => t.kind === 'ballot') || phase === 'closed',
    ),
    step(
      'scan',
      'Vouwen, scannen, in de stembus',
      'Klik bij het stembiljet in de hand "Vouwen en scannen". De klep gaat open en het groene licht brandt: klik "In de stembus". Herhaal met andere kiezers en andere keuzes.',
      s.console.registered > 0,
    ),
    step(
      'close',
      'Sluit de stemming',
      'Klik op de voorzitterscomputer "Stemming sluiten…", typ het aantal afgestipte kiezers en de aantallen in de omslagen, verklaar elk verschil en klik "Stemming definitief sluiten". Druk daarna elk exemplaar af ("Afdrukken"): het proces-verbaal en het kerncijferrapport twee keer, en het etiket voor de omslag met de sticks.',
      phase === 'closed' && !s.console.printsPending,
    ),
    step(
      'carry',
      'Breng de sticks naar het hoofdbureau',
      'Klik "Sticks naar het hoofdbureau brengen": de voorzitter trekt beide sticks uit en legt ze in de lezer van het hoofdbureau.',
      s.hoofdbureau.sticks.length > 0,
    ),
    step(
      'import',
      'Controleer en lees in',
      'In het hoofdbureau: meld u aan als voorzitter met het demo-wachtwoord boven het scherm van het hoofdbureau. Klik "Controleren" bij stick A en vergelijk de controlecode stembiljetten met die op het kerncijferrapport; klik dan "Inlezen". Stick B "Inlezen als kopie" geeft "al ingelezen, identiek".',
      s.hoofdbureau.imported,
    ),
    step(
      'results',
      'Bekijk zetels en verkozenen',
      'Klik in het hoofdbureau "Resultaten en zetels": stemcijfers, zetelverdeling, verkozenen, opvolgers en het initiatiefrecht.',
      false,
    ),
  ];
  return steps.map((st) => (st.optional && !st.done && votingOrLater ? { ...st, skipped: true } : st));
}
