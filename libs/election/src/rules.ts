// Semantic rules of an election package that a schema cannot express. Each returns the
// first violation found, with the path of the offending field.
import { KIND_ORDER, MAX_DEELGEBIED_CHARS, METHOD_FOR_KIND, type ElectionPackage } from './schema.ts';
import { packageError, type PackageError } from './errors.ts';

/** Name of a polling station per seed 001 §V.3.3: GEMEENTE-001-DEELGEBIED. */
export const pollingStationName = (municipality: string, number: number, deelgebied: string): string =>
  `${municipality}-${String(number).padStart(3, '0')}-${deelgebied}`;

/** The candidate's name as the screen and the ballot show it (decree art. 16 §3). */
export const candidateDisplayName = (c: { lastName: string; firstName: string }): string => `${c.lastName} ${c.firstName}`;

/** What fits on one line of the touch screen and of the 80 mm ballot at normal size. */
export const MAX_CANDIDATE_DISPLAY_CHARS = 48;
export const MAX_LIST_NAME_CHARS = 40;

export function checkRules(pkg: ElectionPackage): PackageError | undefined {
  return (
    checkLanguages(pkg) ??
    checkElections(pkg) ??
    checkPollingStations(pkg) ??
    checkStationElections(pkg) ??
    checkCategories(pkg)
  );
}

function checkLanguages(pkg: ElectionPackage): PackageError | undefined {
  if (!pkg.languages.includes('nl')) {
    return packageError('missing-dutch', 'languages', 'De verkiezingen in het Vlaamse Gewest verlopen in het Nederlands: "nl" ontbreekt bij de talen.');
  }
  if (new Set(pkg.languages).size !== pkg.languages.length) {
    return packageError('schema', 'languages', 'Een taal staat meer dan eens in de lijst van talen.');
  }
  return undefined;
}

function checkElections(pkg: ElectionPackage): PackageError | undefined {
  const ids = new Set<string>();
  let previousRank = -1;
  for (const [e, election] of pkg.elections.entries()) {
    const at = `elections[${e}]`;
    if (ids.has(election.id)) return packageError('duplicate-election-id', `${at}.id`, `De verkiezing "${election.id}" komt twee keer voor.`);
    ids.add(election.id);
    const rank = KIND_ORDER[election.kind];
    if (rank < previousRank) {
      return packageError('election-order', `${at}.kind`, `De verkiezingen staan niet in de wettelijke volgorde (gemeenteraad, districts- of OCMW-raad, provincieraad): ${election.kind} komt te laat.`);
    }
    previousRank = rank;
    for (const language of Object.keys(election.titles ?? {})) {
      if (!pkg.languages.includes(language as 'fr' | 'de')) {
        return packageError('title-language', `${at}.titles.${language}`, `${election.title} heeft een titel in het ${language === 'fr' ? 'Frans' : 'Duits'}, maar die taal staat niet bij de talen van de kiezer.`);
      }
    }
    const method = METHOD_FOR_KIND[election.kind];
    if (election.method !== method) {
      return packageError('method-mismatch', `${at}.method`, `De ${election.kind} wordt volgens de wet verdeeld met ${method}, niet met ${election.method}.`);
    }
    const numbers = new Set<number>();
    for (const [l, list] of election.lists.entries()) {
      const lat = `${at}.lists[${l}]`;
      if (numbers.has(list.number)) return packageError('duplicate-list-number', `${lat}.number`, `Lijstnummer ${list.number} komt twee keer voor bij ${election.title}.`);
      numbers.add(list.number);
      if (list.name.length > MAX_LIST_NAME_CHARS) {
        return packageError('name-too-long', `${lat}.name`, `De lijstnaam "${list.name}" is langer dan ${MAX_LIST_NAME_CHARS} tekens.`);
      }
      if (list.candidates.length > election.seats) {
        return packageError('too-many-candidates', `${lat}.candidates`, `Lijst ${list.number} heeft ${list.candidates.length} kandidaten voor ${election.seats} zetels.`);
      }
      for (const [c, candidate] of list.candidates.entries()) {
        const cat = `${lat}.candidates[${c}]`;
        if (candidate.position !== c + 1) {
          return packageError('candidate-positions', `${cat}.position`, `Lijst ${list.number}: kandidaat op plaats ${c + 1} heeft volgnummer ${candidate.position}; de volgnummers moeten 1, 2, 3, … zijn zonder gaten of dubbels.`);
        }
        const display = `${candidate.lastName} ${candidate.firstName}`;
        if (display.length > MAX_CANDIDATE_DISPLAY_CHARS) {
          return packageError('name-too-long', `${cat}.lastName`, `De naam "${display}" is langer dan ${MAX_CANDIDATE_DISPLAY_CHARS} tekens en past niet op het scherm en het stembiljet.`);
        }
      }
    }
  }
  return undefined;
}

