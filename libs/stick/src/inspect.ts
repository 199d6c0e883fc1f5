// What can be checked on one stick with public keys only: label, package, slot file layout,
// session record and certificate, closing record signature, event chain. The console does this
// before the password is typed; verify() does it first at the hoofdbureau.
import { err, ok } from '@ovs/basics';
import { bytesEqual, fromBase64, sha256, toHex, Verifier } from '@ovs/crypto';
import { findStation, verifyPackage, type PackageResult, type PollingStation, type VerifiedPackage } from '@ovs/election';
import { createBallotContext, HASH_PREFIX_BYTES, maxPayloadBytes, SIGNATURE_BYTES, verifySessionCertificate, type BallotContext } from '@ovs/ballot';
import { FILES } from './files.ts';
import { decodeLabel, encodeLabel, type StickLabel } from './label.ts';
import { decodeSlotHeader, maxSignedBallotBytes, type HeaderProblem, type SlotHeader } from './slot-file.ts';
import { decodeSessionRecord, SESSION_SIGNATURE_DOMAIN, type SessionRecord } from './session-record.ts';
import { decodeSignatureFile, verifyRecord } from './signature-file.ts';
import { parseEventLog, type ParsedLog } from './event-log.ts';
import { CLOSING_SIGNATURE_DOMAIN, decodeClosingRecord, type ClosingRecord } from './closing-record.ts';
import { checkAddendum, type InspectedAddendum } from './addendum.ts';
import { problem, type StickResult } from './problems.ts';
import type { StickFiles } from './read.ts';

export interface InspectedSession {
  record: SessionRecord;
  bytes: Uint8Array;
  signatureFile: Uint8Array;
  /** The voting computers' key, from the certificate. */
  sessionVerifier: Verifier;
}

export interface InspectedClosing {
  record: ClosingRecord;
  bytes: Uint8Array;
  signatureFile: Uint8Array;
}

export interface InspectedStick {
  label: StickLabel;
  pkg: VerifiedPackage;
  context: BallotContext;
  station: PollingStation;
  stembureau: Verifier;
  /** Election ids of the station in legal order, and the package's voter categories. */
  elections: string[];
  categories: string[];
  header: SlotHeader;
  slots: Uint8Array;
  session?: InspectedSession;
  /** Present only with a session; the chain is checked, not the console's MACs. */
  log?: ParsedLog;
  eventsBytes?: Uint8Array;
  closing?: InspectedClosing;
  /** The witnesses' remarks after closing (addendum.ts), when there are any. */
  addendum?: InspectedAddendum;
  secrets?: Uint8Array;
}

export interface InspectOptions {
  organiserPublicKey: Uint8Array;
}

const need = (files: StickFiles, name: (typeof FILES)[keyof typeof FILES]): StickResult<Uint8Array> => {
  const bytes = files[name];
  return bytes ? ok(bytes) : err(problem('missing-file', name, undefined, 'dit bestand ontbreekt op de stick.'));
};

// The hoofdbureau reads some 1,100 sticks carrying the same package: verifying and parsing it
// (≈ 4 ms for a package of 100 stations) once instead of 1,100 times. A pure memo: the same
// bytes (by their SHA-256), signature and key always give the same answer.
const memo = new Map<string, PackageResult<{ pkg: VerifiedPackage; context: BallotContext }>>();
const MEMO_ENTRIES = 16;

function verifyPackageMemo(bytes: Uint8Array, hash: Uint8Array, signature: Uint8Array, organiserPublicKey: Uint8Array): PackageResult<{ pkg: VerifiedPackage; context: BallotContext }> {
  const key = `${toHex(organiserPublicKey)}:${toHex(signature)}:${toHex(hash)}`;
  const known = memo.get(key);
  if (known) return known;
  const v = verifyPackage(bytes, signature, organiserPublicKey);
  const result: PackageResult<{ pkg: VerifiedPackage; context: BallotContext }> = v.ok ? { ok: true, value: { pkg: v.value, context: createBallotContext(v.value) } } : v;
  memo.set(key, result);
  if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
  return result;
}

