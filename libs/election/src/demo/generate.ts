// The demo election: the fictitious municipality Vlindermeer (seed 000), fully determined by
// a seed string — names, lists, keys and envelope passwords — so tests, the virtual polling
// station and the simulation all see the same election. Never use a demo key for real.
import {
  agreementPublicKey,
  demoKeyMaterial,
  group,
  SeededRandom,
  Signer,
  toBase32,
  toBase64,
  type ScryptParams,
} from '@ovs/crypto';
import type { Candidate, Election, ElectionKind, ElectionPackage, Language, List, PollingStation, Release } from '../schema.ts';
import { PACKAGE_FORMAT, METHOD_FOR_KIND } from '../schema.ts';
import { pollingStationName } from '../rules.ts';
import { sealStembureauKey } from '../stembureau-key.ts';
import { signPackage } from '../package.ts';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from './names.ts';

export interface DemoOptions {
  seed?: string;
  /** Voter languages; a facility municipality offers ['nl', 'fr']. */
  languages?: Language[];
  /** Add an OCMW-raad election (as in the facility municipalities). */
  ocmw?: boolean;
  /** Split the stations over two districts, each with its own districtsraad (as in Antwerp). */
  districts?: boolean;
  /** scrypt cost for the sealed stembureau keys; tests lower it, real packages never do. */
  scrypt?: ScryptParams;
  /** The release the package is approved for; without it the demo is a development package. */
  release?: Release;
}

export interface DemoElection {
  election: ElectionPackage;
  bytes: Uint8Array;
  signature: Uint8Array;
  organiser: { publicKey: Uint8Array; privateKey: Uint8Array };
  hoofdbureau: { publicKey: Uint8Array; privateKey: Uint8Array };
  /** Envelope password per polling station number. */
  passwords: Map<number, string>;
}

export const DEMO_SEED = 'vlindermeer-2024';

/** Seed 000's example: twelve polling stations in four deelgebieden. */
const STATIONS: Array<[number, string]> = [
  [1, 'Zonnebrug'], [2, 'Zonnebrug'], [3, 'Zonnebrug'],
  [4, 'Bergzicht'], [5, 'Bergzicht'], [6, 'Bergzicht'], [7, 'Bergzicht'],
  [8, 'Bloemenveld'], [9, 'Bloemenveld'],
  [10, 'Lentebeek'], [11, 'Lentebeek'], [12, 'Lentebeek'],
];

/** Fictitious parties; one cartel list whose name carries both council groups (seed 000). */
const MUNICIPAL_LISTS: Array<{ name: string; size: 'full' | number; fractions?: [string, string] }> = [
  { name: 'Vlindermeer Morgen', size: 'full' },
  { name: 'Dorpsbelang', size: 'full' },
  { name: 'Open Dorp - Groen Hart', size: 'full', fractions: ['Open Dorp', 'Groen Hart'] },
  { name: 'Samen Sterk', size: 'full' },
  { name: 'Buurt & Natuur', size: 'full' },
  { name: 'Nieuw Bloemenveld', size: 19 },
  { name: 'Lijst Lentebeek', size: 8 },
];

const PROVINCIAL_LISTS = [
  'Provinciaal Forum', 'Vlinderland Vooraan', 'Regio Eerst', 'Groene Provincie',
  'Vrije Burgers', 'Sociaal Vlinderland', 'Platteland Plus', 'Jong Vlinderland',
];

const DISTRICT_LISTS = ['Wijkbelang', 'Samen voor de Wijk', 'Groen District', 'Buurtlijst'];

function candidates(random: SeededRandom, count: number, fractions?: [string, string]): Candidate[] {
  const usedNames = new Set<string>();
  const out: Candidate[] = [];
  for (let position = 1; position <= count; position++) {
    // Lists alternate women and men at the top, as the parity rules require.
    const female = (position + random.int(2) * (position > 2 ? 1 : 0)) % 2 === 1;
    let lastName: string;
    let firstName: string;
    do {
      lastName = random.pick(LAST_NAMES);
      firstName = random.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    } while (usedNames.has(`${lastName} ${firstName}`));
    usedNames.add(`${lastName} ${firstName}`);
    const year = 1950 + random.int(55);
    const birthDate = `${year}-${String(1 + random.int(12)).padStart(2, '0')}-${String(1 + random.int(28)).padStart(2, '0')}`;
    // Key order follows the schema, so that parsing and re-serialising gives the same bytes.
    const fraction = fractions ? { fraction: fractions[random.int(2)] as string } : {};
    out.push({ position, lastName, firstName, ...fraction, birthDate });
  }
  return out;
}

/** The titles a facility municipality's package gives in French and German. */
const TRANSLATED_TITLES: Record<string, { fr: string; de: string }> = {
  G: { fr: 'Conseil communal de Vlindermeer', de: 'Gemeinderat Vlindermeer' },
  O: { fr: "Conseil de l'action sociale de Vlindermeer", de: 'ÖSHZ-Rat Vlindermeer' },
  'D-NOORD': { fr: 'Conseil de district Vlindermeer-Nord', de: 'Distriktrat Vlindermeer-Nord' },
  'D-ZUID': { fr: 'Conseil de district Vlindermeer-Sud', de: 'Distriktrat Vlindermeer-Süd' },
  P: { fr: 'Conseil provincial Vlinderland – district Vlindermeer', de: 'Provinzialrat Vlinderland – Bezirk Vlindermeer' },
};

