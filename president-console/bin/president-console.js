#!/usr/bin/env node
// Runs the TypeScript entry point through tsx (workspace packages ship TypeScript source).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./president-console.ts');
process.exitCode = await main(process.argv.slice(2));