/**
 * The election package on a stick, verified under the organiser's key (memoised by hash); `hash`
 * is SHA-256 of `bytes` when the caller has it already.
 */
export function verifyStickPackage(bytes: Uint8Array, signature: Uint8Array, organiserPublicKey: Uint8Array, hash = sha256(bytes)): PackageResult<VerifiedPackage> {
  const v = verifyPackageMemo(bytes, hash, signature, organiserPublicKey);
  return v.ok ? { ok: true, value: v.value.pkg } : v;
}

// Building a key object costs as much as a verification; a station's key is the same on every
// stick of the station (and a hoofdbureau reads two of each).
const verifiers = new Map<string, Verifier | undefined>();

function stembureauVerifier(publicKey: Uint8Array): Verifier | undefined {
  const key = toHex(publicKey);
  if (verifiers.has(key)) return verifiers.get(key);
  const v = Verifier.from(publicKey);
  verifiers.set(key, v);
  if (verifiers.size > 4096) verifiers.delete(verifiers.keys().next().value as string);
  return v;
}

export function inspectStickFiles(files: StickFiles, options: InspectOptions): StickResult<InspectedStick> {
  return inspectFiles(files, options, undefined);
}

/** inspectStickFiles, with SHA-256 of election.json when the caller computed it already. */
export function inspectFiles(files: StickFiles, options: InspectOptions, packageHash: Uint8Array | undefined): StickResult<InspectedStick> {
  const labelBytes = need(files, FILES.label);
  if (!labelBytes.ok) return err({ ...labelBytes.error, message: `${FILES.label} ontbreekt: dit is geen voorbereide stemstick.` });
  const label = decodeLabel(labelBytes.value);
  if (!label.ok) return err(problem('malformed', FILES.label, `veld ${label.error.field}`, `${label.error.why}.`));

  const pkgBytes = need(files, FILES.packageJson);
  if (!pkgBytes.ok) return pkgBytes;
  const sigBytes = need(files, FILES.packageSig);
  if (!sigBytes.ok) return sigBytes;
  const pkgSig = decodeSignatureFile(sigBytes.value);
  if (!pkgSig) return err(problem('malformed', FILES.packageSig, undefined, 'geen handtekening (64 bytes in base64).'));
  const verified = verifyPackageMemo(pkgBytes.value, packageHash ?? sha256(pkgBytes.value), pkgSig, options.organiserPublicKey);
  if (!verified.ok) return err(problem('package-invalid', FILES.packageJson, verified.error.path, verified.error.message));
  const { pkg, context } = verified.value;

  if (!bytesEqual(label.value.packageHash, pkg.hash)) {
    return err(problem('mismatch', FILES.label, 'veld packageHash', 'hoort bij een ander verkiezingspakket dan election.json op deze stick.'));
  }
  const station = findStation(pkg.election, label.value.station);
  if (!station) return err(problem('unknown-station', FILES.label, 'veld station', `stembureau ${label.value.station} staat niet in het verkiezingspakket.`));
  if (label.value.stationName !== station.name) {
    return err(problem('mismatch', FILES.label, 'veld stationName', `"${label.value.stationName}" is niet de naam van stembureau ${station.number} ("${station.name}").`));
  }
  if (label.value.electionDate !== pkg.election.electionDate) {
    return err(problem('mismatch', FILES.label, 'veld electionDate', `${label.value.electionDate} is niet de verkiezingsdatum ${pkg.election.electionDate}.`));
  }
  const stembureauKey = fromBase64(station.stembureauKey.publicKey);
  const stembureau = stembureauKey ? stembureauVerifier(stembureauKey) : undefined;
  if (!stembureau) return err(problem('package-invalid', FILES.packageJson, 'stembureauKey', 'de sleutel van het stembureau is ongeldig.'));
  const layouts = context.stations.get(station.number) ?? [];
  const elections = layouts.map((l) => l.id);
  const categories = pkg.election.voterCategories.map((c) => c.id);

  const slots = need(files, FILES.slots);
  if (!slots.ok) return slots;
  const header = decodeSlotHeader(slots.value);
  if (!header.ok) return err(problem('malformed', FILES.slots, 'kop', HEADER_MESSAGES[header.error]));
  if (header.value.station !== station.number) {
    return err(problem('mismatch', FILES.slots, 'kop', `hoort bij stembureau ${header.value.station}, niet bij ${station.number}.`));
  }
  if (!bytesEqual(header.value.packageHash, pkg.hash)) return err(problem('mismatch', FILES.slots, 'kop', 'hoort bij een ander verkiezingspakket.'));
  if (maxSignedBallotBytes(header.value.slotSize) < maxPayloadBytes(layouts) + SIGNATURE_BYTES) {
    return err(problem('malformed', FILES.slots, 'kop', `vakken van ${header.value.slotSize} bytes zijn te klein voor de stembiljetten van dit stembureau.`));
  }
  // The label is the one file that no signature or hash covers: after every field was checked
  // against the package and the slot header, only the exact bytes the preparation writes pass.
  if (!bytesEqual(encodeLabel(label.value), labelBytes.value)) {
    return err(problem('malformed', FILES.label, undefined, 'niet exact zoals bij de voorbereiding geschreven: het bestand werd gewijzigd.'));
  }

  const out: InspectedStick = { label: label.value, pkg, context, station, stembureau, elections, categories, header: header.value, slots: slots.value };
  if (files[FILES.secrets]) out.secrets = files[FILES.secrets];

  // session.json is written last of the session files: without it there is no session yet,
  // and a stray session.sig or secrets.bin is what a crash during the first opening leaves.
  const sessionBytes = files[FILES.sessionJson];
  if (!sessionBytes) {
    if (files[FILES.events]?.length) return err(problem('missing-file', FILES.sessionJson, undefined, 'ontbreekt, maar de stick heeft wel een logboek.'));
    if (files[FILES.closingJson]) return err(problem('missing-file', FILES.sessionJson, undefined, 'ontbreekt, maar de stick heeft wel een afsluiting.'));
    return ok(out);
  }
  const session = checkSession(sessionBytes, files, out);
  if (!session.ok) return session;
  out.session = session.value;

  const log = parseEventLog(files[FILES.events] ?? new Uint8Array(0), session.value.record.sessionId, undefined);
  if (!log.ok) return err(problem('event-log', FILES.events, `regel ${log.error.line}`, `${log.error.why}.`));
  out.log = log.value;
  out.eventsBytes = files[FILES.events] ?? new Uint8Array(0);

  const closingBytes = files[FILES.closingJson];
  if (closingBytes) {
    const closing = checkClosing(closingBytes, files, out, session.value.record);
    if (!closing.ok) return closing;
    out.closing = closing.value;
  }
  const addendumBytes = files[FILES.addendumJson];
  if (addendumBytes) {
    const s = session.value.record;
    const addendum = checkAddendum(addendumBytes, files[FILES.addendumSig], { stembureau, station: station.number, packageHash: pkg.hash, sessionId: s.sessionId, closingBytes: out.closing?.bytes });
    if (!addendum.ok) return addendum;
    out.addendum = addendum.value;
  }
  return ok(out);
}

