// Opening the two sticks with the unsealed stembureau key (decree art. 22): a new session on
// two blank sticks — secrets, signature, record, on A then on B — or the session resumed after a
// restart, the sticks reconciled first.
import { done, err, ok, type Result } from '@ovs/basics';
import { agreementPublicKey, bytesEqual, deriveSharedKey, fromBase64, randomBytes as cryptoRandomBytes, Signer } from '@ovs/crypto';
import { HASH_PREFIX_BYTES, issueSessionCertificate } from '@ovs/ballot';
import { FILES, SESSION_FORMAT } from './files.ts';
import type { StickIo } from './io.ts';
import type { InspectedStick } from './inspect.ts';
import { eventMacKey } from './event-log.ts';
import { ioProblem, type PairProblem } from './pair-problem.ts';
import { readSides } from './pair-sides.ts';
import { StickPair, type ReconcileSummary } from './pair.ts';
import { sealSecrets, unsealSecrets, type SessionSecrets } from './secrets.ts';
import { encodeSessionRecord, SESSION_ID_BYTES, SESSION_SIGNATURE_DOMAIN, type SessionRecord } from './session-record.ts';
import { encodeSignatureFile, signRecord } from './signature-file.ts';
import { BALLOT_KEY_INFO } from './slot-file.ts';
import type { RandomBytes } from './slot-choice.ts';

export interface OpenPairOptions {
  a: StickIo;
  b: StickIo;
  organiserPublicKey: Uint8Array;
  /** The polling station this console was installed for. */
  station: number;
  /** The stembureau key, unsealed with the envelope password. */
  stembureau: Signer;
  /** SHA-256 of the console software, recorded in the session and the closing record. */
  software: Uint8Array;
  now?: () => Date;
  random?: RandomBytes;
}

export interface OpenedPair {
  pair: StickPair;
  /** A new session was started on two blank sticks. */
  created: boolean;
  reconcile: ReconcileSummary;
}

export type OpenPairResult = Result<OpenedPair, PairProblem>;

/**
 * Opens the two sticks with the unsealed stembureau key: starts the session on blank sticks,
 * or resumes it — reconciling the sticks first — after a restart.
 */
