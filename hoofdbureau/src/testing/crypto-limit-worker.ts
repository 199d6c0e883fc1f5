// One thread of the crypto limit: warm up, then count raw ballots for the given time. Also its
// own CPU time (Linux /proc/thread-self), so that the limit can be compared with the import in
// CPU seconds, which other load on a shared machine inflates much less than wall time.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { rawStick } from './crypto-limit.ts';

const data = workerData as { dir: string; organiserPublicKey: Uint8Array; hoofdbureauPrivateKey: Uint8Array; ms: number };

function threadCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const raw = await rawStick(data.dir, data.organiserPublicKey, data.hoofdbureauPrivateKey);
raw.run();
let n = 0;
const cpu0 = threadCpuSeconds();
const start = performance.now();
while (performance.now() - start < data.ms) n += raw.run();
const wall = (performance.now() - start) / 1000;
const cpu1 = threadCpuSeconds();
const cpu = cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0;
parentPort?.postMessage({ rate: n / wall, cpuMicrosPerBallot: cpu === undefined || n === 0 ? null : (cpu * 1e6) / n });
