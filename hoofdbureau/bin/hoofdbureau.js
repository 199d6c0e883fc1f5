#!/usr/bin/env node
// `npx hoofdbureau <command> …`: runs the TypeScript sources directly through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
// `hoofdbureau results … | head`: a closed pipe is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
