export * from './types.ts';
export * from './machine.ts';
export * from './screen.ts';
export * from './choice-text.ts';
export * from './plan.ts';