export async function openStickPair(options: OpenPairOptions): Promise<OpenPairResult> {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? cryptoRandomBytes;
  const ios = { A: options.a, B: options.b };
  const read = await readSides(ios, options.organiserPublicKey, options.station, undefined);
  if (!read.ok) return read;
  let [a, b] = read.value;
  const stick = a.stick;
  const stationKey = stick.stembureau.publicKey;
  if (!bytesEqual(options.stembureau.publicKey, stationKey)) {
    return err({ code: 'wrong-stembureau-key', message: 'De sleutel past niet bij dit stembureau.' });
  }
  const sa = a.stick.session;
  const sb = b.stick.session;
  if (sa && sb && !bytesEqual(sa.bytes, sb.bytes)) {
    return err({ code: 'different-sessions', message: 'De twee sticks horen bij een verschillende opening van dit stembureau.' });
  }
  for (const side of [a, b]) {
    if (!side.stick.session && side.stick.slots.subarray(512).some((x) => x !== 0)) {
      return err({ code: 'corrupt', file: FILES.slots, message: `Stick ${side.port}: ${FILES.slots} bevat gegevens zonder sessie.` });
    }
  }

  let created = false;
  if (!sa && !sb) {
    const started = await startSession(options, stick, now, random);
    if (!started.ok) return started;
    created = true;
    const again = await readSides(ios, options.organiserPublicKey, options.station, stick.pkg.hash);
    if (!again.ok) return again;
    [a, b] = again.value;
  }
  const session = (a.stick.session ?? b.stick.session)!;
  const binding = { packageHash: stick.pkg.hash, station: stick.station.number, sessionId: session.record.sessionId };
  let secrets: SessionSecrets | undefined;
  let secretsFile: Uint8Array | undefined;
  for (const side of [a, b]) {
    if (secrets || !side.stick.secrets) continue;
    const opened = unsealSecrets(options.stembureau, binding, side.stick.secrets);
    if (opened.ok) {
      secrets = opened.value;
      secretsFile = side.stick.secrets;
    }
  }
  const closed = a.stick.closing ?? b.stick.closing;
  if (!secrets && !closed) return err({ code: 'secrets', message: 'De sessiesleutels op de sticks zijn onleesbaar. Verwittig de technische ondersteuning.' });
  const hoofdbureauKey = fromBase64(stick.pkg.election.hoofdbureau.publicKey);
  const ballotKey = secrets && hoofdbureauKey ? deriveSharedKey(secrets.ballotPrivateKey, hoofdbureauKey, BALLOT_KEY_INFO) : undefined;
  if (secrets && !ballotKey) return err({ code: 'secrets', message: 'De sleutel van het hoofdbureau in het verkiezingspakket is onbruikbaar.' });
  const built = await StickPair.build(
    {
      stick,
      session: session.record,
      sessionVerifier: session.sessionVerifier,
      keys: { secrets, secretsFile, ballotKey, macKey: eventMacKey(options.stembureau, stick.pkg.hash, stick.station.number, session.record.sessionId) },
      ios,
      stembureau: options.stembureau,
      organiserPublicKey: options.organiserPublicKey,
      now,
      random,
      software: options.software,
    },
    [a, b],
  );
  if (!built.ok) return built;
  // A session whose first event is missing was interrupted while starting: finish it.
  const { pair, summary } = built.value;
  if (pair.events.length === 0) {
    const first = await StickPair.start(pair);
    if (!first.ok) return err(ioProblem(first.error.failure.port, first.error.failure.error));
  }
  return ok({ pair, created, reconcile: summary });
}

/** A new session on two blank sticks: secrets, signature, record — on A, then on B. */
async function startSession(options: OpenPairOptions, stick: InspectedStick, now: () => Date, random: RandomBytes): Promise<Result<void, PairProblem>> {
  const sessionId = random(SESSION_ID_BYTES);
  // Keys from the same random source as everything else, so a test can fix it (golden sticks).
  const sessionPrivateKey = random(32);
  const sessionKeys = { privateKey: sessionPrivateKey, publicKey: new Signer(sessionPrivateKey).publicKey };
  const ballotPrivateKey = random(32);
  const ballotKeys = { privateKey: ballotPrivateKey, publicKey: agreementPublicKey(ballotPrivateKey) };
  const record: SessionRecord = {
    format: SESSION_FORMAT,
    station: stick.station.number,
    packageHash: stick.pkg.hash,
    sessionId,
    startedAt: now().toISOString(),
    sessionCertificate: issueSessionCertificate(stick.pkg.hash.subarray(0, HASH_PREFIX_BYTES), stick.station.number, sessionKeys.publicKey, options.stembureau),
    ballotPublicKey: ballotKeys.publicKey,
    software: options.software,
  };
  const bytes = encodeSessionRecord(record);
  const sig = encodeSignatureFile(signRecord(SESSION_SIGNATURE_DOMAIN, bytes, options.stembureau));
  const secrets = sealSecrets(
    options.stembureau,
    { packageHash: stick.pkg.hash, station: stick.station.number, sessionId },
    { sessionPrivateKey: sessionKeys.privateKey, ballotPrivateKey: ballotKeys.privateKey, linkKey: random(32) },
    random(12),
  );
  for (const [port, io] of [['A', options.a], ['B', options.b]] as const) {
    for (const [name, data] of [
      [FILES.secrets, secrets],
      [FILES.sessionSig, sig],
      [FILES.sessionJson, bytes],
    ] as const) {
      const r = await io.replace(name, data);
      if (!r.ok) return err(ioProblem(port, r.error));
    }
  }
  return done;
}
