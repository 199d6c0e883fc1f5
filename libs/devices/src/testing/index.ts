// Test helpers other packages may use too: a clock moved by hand and a mock serial line.
export { ManualTimers, settle } from './manual-timers.ts';
export { createMockLine, type MockLine } from './mock-serial.ts';
