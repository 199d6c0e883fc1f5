// A ballot (stembrief) of a council meeting and its parameters (seed 003): the standard choice
// (ja / nee / onthouding) or a list of candidates with a maximum; secret or public; ordinary or
// two-thirds majority; head count or weighted; individual or through the fraction leader.
import { err, ok, type Result } from '@ovs/basics';

export type StandardChoice = 'ja' | 'nee' | 'onthouding' | 'blanco';
export const STANDARD_CHOICES: readonly StandardChoice[] = ['ja', 'nee', 'onthouding', 'blanco'];

export interface Candidate {
  id: string;
  name: string;
  /** YYYY-MM-DD: the tie rule after a second round prefers the older candidate (art. 35 DLB). */
  birthDate: string;
}

export type Choices = { kind: 'standaard' } | { kind: 'kandidaten'; candidates: readonly Candidate[]; maxChoices: number };

export type Majority = 'gewoon' | 'tweederde';
export type Counting = 'hoofdelijk' | 'gewogen';
export type Delegation = 'individueel' | 'fractie';

export interface Ballot {
  title: string;
  description: string;
  choices: Choices;
  secret: boolean;
  majority: Majority;
  counting: Counting;
  delegation: Delegation;
}

export type BallotProblem =
  | 'no-title'
  | 'title-too-long'
  | 'description-too-long'
  | 'secret-through-fraction'
  | 'secret-weighted'
  | 'no-candidates'
  | 'too-many-candidates'
  | 'candidate-without-name'
  | 'duplicate-candidate'
  | 'bad-birth-date'
  | 'bad-max-choices'
  | 'two-thirds-for-candidates';

/** What the secretariat reads when a ballot is refused: what is wrong and what to do. */
export const BALLOT_PROBLEM_TEXT: Record<BallotProblem, string> = {
  'no-title': 'Geef de stembrief een titel.',
  'title-too-long': 'De titel is te lang: houd hem onder 200 tekens en zet de rest in de omschrijving.',
  'description-too-long': 'De omschrijving is te lang (meer dan 4000 tekens): verwijs naar het dossier in plaats van het over te nemen.',
  'secret-through-fraction':
    'Een geheime stemming kan niet via de fractievoorzitter: bij een geheime stemming stemt elk raadslid zelf. Kies "individueel" of maak de stemming publiek.',
  'secret-weighted':
    'Een geheime stemming kan niet gewogen zijn: het gewicht op de anonieme stembrief zou verraden wie stemde. Kies "hoofdelijk" of maak de stemming publiek.',
  'no-candidates': 'Zet minstens één kandidaat op de stembrief.',
  'too-many-candidates': 'Een stembrief telt ten hoogste 100 kandidaten.',
  'candidate-without-name': 'Elke kandidaat heeft een naam nodig.',
  'duplicate-candidate': 'Twee kandidaten hebben dezelfde naam of hetzelfde nummer: elke kandidaat staat één keer op de stembrief.',
  'bad-birth-date':
    'Geef van elke kandidaat de geboortedatum (JJJJ-MM-DD): bij staking van stemmen na de herstemming is de oudste kandidaat verkozen (art. 35 DLB).',
  'bad-max-choices': 'Het maximum aantal keuzes moet tussen 1 en het aantal kandidaten liggen.',
  'two-thirds-for-candidates': 'Een stemming over kandidaten (benoeming) beslist bij volstrekte meerderheid, niet met twee derde: kies "gewone meerderheid".',
};

const isDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** Every problem of a ballot at once, so the secretariat fixes them in one go. */
export function checkBallot(ballot: Ballot): Result<Ballot, BallotProblem[]> {
  const problems: BallotProblem[] = [];
  const title = ballot.title.trim();
  if (title === '') problems.push('no-title');
  if (title.length > 200) problems.push('title-too-long');
  if (ballot.description.length > 4000) problems.push('description-too-long');
  if (ballot.secret && ballot.delegation === 'fractie') problems.push('secret-through-fraction');
  if (ballot.secret && ballot.counting === 'gewogen') problems.push('secret-weighted');
  const c = ballot.choices;
  switch (c.kind) {
    case 'standaard':
      break;
    case 'kandidaten': {
      if (c.candidates.length === 0) problems.push('no-candidates');
      if (c.candidates.length > 100) problems.push('too-many-candidates');
      if (c.candidates.some((k) => k.name.trim() === '')) problems.push('candidate-without-name');
      const ids = new Set(c.candidates.map((k) => k.id));
      const names = new Set(c.candidates.map((k) => k.name.trim().toLowerCase()));
      if (ids.size !== c.candidates.length || names.size !== c.candidates.length) problems.push('duplicate-candidate');
      if (c.candidates.some((k) => !isDate(k.birthDate))) problems.push('bad-birth-date');
      if (!Number.isInteger(c.maxChoices) || c.maxChoices < 1 || c.maxChoices > Math.max(1, c.candidates.length)) problems.push('bad-max-choices');
      if (ballot.majority === 'tweederde') problems.push('two-thirds-for-candidates');
      break;
    }
    default:
      return c satisfies never;
  }
  return problems.length === 0 ? ok({ ...ballot, title }) : err(problems);
}
