// The words for one election's choice, in exactly the form the printed ballot uses
// (@ovs/ballot renderBallotText), so the confirmation screen says what the paper will say.
// The screen keeps every character of a name; the printer's Latin-1 form is applied only
// on paper (a test compares both through toLatin1).
import { BALLOT_LABELS, type ElectionChoice } from '@ovs/ballot';
import { findList, type Election, type Language } from '@ovs/election';

export function choiceLines(election: Election, choice: ElectionChoice, language: Language): string[] {
  const labels = BALLOT_LABELS[language];
  switch (choice.kind) {
    case 'blank':
      return [labels.blank];
    case 'list': {
      const list = findList(election, choice.list);
      const lines = [`${labels.list} ${choice.list}: ${list?.name ?? '?'}`];
      if (choice.topBox) lines.push(`  ${labels.topBox}`);
      // Candidates in list order, whatever order they were touched in (as on paper).
      for (const position of [...choice.candidates].sort((a, b) => a - b)) {
        const c = list?.candidates.find((x) => x.position === position);
        lines.push(`  ${position}. ${c ? `${c.lastName} ${c.firstName}` : '?'}`);
      }
      return lines;
    }
    default:
      return choice satisfies never;
  }
}