function election(
  random: SeededRandom,
  id: string,
  kind: ElectionKind,
  title: string,
  seats: number,
  lists: Array<{ name: string; size: 'full' | number; fractions?: [string, string] }>,
  pollingStations?: number[],
): Election {
  const numbers = random.shuffle(lists.map((_, i) => i + 1));
  const built: List[] = lists.map((l, i) => ({
    number: numbers[i] as number,
    name: l.name,
    candidates: candidates(random.fork(`${id}/${i}`), l.size === 'full' ? seats : Math.min(l.size, seats), l.fractions),
  }));
  built.sort((a, b) => a.number - b.number);
  const out: Election = { id, kind, title, seats, method: METHOD_FOR_KIND[kind], lists: built };
  if (pollingStations) out.pollingStations = pollingStations;
  return out;
}

export function generateDemoElection(options: DemoOptions = {}): DemoElection {
  const seed = options.seed ?? DEMO_SEED;
  const random = new SeededRandom(seed);
  const municipality = 'Vlindermeer';

  const organiserSigner = new Signer(demoKeyMaterial(seed, 'organiser'));
  const hoofdbureauPrivate = demoKeyMaterial(seed, 'hoofdbureau');
  const passwords = new Map<number, string>();

  const stations: PollingStation[] = STATIONS.map(([number, deelgebied]) => {
    const password = group(toBase32(demoKeyMaterial(seed, `envelope-${number}`, 13), 20));
    passwords.set(number, password);
    const sealed = sealStembureauKey(demoKeyMaterial(seed, `stembureau-${number}`), number, password, {
      ...(options.scrypt ? { params: options.scrypt } : {}),
      salt: demoKeyMaterial(seed, `salt-${number}`, 16),
      nonce: demoKeyMaterial(seed, `nonce-${number}`, 12),
    });
    return {
      number,
      name: pollingStationName(municipality, number, deelgebied),
      deelgebied,
      registeredVoters: 520 + random.fork(`voters-${number}`).int(421),
      stembureauKey: { publicKey: sealed.publicKey, sealedPrivateKey: sealed.sealedPrivateKey },
    };
  });

  const elections: Election[] = [
    election(random.fork('G'), 'G', 'gemeenteraad', 'Gemeenteraad Vlindermeer', 27, MUNICIPAL_LISTS),
  ];
  if (options.districts) {
    const half = STATIONS.length / 2;
    const north = STATIONS.slice(0, half).map(([n]) => n);
    const south = STATIONS.slice(half).map(([n]) => n);
    const districtLists = DISTRICT_LISTS.map((name) => ({ name, size: 'full' as const }));
    elections.push(election(random.fork('D-NOORD'), 'D-NOORD', 'districtsraad', 'Districtsraad Vlindermeer-Noord', 15, districtLists, north));
    elections.push(election(random.fork('D-ZUID'), 'D-ZUID', 'districtsraad', 'Districtsraad Vlindermeer-Zuid', 15, districtLists, south));
  } else if (options.ocmw) {
    elections.push(
      election(random.fork('O'), 'O', 'ocmw-raad', 'OCMW-raad Vlindermeer', 9, MUNICIPAL_LISTS.slice(0, 4).map((l) => ({ name: l.name, size: 'full' as const }))),
    );
  }
  elections.push(
    election(
      random.fork('P'),
      'P',
      'provincieraad',
      'Provincieraad Vlinderland – district Vlindermeer',
      9,
      PROVINCIAL_LISTS.map((name) => ({ name, size: 'full' as const })),
    ),
  );

  const languages = options.languages ?? ['nl'];
  for (const e of elections) {
    const t = TRANSLATED_TITLES[e.id];
    if (!t || languages.length === 1) continue;
    e.titles = { ...(languages.includes('fr') ? { fr: t.fr } : {}), ...(languages.includes('de') ? { de: t.de } : {}) };
  }

  const pkg: ElectionPackage = {
    format: PACKAGE_FORMAT,
    electionDate: '2024-10-13',
    organiser: { name: 'Agentschap Binnenlands Bestuur (demo)' },
    municipality: { nisCode: '99001', name: municipality },
    languages,
    elections,
    pollingStations: stations,
    voterCategories: [
      { id: 'belg', name: { nl: 'Belgische kiezer', fr: 'Électeur belge', de: 'Belgischer Wähler' }, electionKinds: ['gemeenteraad', 'districtsraad', 'ocmw-raad', 'provincieraad'] },
      { id: 'eu', name: { nl: 'EU-burger', fr: "Citoyen de l'UE", de: 'EU-Bürger' }, electionKinds: ['gemeenteraad', 'districtsraad'] },
      { id: 'niet-eu', name: { nl: 'Niet-EU-burger', fr: 'Citoyen hors UE', de: 'Nicht-EU-Bürger' }, electionKinds: ['gemeenteraad', 'districtsraad'] },
    ],
    hoofdbureau: { name: 'Gemeentelijk hoofdbureau Vlindermeer', publicKey: toBase64(agreementPublicKey(hoofdbureauPrivate)) },
    ...(options.release ? { release: options.release } : {}),
  };

  const { bytes, signature } = signPackage(pkg, organiserSigner);
  return {
    election: pkg,
    bytes,
    signature,
    organiser: { publicKey: organiserSigner.publicKey, privateKey: demoKeyMaterial(seed, 'organiser') },
    hoofdbureau: { publicKey: agreementPublicKey(hoofdbureauPrivate), privateKey: hoofdbureauPrivate },
    passwords,
  };
}