function checkPollingStations(pkg: ElectionPackage): PackageError | undefined {
  const numbers = new Set<number>();
  const keys = new Set<string>();
  for (const [s, station] of pkg.pollingStations.entries()) {
    const at = `pollingStations[${s}]`;
    if (numbers.has(station.number)) return packageError('duplicate-polling-station', `${at}.number`, `Stembureau ${station.number} komt twee keer voor.`);
    numbers.add(station.number);
    if (station.deelgebied.length > MAX_DEELGEBIED_CHARS) {
      return packageError('name-too-long', `${at}.deelgebied`, `De naam van het deelgebied "${station.deelgebied}" is langer dan ${MAX_DEELGEBIED_CHARS} tekens.`);
    }
    const expected = pollingStationName(pkg.municipality.name, station.number, station.deelgebied);
    if (station.name !== expected) {
      return packageError('polling-station-name', `${at}.name`, `Het stembureau heet "${station.name}", maar moet "${expected}" heten (GEMEENTE-001-DEELGEBIED).`);
    }
    if (keys.has(station.stembureauKey.publicKey)) {
      return packageError('duplicate-key', `${at}.stembureauKey.publicKey`, `Stembureau ${station.number} heeft dezelfde sleutel als een ander stembureau.`);
    }
    keys.add(station.stembureauKey.publicKey);
  }
  return undefined;
}

function checkStationElections(pkg: ElectionPackage): PackageError | undefined {
  const stations = new Set(pkg.pollingStations.map((s) => s.number));
  for (const [e, election] of pkg.elections.entries()) {
    for (const [i, n] of (election.pollingStations ?? []).entries()) {
      if (!stations.has(n)) {
        return packageError('unknown-polling-station', `elections[${e}].pollingStations[${i}]`, `${election.title} verwijst naar stembureau ${n}, dat niet bestaat.`);
      }
    }
  }
  for (const [s, station] of pkg.pollingStations.entries()) {
    const held = pkg.elections.filter((e) => !e.pollingStations || e.pollingStations.includes(station.number));
    if (held.length === 0) {
      return packageError('station-without-election', `pollingStations[${s}]`, `Stembureau ${station.number} heeft geen enkele verkiezing.`);
    }
    const kinds = new Set<string>();
    for (const election of held) {
      // districtsraad and OCMW-raad share a rank; a station holds at most one election per rank.
      const rank = String(KIND_ORDER[election.kind]);
      if (kinds.has(rank)) {
        return packageError('duplicate-election-kind', `pollingStations[${s}]`, `Stembureau ${station.number} zou twee verkiezingen van dezelfde rang hebben (${election.title}).`);
      }
      kinds.add(rank);
    }
    if (held.length > 3) {
      return packageError('duplicate-election-kind', `pollingStations[${s}]`, `Stembureau ${station.number} heeft meer dan drie verkiezingen.`);
    }
  }
  return undefined;
}

function checkCategories(pkg: ElectionPackage): PackageError | undefined {
  const ids = new Set<string>();
  for (const [c, category] of pkg.voterCategories.entries()) {
    if (ids.has(category.id)) return packageError('duplicate-category', `voterCategories[${c}].id`, `De kiezerscategorie "${category.id}" komt twee keer voor.`);
    ids.add(category.id);
  }
  return undefined;
}
