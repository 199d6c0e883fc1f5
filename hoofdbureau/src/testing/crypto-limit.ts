// The import's yardstick: the cost of the cryptography alone — for every ballot of a stick one
// ChaCha20-Poly1305 open of its slot and one Ed25519 verification of its signature, nothing else
// (no decoding, no checks, no database). Run on every core at once, it is the limit an import
// on this machine could reach.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { aeadOpen, deriveSharedKey, withDomain } from '@ovs/crypto';
import { createBallotContext, HASH_PREFIX_BYTES, verifySessionCertificate } from '@ovs/ballot';
import { verifyPackage } from '@ovs/election';
import { BALLOT_KEY_INFO, decodeSessionRecord, decodeSignatureFile, decodeSlotHeader, FILES, readStickDir, slotAad, slotOffset, SLOT_USED } from '@ovs/stick';

export interface RawStick {
  run(): number;
}

/** Prepares the raw loop over one stick; returns the number of ballots per run(). */
export async function rawStick(dir: string, organiserPublicKey: Uint8Array, hoofdbureauPrivateKey: Uint8Array): Promise<RawStick> {
  const read = await readStickDir(dir);
  if (!read.ok) throw new Error(`rawStick: ${read.error.file}`);
  const files = read.value;
  const pkg = verifyPackage(files[FILES.packageJson]!, decodeSignatureFile(files[FILES.packageSig]!)!, organiserPublicKey);
  if (!pkg.ok) throw new Error('rawStick: package');
  const slots = files[FILES.slots]!;
  const header = decodeSlotHeader(slots);
  const session = decodeSessionRecord(files[FILES.sessionJson]!);
  if (!header.ok || !session.ok) throw new Error('rawStick: stick');
  const h = header.value;
  const s = session.value;
  const station = pkg.value.election.pollingStations.find((x) => x.number === h.station)!;
  const cert = verifySessionCertificate(s.sessionCertificate, {
    hashPrefix: createBallotContext(pkg.value).hashPrefix.subarray(0, HASH_PREFIX_BYTES),
    station: h.station,
    stembureauPublicKey: Buffer.from(station.stembureauKey.publicKey, 'base64'),
  });
  if (!cert.ok) throw new Error('rawStick: certificate');
  const key = deriveSharedKey(hoofdbureauPrivateKey, s.ballotPublicKey, BALLOT_KEY_INFO)!;
  const verifier = cert.value.verifier;
  return {
    run() {
      let n = 0;
      for (let i = 0; i < h.capacity; i++) {
        const off = slotOffset(h, i);
        if (slots[off] !== SLOT_USED) continue;
        const slot = slots.subarray(off, off + h.slotSize);
        const plain = aeadOpen(key, slot.subarray(1, 13), slot.subarray(13), slotAad(h, s.sessionId, i));
        if (!plain) throw new Error('rawStick: slot');
        const length = ((plain[0] as number) << 8) | (plain[1] as number);
        const signed = plain.subarray(2, 2 + length);
        if (!verifier.verify(withDomain('ballot', signed.subarray(0, length - 64)), signed.subarray(length - 64))) throw new Error('rawStick: signature');
        n++;
      }
      return n;
    },
  };
}

export interface CryptoLimit {
  /** Ballots per second, all threads together. */
  rate: number;
  /** CPU time per ballot of the raw loop (mean over the threads), when the OS tells it. */
  cpuMicrosPerBallot: number | null;
}

/** Ballots per second of the raw loop on `threads` threads at once, each for about `ms`. */
export async function cryptoLimit(dir: string, organiserPublicKey: Uint8Array, hoofdbureauPrivateKey: Uint8Array, threads = availableParallelism(), ms = 3000): Promise<CryptoLimit> {
  const results = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<{ rate: number; cpuMicrosPerBallot: number | null }>((resolve, reject) => {
          const w = new Worker(new URL('./crypto-limit-worker.js', import.meta.url), { workerData: { dir, organiserPublicKey, hoofdbureauPrivateKey, ms } });
          w.once('message', (r: { rate: number; cpuMicrosPerBallot: number | null }) => {
            resolve(r);
            void w.terminate();
          });
          w.once('error', reject);
        }),
    ),
  );
  const cpus = results.map((r) => r.cpuMicrosPerBallot).filter((c): c is number => c !== null);
  return { rate: results.reduce((a, r) => a + r.rate, 0), cpuMicrosPerBallot: cpus.length === results.length ? cpus.reduce((a, b) => a + b, 0) / cpus.length : null };
}
