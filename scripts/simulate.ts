// `npm run simulate -- --voters N --machines M --seed S --out DIR`: a whole election day
// through the real code paths (scripts/simulation/day.ts). One JSON summary on stdout; exit
// code 1 when the hoofdbureau's count differs from what the voters confirmed, 2 on bad usage.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { runElectionDay } from './simulation/day.ts';

const USAGE = 'gebruik: npm run simulate -- [--voters N] [--machines M] [--seed S] [--out DIR] [--station K] [--variant standard|districts|facility] [--paper-stations N]';

let values: { voters?: string; machines?: string; seed?: string; out?: string; station?: string; variant?: string; 'paper-stations'?: string; quiet?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      voters: { type: 'string', default: '300' },
      machines: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: 'out/simulation' },
      station: { type: 'string', default: '1' },
      variant: { type: 'string', default: 'standard' },
      'paper-stations': { type: 'string', default: '0' },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  }));
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
const int = (name: string, text: string | undefined, min: number, max: number): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} moet een geheel getal van ${min} tot ${max} zijn (kreeg "${text}")\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
const voters = int('voters', values.voters, 1, 100_000);
const machines = int('machines', values.machines, 1, 12);
const station = int('station', values.station, 1, 999);
const variant = values.variant;
// The demo municipality has 12 stations; the simulated digital station must not be among the paper ones.
const paperStations = int('paper-stations', values['paper-stations'], 0, 11);
if (paperStations > 0 && station > 12 - paperStations) {
  console.error(`--station ${station} valt onder de laatste ${paperStations} stembureaus, die op papier stemmen: kies een lager --station of minder --paper-stations\n${USAGE}`);
  process.exit(2);
}
if (variant !== 'standard' && variant !== 'districts' && variant !== 'facility') {
  console.error(`--variant: standard, districts of facility (kreeg "${variant}")\n${USAGE}`);
  process.exit(2);
}

const summary = await runElectionDay({
  voters,
  machines,
  station,
  variant,
  paperStations,
  seed: values.seed ?? '1',
  out: resolve(values.out ?? 'out/simulation'),
  ...(values.quiet ? {} : { progress: (line: string) => process.stderr.write(`${line}\n`) }),
});
console.log(JSON.stringify(summary));
process.exit(summary.match ? 0 : 1);
