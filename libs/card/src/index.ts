export * from './voter-card.ts';
export * from './activation-card.ts';
