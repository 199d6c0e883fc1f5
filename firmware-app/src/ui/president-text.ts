// The words of the activation screens, in Dutch only: activating a stemcomputer (and stopping
// its alarm) is the president's or the technician's work, never the voter's, and the language
// choice of decree art. 16 §2 is the voter's. The voter's screens stay in @ovs/ui's i18n.
import type { ActivationRefusal, PresidentCard } from '../flow/index.ts';

const NEW_CARD = 'Maak op de voorzitterscomputer een nieuwe activeringskaart.';
const KEEP_AND_NOTE = 'Bewaar de kaart onder uw toezicht en noteer dit in het proces-verbaal.';

export const ACTIVATION_REFUSALS: Record<ActivationRefusal, string> = {
  invalid: 'Deze kaart is geen geldige activeringskaart. Neem de kaart uit.',
  'wrong-station': 'Deze activeringskaart is van een ander stembureau. Neem de kaart uit.',
  'wrong-package': 'Deze activeringskaart is voor een andere verkiezing. Neem de kaart uit.',
  forged: 'Deze activeringskaart is niet door dit stembureau uitgegeven. Neem de kaart uit.',
  erased: `Deze activeringskaart is al gebruikt: een stemcomputer heeft ze na de activering gewist. Ze kan geen stemcomputer meer activeren. Neem de kaart uit. ${NEW_CARD}`,
  void: `Deze activeringskaart werd gewist na te veel foute codes. Neem de kaart uit. ${NEW_CARD}`,
  'too-many-codes': `Te veel foute codes: deze activeringskaart is geweigerd en gewist. Neem de kaart uit. ${NEW_CARD}`,
  'too-many-codes-kept': `Te veel foute codes: deze stemcomputer weigert deze activeringskaart. De kaart kon niet gewist worden en bevat nog de verzegelde sleutel. ${KEEP_AND_NOTE} ${NEW_CARD}`,
  cancelled: 'De activering is afgebroken. De kaart is niet gewist: neem ze uit en steek ze opnieuw in om de code opnieuw te typen.',
};

export const PRESIDENT_TEXT = {
  notActivatedTitle: 'Deze stemcomputer is nog niet geactiveerd',
  notActivatedBody: 'Voorzitter: maak op de voorzitterscomputer een activeringskaart, steek ze in de kaartlezer en typ de activeringscode die de voorzitterscomputer toont.',
  codeTitle: 'Activeringscode',
  codeTitleAlarm: 'Activeringscode — om het alarm te stoppen',
  codeBody: 'Voorzitter: typ de 16 cijfers die de voorzitterscomputer toont bij "Activeringskaart klaar".',
  codeKeepCard: 'Laat de kaart in de kaartlezer.',
  codeLabel: 'Getypte code',
  erase: 'Wissen',
  eraseLabel: 'Laatste cijfer wissen',
  cancel: 'Annuleren',
  activate: 'Activeren',
  stopAlarm: 'Alarm stoppen',
  incomplete: (left: number) => (left === 1 ? 'Nog 1 cijfer.' : `Nog ${left} cijfers.`),
  complete: 'De code is volledig. Kijk ze na en raak "Activeren" aan.',
  completeAlarm: 'De code is volledig. Kijk ze na en raak "Alarm stoppen" aan.',
  wrong: (attemptsLeft: number) =>
    `Foute code. Nog ${attemptsLeft === 1 ? '1 poging' : `${attemptsLeft} pogingen`}; daarna weigert deze stemcomputer de kaart en moet u een nieuwe activeringskaart maken.`,
  checkingTitle: 'De code wordt nagekeken…',
  checkingBody: 'Laat de kaart in de kaartlezer: na de activering wordt ze gewist.',
  activation: 'De stemcomputer is klaar voor gebruik.',
  alarmReset: 'Het alarm is gestopt.',
  alreadyActivated: 'Deze stemcomputer is al geactiveerd en klaar voor gebruik.',
  remove: 'Neem de kaart uit de kaartlezer.',
  understood: 'Begrepen',
  alarmRefused: 'Deze kaart stopt het alarm niet.',
} as const;

/** What became of the card, said to the president on the "activated" screen. */
export const PRESIDENT_CARD_TEXT: Record<PresidentCard, string> = {
  erased: 'De activeringskaart is gewist: ze kan geen stemcomputer meer activeren. Ze stopt wel nog een alarm op de stemcomputers van dit stembureau: houd ze bij u.',
  'not-erased': `Let op: de activeringskaart kon niet gewist worden en bevat nog de verzegelde sleutel. ${KEEP_AND_NOTE}`,
  'alarm-key': 'Deze gewiste activeringskaart is de sleutel van de voorzitter om een alarm te stoppen: houd ze bij u.',
  unused: 'De kaart is niet gebruikt en niet gewist: steek ze in een stemcomputer die nog niet geactiveerd is.',
};
