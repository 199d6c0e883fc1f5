// Read-only questions every device asks of a package.
import type { Election, ElectionPackage, Language, List, PollingStation, VoterCategory } from './schema.ts';

export const findStation = (pkg: ElectionPackage, number: number): PollingStation | undefined =>
  pkg.pollingStations.find((s) => s.number === number);

/** The elections this polling station holds, in legal order. */
export const electionsForStation = (pkg: ElectionPackage, station: number): Election[] =>
  pkg.elections.filter((e) => !e.pollingStations || e.pollingStations.includes(station));

export const findCategory = (pkg: ElectionPackage, id: string): VoterCategory | undefined =>
  pkg.voterCategories.find((c) => c.id === id);

/** The elections a voter of this category votes in at this polling station, in legal order. */
export function electionsForCategory(pkg: ElectionPackage, station: number, categoryId: string): Election[] {
  const category = findCategory(pkg, categoryId);
  if (!category) return [];
  return electionsForStation(pkg, station).filter((e) => category.electionKinds.includes(e.kind));
}

export const findElection = (pkg: ElectionPackage, id: string): Election | undefined => pkg.elections.find((e) => e.id === id);

export const findList = (election: Election, number: number): List | undefined => election.lists.find((l) => l.number === number);

/** The election's title in the voter's language: its translation when the package has one, else the Dutch title. */
export const titleIn = (election: Pick<Election, 'title' | 'titles'>, language: Language): string =>
  (language === 'nl' ? undefined : election.titles?.[language]) ?? election.title;
