// The election package: everything a device needs to know about the ballot, signed by the
// organiser. This file is the single definition of its shape; the semantic rules that a
// schema cannot express (order, uniqueness, the law's methods) are in rules.ts.
import { z } from 'zod';

export const PACKAGE_FORMAT = 'ovs-election-package/1';

/** Languages in which a voter may vote (facility municipalities offer a choice). */
export const LanguageSchema = z.enum(['nl', 'fr', 'de']);

/** Decree art. 16 §2: gemeenteraad first, then districtsraad or OCMW-raad, then provincieraad. */
export const ElectionKindSchema = z.enum(['gemeenteraad', 'districtsraad', 'ocmw-raad', 'provincieraad']);

export const MethodSchema = z.enum(['imperiali', 'dhondt']);

const base64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a 32-byte key in base64');
const base64 = z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'base64');
const name = (max: number) => z.string().trim().min(1).max(max);

export const CandidateSchema = z.strictObject({
  /** 1-based position on the list (volgnummer). */
  position: z.int().min(1).max(99),
  lastName: name(60),
  /** One first name or the roepnaam (decree art. 16 §3). */
  firstName: name(40),
  /** For cartel lists: the council group (fractie) the candidate will join when elected. */
  fraction: name(60).optional(),
  /** Used only by the law's last tie-breakers (age); ISO date. */
  birthDate: z.iso.date().optional(),
});

export const ListSchema = z.strictObject({
  number: z.int().min(1).max(99),
  name: name(60),
  candidates: z.array(CandidateSchema).min(1).max(64),
});

export const ElectionSchema = z.strictObject({
  /** Short stable id used on cards, ballots and in results ("G", "P", "D-BERCHEM"). */
  id: z.string().regex(/^[A-Z][A-Z0-9-]{0,15}$/, 'an id of capitals, digits and dashes'),
  kind: ElectionKindSchema,
  /** The title on screen and on the ballot, e.g. "Gemeenteraad Vlindermeer". */
  title: name(80),
  /**
   * The title in the other languages the voter may choose (facility municipalities), e.g.
   * `{ "fr": "Conseil communal de Fourons" }`; a language without one shows the Dutch title.
   */
  titles: z.strictObject({ fr: name(80).optional(), de: name(80).optional() }).optional(),
  seats: z.int().min(1).max(99),
  method: MethodSchema,
  lists: z.array(ListSchema).min(1).max(63),
  /** Polling stations that hold this election; absent = all (districtsraad differs per district). */
  pollingStations: z.array(z.int().min(1)).min(1).optional(),
});

export const SealedKeySchema = z.strictObject({
  kdf: z.literal('scrypt'),
  N: z.int(),
  r: z.int(),
  p: z.int(),
  salt: base64,
  nonce: base64,
  ciphertext: base64,
});

export const PollingStationSchema = z.strictObject({
  number: z.int().min(1).max(999),
  /** GEMEENTE-001-DEELGEBIED (seed 001 §V.3.3). */
  name: name(80),
  /** Geographic sub-area, at most 25 characters (seed 000). */
  deelgebied: name(200),
  registeredVoters: z.int().min(0).max(5000),
  stembureauKey: z.strictObject({
    /** Ed25519 public key of the stembureau. */
    publicKey: base64Key,
    /** Its private key, sealed under a key derived from the envelope password. */
    sealedPrivateKey: SealedKeySchema,
  }),
});

export const VoterCategorySchema = z.strictObject({
  /** "belg", "eu", "niet-eu" (seed 001 §IV.3). */
  id: z.string().regex(/^[a-z][a-z0-9-]{0,23}$/),
  name: z.strictObject({ nl: name(60), fr: name(60).optional(), de: name(60).optional() }),
  /** The kinds of election a voter of this category may vote in. */
  electionKinds: z.array(ElectionKindSchema).min(1),
});

const hex = (chars: number) => z.string().regex(new RegExp(`^[0-9a-f]{${chars}}$`), `${chars} lower-case hex characters`);

/**
 * The software release this package was approved for (`release build` writes this field as
 * package-release.json): every device compares its own software hash with its role's and
 * refuses to open on a mismatch. A package without it is a development package (the demo,
 * the tests): the devices run, and every screen and report says ONTWIKKELVERSIE.
 */
export const ReleaseSchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+[0-9A-Za-z.+-]*$/, 'a version number'),
  commit: hex(40),
  /** SHA-256 of the release manifest's bytes. */
  manifest: hex(64),
  software: z.strictObject({ stemcomputer: hex(64), voorzitterscomputer: hex(64), stembus: hex(64), hoofdbureau: hex(64) }),
});

export const ElectionPackageSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  electionDate: z.iso.date(),
  organiser: z.strictObject({ name: name(120) }),
  municipality: z.strictObject({
    nisCode: z.string().regex(/^\d{5}$/, 'a five-digit NIS code'),
    name: name(60),
  }),
  /** Languages the voter may choose from; the first is the default. */
  languages: z.array(LanguageSchema).min(1).max(3),
  elections: z.array(ElectionSchema).min(1).max(8),
  pollingStations: z.array(PollingStationSchema).min(1).max(999),
  voterCategories: z.array(VoterCategorySchema).min(1).max(8),
  hoofdbureau: z.strictObject({
    name: name(120),
    /** X25519 key every ballot on the sticks is sealed to. */
    publicKey: base64Key,
  }),
  release: ReleaseSchema.optional(),
});

export type Language = z.infer<typeof LanguageSchema>;
export type ElectionKind = z.infer<typeof ElectionKindSchema>;
export type Method = z.infer<typeof MethodSchema>;
export type Candidate = z.infer<typeof CandidateSchema>;
export type List = z.infer<typeof ListSchema>;
export type Election = z.infer<typeof ElectionSchema>;
export type SealedKey = z.infer<typeof SealedKeySchema>;
export type PollingStation = z.infer<typeof PollingStationSchema>;
export type VoterCategory = z.infer<typeof VoterCategorySchema>;
export type ElectionPackage = z.infer<typeof ElectionPackageSchema>;
export type Release = z.infer<typeof ReleaseSchema>;

/** Legal order rank (decree art. 16 §2). districtsraad and OCMW-raad share the second place. */
export const KIND_ORDER: Record<ElectionKind, number> = {
  gemeenteraad: 0,
  districtsraad: 1,
  'ocmw-raad': 1,
  provincieraad: 2,
};

/** The allocation method the law prescribes for each kind of council. */
export const METHOD_FOR_KIND: Record<ElectionKind, Method> = {
  gemeenteraad: 'imperiali',
  'ocmw-raad': 'imperiali',
  districtsraad: 'dhondt',
  provincieraad: 'dhondt',
};

/** Limits that the ballot barcode's bit layout relies on. */
export const MAX_DEELGEBIED_CHARS = 25;