function checkSession(bytes: Uint8Array, files: StickFiles, stick: InspectedStick): StickResult<InspectedSession> {
  const sigFile = need(files, FILES.sessionSig);
  if (!sigFile.ok) return sigFile;
  const signature = decodeSignatureFile(sigFile.value);
  if (!signature) return err(problem('malformed', FILES.sessionSig, undefined, 'geen handtekening (64 bytes in base64).'));
  const decoded = decodeSessionRecord(bytes);
  if (!decoded.ok) return err(problem('malformed', FILES.sessionJson, `veld ${decoded.error.field}`, `${decoded.error.why}.`));
  const record = decoded.value;
  if (!verifyRecord(SESSION_SIGNATURE_DOMAIN, bytes, signature, stick.stembureau)) {
    return err(problem('bad-signature', FILES.sessionSig, undefined, 'de handtekening van het stembureau over session.json klopt niet: gewijzigd of van een ander stembureau.'));
  }
  if (record.station !== stick.station.number) return err(problem('mismatch', FILES.sessionJson, 'veld station', `stembureau ${record.station} in plaats van ${stick.station.number}.`));
  if (!bytesEqual(record.packageHash, stick.pkg.hash)) return err(problem('mismatch', FILES.sessionJson, 'veld packageHash', 'hoort bij een ander verkiezingspakket.'));
  const cert = verifySessionCertificate(record.sessionCertificate, {
    hashPrefix: stick.pkg.hash.subarray(0, HASH_PREFIX_BYTES),
    station: stick.station.number,
    stembureauPublicKey: stick.stembureau.publicKey,
  });
  if (!cert.ok) return err(problem('bad-certificate', FILES.sessionJson, 'veld sessionCertificate', `het sessiecertificaat is ongeldig (${cert.error}).`));
  return ok({ record, bytes, signatureFile: sigFile.value, sessionVerifier: cert.value.verifier });
}

