// Rewrites cards.json from cases.ts. Only for a deliberate format change.
import { writeFileSync } from 'node:fs';
import { toHex } from '@ovs/crypto';
import { goldenCards } from './cases.ts';

const g = await goldenCards();
const out = {
  code: g.code,
  activation: toHex(g.activation),
  erasedAfterActivation: toHex(g.erasedAfterActivation),
  erasedAfterRefusal: toHex(g.erasedAfterRefusal),
  voterAll: toHex(g.voterAll),
  testCardMunicipal: toHex(g.testCardMunicipal),
};
writeFileSync(new URL('./cards.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
console.log('wrote the golden cards');
