#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (workspace packages ship TypeScript source).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./ovs-stick.ts');
process.exitCode = await main(process.argv.slice(2));
