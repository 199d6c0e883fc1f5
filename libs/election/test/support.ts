// Shared fixtures for the election tests: the demo package with a cheap scrypt setting.
import { generateDemoElection, type DemoElection } from '../src/index.ts';

export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

let cached: DemoElection | undefined;
export function demo(): DemoElection {
  cached ??= generateDemoElection({ scrypt: FAST_SCRYPT });
  return cached;
}

/** A deep copy of the demo package as plain JSON, to break in one place. */
export const demoJson = (): Record<string, unknown> => JSON.parse(new TextDecoder().decode(demo().bytes)) as Record<string, unknown>;
