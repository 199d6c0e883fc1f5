// Rewrites ballots.json from cases.ts. Only for a deliberate format change.
import { writeFileSync } from 'node:fs';
import { toHex } from '@ovs/crypto';
import { encodeSignedBallot } from '../../src/index.ts';
import { sessionSigner, syntheticContext } from '../support.ts';
import { GOLDEN_BALLOTS, GOLDEN_LAYOUTS } from './cases.ts';

const context = syntheticContext(GOLDEN_LAYOUTS);
const out = GOLDEN_BALLOTS.map(({ name, ballot }) => {
  const r = encodeSignedBallot(context, ballot, sessionSigner());
  if (!r.ok) throw new Error(`${name}: ${r.error.code}`);
  return { name, signed: toHex(r.value) };
});
writeFileSync(new URL('./ballots.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${out.length} golden ballots`);
