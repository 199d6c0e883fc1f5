// Worker of bench-sticks.ts: writes its share of the bench sticks, one message per stick.
import { parentPort, workerData } from 'node:worker_threads';
import { benchMunicipality, type BenchMunicipality } from './bench-election.ts';
import { writeBenchStick, type BenchPlan } from './bench-sticks.ts';

const data = workerData as { plan: BenchPlan; root: string; jobs: Array<{ m: number; s: number }> };
const municipalities = new Map<number, BenchMunicipality>();
for (const { m, s } of data.jobs) {
  let muni = municipalities.get(m);
  if (!muni) {
    muni = benchMunicipality(m, data.plan.stationsPerMunicipality);
    municipalities.set(m, muni);
  }
  await writeBenchStick(data.plan, data.root, m, s, muni);
  parentPort?.postMessage(s);
}
