export * from './voter-card.ts';
export * from './activation-code.ts';
export * from './activation-card.ts';
export * from './erased-card.ts';
