// Who may vote in a round and with what weight, and whether the council may decide at all.
// The DLB gives council members no proxy vote: every member votes in person. The only
// delegation is the fraction leader's vote for the fraction (never for a secret ballot), and
// then only for the fraction's members who are present: an absent member is not represented.
import { ARTICLE } from './articles.ts';
import type { Ballot } from './ballot.ts';

export interface Member {
  id: string;
  name: string;
  fraction: string;
  /** Vote weight for a weighted (gewogen) ballot: a positive whole number. */
  weight: number;
  present: boolean;
  /** The fractievoorzitter of `fraction`. */
  leader: boolean;
}

export interface Voter {
  memberId: string;
  /** What a public result shows next to the vote: the member's name, or the fraction. */
  label: string;
  weight: number;
}

export interface Electorate {
  voters: Voter[];
  /** Fractions with members present but no fraction leader present (they cannot vote via the leader). */
  fractionsWithoutLeader: string[];
}

const unit = (ballot: Ballot, m: Member): number => (ballot.counting === 'gewogen' ? m.weight : 1);

export function electorate(ballot: Ballot, members: readonly Member[]): Electorate {
  const present = members.filter((m) => m.present);
  if (ballot.delegation === 'individueel') {
    return { voters: present.map((m) => ({ memberId: m.id, label: m.name, weight: unit(ballot, m) })), fractionsWithoutLeader: [] };
  }
  const fractions = [...new Set(present.map((m) => m.fraction))].sort();
  const voters: Voter[] = [];
  const fractionsWithoutLeader: string[] = [];
  for (const f of fractions) {
    const inFraction = present.filter((m) => m.fraction === f);
    const leader = inFraction.find((m) => m.leader);
    if (!leader) fractionsWithoutLeader.push(f);
    else voters.push({ memberId: leader.id, label: f, weight: inFraction.reduce((n, m) => n + unit(ballot, m), 0) });
  }
  return { voters, fractionsWithoutLeader };
}

export interface Quorum {
  met: boolean;
  present: number;
  seated: number;
  /** The majority of the seated members. */
  needed: number;
  text: string;
}

/** Art. 26 DLB: the majority of the seated members must be present, except on a third convocation. */
export function quorum(members: readonly Member[], thirdConvocation = false): Quorum {
  const seated = members.length;
  const present = members.filter((m) => m.present).length;
  const needed = Math.floor(seated / 2) + 1;
  const met = thirdConvocation || present >= needed;
  const text = thirdConvocation
    ? `${present} van ${seated} raadsleden aanwezig; derde bijeenroeping: de raad beslist ongeacht het aantal aanwezigen (${ARTICLE.thirdConvocation}).`
    : `${present} van ${seated} raadsleden aanwezig; quorum ${needed} (meerderheid van de zittinghebbende leden, ${ARTICLE.quorum})${met ? '' : ': de raad kan niet beslissen'}.`;
  return { met, present, seated, needed, text };
}

export type MemberProblem = 'no-name' | 'no-fraction' | 'bad-weight' | 'duplicate-id' | 'two-leaders';

export const MEMBER_PROBLEM_TEXT: Record<MemberProblem, string> = {
  'no-name': 'Elk raadslid heeft een naam nodig.',
  'no-fraction': 'Geef van elk raadslid de fractie (of "onafhankelijk").',
  'bad-weight': 'Het stemgewicht is een geheel getal van 1 tot 1000.',
  'duplicate-id': 'Twee raadsleden hebben hetzelfde nummer.',
  'two-leaders': 'Een fractie heeft één fractievoorzitter: duid er één aan.',
};

export function checkMembers(members: readonly Member[]): MemberProblem[] {
  const problems = new Set<MemberProblem>();
  const ids = new Set<string>();
  const leaders = new Set<string>();
  for (const m of members) {
    if (m.name.trim() === '') problems.add('no-name');
    if (m.fraction.trim() === '') problems.add('no-fraction');
    if (!Number.isInteger(m.weight) || m.weight < 1 || m.weight > 1000) problems.add('bad-weight');
    if (ids.has(m.id)) problems.add('duplicate-id');
    ids.add(m.id);
    if (m.leader) {
      if (leaders.has(m.fraction)) problems.add('two-leaders');
      leaders.add(m.fraction);
    }
  }
  return [...problems];
}