function checkClosing(bytes: Uint8Array, files: StickFiles, stick: InspectedStick, session: SessionRecord): StickResult<InspectedClosing> {
  const sigFile = need(files, FILES.closingSig);
  if (!sigFile.ok) return sigFile;
  const signature = decodeSignatureFile(sigFile.value);
  if (!signature) return err(problem('malformed', FILES.closingSig, undefined, 'geen handtekening (64 bytes in base64).'));
  const decoded = decodeClosingRecord(bytes, stick.elections, stick.categories);
  if (!decoded.ok) return err(problem('malformed', FILES.closingJson, `veld ${decoded.error.field}`, `${decoded.error.why}.`));
  if (!verifyRecord(CLOSING_SIGNATURE_DOMAIN, bytes, signature, stick.stembureau)) {
    return err(problem('bad-signature', FILES.closingSig, undefined, 'de handtekening van het stembureau over closing.json klopt niet: gewijzigd of van een ander stembureau.'));
  }
  const c = decoded.value;
  if (c.station !== stick.station.number) return err(problem('mismatch', FILES.closingJson, 'veld station', `stembureau ${c.station} in plaats van ${stick.station.number}.`));
  if (!bytesEqual(c.packageHash, stick.pkg.hash)) return err(problem('mismatch', FILES.closingJson, 'veld packageHash', 'hoort bij een ander verkiezingspakket.'));
  if (!bytesEqual(c.sessionId, session.sessionId)) {
    return err(
      problem('mismatch', FILES.closingJson, 'veld sessionId', `hoort bij sessie ${toHex(c.sessionId)}, niet bij de sessie van deze stick (${toHex(session.sessionId)}): een afsluiting van een andere opening.`),
    );
  }
  return ok({ record: c, bytes, signatureFile: sigFile.value });
}

const HEADER_MESSAGES: Record<HeaderProblem, string> = {
  'too-short': 'het bestand is korter dan de kop.',
  'bad-magic': 'dit is geen stembiljettenbestand (OVSSLOT1 ontbreekt).',
  'bad-version': 'onbekende versie van het formaat.',
  'bad-slot-size': 'ongeldige grootte van de vakken.',
  'bad-capacity': 'ongeldig aantal vakken.',
  'nonzero-padding': 'de kop bevat onverwachte gegevens.',
  'bad-length': 'de lengte van het bestand klopt niet met de kop (afgekapt of verlengd).',
};
