// The result of a round as Dutch text for the notulen and the uittreksel, e.g.
// "Het voorstel wordt aangenomen met 21 stemmen voor, 8 tegen en 2 onthoudingen."
import { ARTICLE } from './articles.ts';
import type { Ballot } from './ballot.ts';
import type { CandidateDecision, StandardDecision } from './decide.ts';
import type { CandidateTally, StandardTally } from './tally.ts';
import type { RoundKind } from './vote.ts';

/** "a", "a en b", "a, b en c". */
export function listInWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]}`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const yesInWords = (ballot: Ballot, t: StandardTally): string =>
  `${ballot.counting === 'gewogen' ? plural(t.ja, 'gewogen stem', 'gewogen stemmen') : plural(t.ja, 'stem', 'stemmen')} voor`;

/** Abstentions and blank votes, when there are any. */
function otherParts(t: StandardTally): string[] {
  const parts: string[] = [];
  if (t.onthouding > 0) parts.push(plural(t.onthouding, 'onthouding', 'onthoudingen'));
  if (t.blanco > 0) parts.push(`${t.blanco} blanco`);
  return parts;
}

const countsInWords = (ballot: Ballot, t: StandardTally): string => listInWords([yesInWords(ballot, t), `${t.nee} tegen`, ...otherParts(t)]);

/** Who voted how, for a public vote: member names (individual) or fractions (through the leader). */
export interface PublicVotes {
  ja: readonly string[];
  nee: readonly string[];
  onthouding: readonly string[];
}

export function standardMinutes(ballot: Ballot, t: StandardTally, d: StandardDecision, who?: PublicVotes): string {
  let text: string;
  switch (d.reason) {
    case 'meerderheid':
      text =
        t.nee === 0 && t.onthouding === 0 && t.blanco === 0
          ? `Het voorstel wordt eenparig aangenomen met ${yesInWords(ballot, t)}.`
          : `Het voorstel wordt aangenomen met ${countsInWords(ballot, t)}.`;
      break;
    case 'geen-meerderheid':
      text = `Het voorstel wordt verworpen met ${countsInWords(ballot, t)}.`;
      break;
    case 'staking':
      text = `Het voorstel wordt verworpen bij staking van stemmen: ${countsInWords(ballot, t)} (${ARTICLE.majority}).`;
      break;
    case 'geen-stemmen':
      text = `Het voorstel wordt verworpen: er werden geen stemmen voor of tegen uitgebracht${otherParts(t).length > 0 ? ` (${listInWords(otherParts(t))})` : ''}.`;
      break;
    default:
      return d.reason satisfies never;
  }
  if (ballot.majority === 'tweederde') text += ` Vereist: ${d.needed} van de ${d.cast} uitgebrachte stemmen (2/3, onthoudingen niet meegeteld).`;
  if (who && !ballot.secret) {
    const lines: string[] = [];
    const group = ballot.delegation === 'fractie' ? 'fracties' : '';
    if (who.ja.length > 0) lines.push(`Stemden voor${group ? ` (${group})` : ''}: ${listInWords(who.ja)}.`);
    if (who.nee.length > 0) lines.push(`Stemden tegen${group ? ` (${group})` : ''}: ${listInWords(who.nee)}.`);
    if (who.onthouding.length > 0) lines.push(`Onthielden zich${group ? ` (${group})` : ''}: ${listInWords(who.onthouding)}.`);
    if (lines.length > 0) text += ` ${lines.join(' ')}`;
  }
  return text;
}

export function candidateMinutes(ballot: Ballot, t: CandidateTally, d: CandidateDecision, round: RoundKind): string {
  if (ballot.choices.kind !== 'kandidaten') throw new Error('candidateMinutes: not a candidate ballot');
  const names = new Map(ballot.choices.candidates.map((c) => [c.id, c.name]));
  const name = (id: string): string => names.get(id) ?? id;
  const ids = Object.keys(t.votes).sort((a, b) => (t.votes[b] ?? 0) - (t.votes[a] ?? 0));
  const counts = listInWords(ids.map((id) => `${name(id)} ${plural(t.votes[id] ?? 0, 'stem', 'stemmen')}`));
  const blank = t.blanco > 0 ? `; ${t.blanco} blanco` : '';
  const sentences = [`${round.kind === 'herstemming' ? 'Herstemming' : 'Stemming'}: ${counts}${blank} (${t.valid} geldige stemmen).`];
  const byAge = d.byAge.length > 0 ? ` Bij staking van stemmen is de oudste kandidaat verkozen (${ARTICLE.appointment}): ${listInWords(d.byAge.map(name))}.` : '';
  if (d.elected.length > 0) {
    const verb = d.elected.length === 1 ? 'wordt' : 'worden';
    const how = round.kind === 'herstemming' ? 'bij de herstemming' : `met de volstrekte meerderheid (ten minste ${d.needed} stemmen)`;
    sentences.push(`${listInWords(d.elected.map(name))} ${verb} verkozen ${how}.${byAge}`);
  }
  if (d.next) {
    const none = d.elected.length === 0 ? 'Geen enkele kandidaat behaalt' : `Voor ${plural(d.next.seats, 'zetel', 'zetels')} behaalt geen andere kandidaat`;
    sentences.push(`${none} de volstrekte meerderheid van ${d.needed} stemmen: er volgt een herstemming tussen ${listInWords(d.next.candidates.map(name))} (${ARTICLE.appointment}).`);
  } else if (d.elected.length < (round.kind === 'herstemming' ? round.seats : ballot.choices.maxChoices)) {
    sentences.push(d.elected.length === 0 ? 'Er is geen kandidaat verkozen.' : 'Er is geen andere kandidaat verkozen.');
  }
  return sentences.join(' ');
}
