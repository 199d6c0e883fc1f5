// The words printed on the ballot, rendered from the decoded ballot — the same structure the
// barcode carries — so text and barcode cannot disagree. Only Latin-1 characters, because
// that is what a thermal printer's built-in font prints.
import { findElection, findList, findStation, titleIn, type ElectionPackage, type Language } from '@ovs/election';
import type { Ballot } from './codec.ts';

export type TextStyle = 'title' | 'heading' | 'normal' | 'small';

export interface TextLine {
  text: string;
  style: TextStyle;
}

interface Labels {
  ballot: string;
  testBallot: string;
  blank: string;
  list: string;
  topBox: string;
  fold: string;
}

export const BALLOT_LABELS: Record<Language, Labels> = {
  nl: {
    ballot: 'STEMBILJET',
    testBallot: 'TESTSTEMBILJET - NIET IN DE STEMBUS',
    blank: 'Blanco',
    list: 'Lijst',
    topBox: 'Stem bovenaan de lijst',
    fold: 'Vouw het stembiljet dubbel, bedrukte kant naar binnen.',
  },
  fr: {
    ballot: 'BULLETIN DE VOTE',
    testBallot: "BULLETIN DE TEST - PAS DANS L'URNE",
    blank: 'Blanc',
    list: 'Liste',
    topBox: 'Vote en case de tête',
    fold: 'Pliez le bulletin en deux, face imprimée vers l\'intérieur.',
  },
  de: {
    ballot: 'STIMMZETTEL',
    testBallot: 'TESTSTIMMZETTEL - NICHT IN DIE URNE',
    // German has no fixed term for a blank vote on a digital ballot; this is what voters read.
    blank: 'Leer (blanko)',
    list: 'Liste',
    topBox: 'Stimme im Kopffeld der Liste',
    fold: 'Falten Sie den Stimmzettel, bedruckte Seite nach innen.',
  },
};

const DATE_FORMAT: Record<Language, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  fr: new Intl.DateTimeFormat('fr-BE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  de: new Intl.DateTimeFormat('de-BE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** Replaces the few characters outside Latin-1 that names or titles may contain. */
export function toLatin1(text: string): string {
  return text
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .normalize('NFC')
    .replace(/[^\u0020-\u00ff]/g, (c) => c.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\u0020-\u00ff]/g, '?'));
}

export function renderBallotText(pkg: ElectionPackage, ballot: Ballot, language: Language = 'nl'): TextLine[] {
  const labels = BALLOT_LABELS[language];
  const station = findStation(pkg, ballot.pollingStation);
  const lines: TextLine[] = [{ text: ballot.test ? labels.testBallot : labels.ballot, style: 'title' }];
  lines.push({ text: station?.name ?? `${pkg.municipality.name} ${ballot.pollingStation}`, style: 'small' });
  lines.push({ text: DATE_FORMAT[language].format(new Date(`${pkg.electionDate}T00:00:00Z`)), style: 'small' });
  for (const ev of ballot.vote.elections) {
    const election = findElection(pkg, ev.election);
    lines.push({ text: election ? titleIn(election, language) : ev.election, style: 'heading' });
    const choice = ev.choice;
    switch (choice.kind) {
      case 'blank':
        lines.push({ text: labels.blank, style: 'normal' });
        break;
      case 'list': {
        const list = election ? findList(election, choice.list) : undefined;
        lines.push({ text: `${labels.list} ${choice.list}: ${list?.name ?? '?'}`, style: 'normal' });
        if (choice.topBox) lines.push({ text: `  ${labels.topBox}`, style: 'normal' });
        for (const position of choice.candidates) {
          const c = list?.candidates.find((x) => x.position === position);
          lines.push({ text: `  ${position}. ${c ? `${c.lastName} ${c.firstName}` : '?'}`, style: 'normal' });
        }
        break;
      }
    }
  }
  lines.push({ text: labels.fold, style: 'small' });
  return lines.map((l) => ({ ...l, text: toLatin1(l.text) }));
}
