export * from './roles.ts';
export * from './hash.ts';
export * from './manifest.ts';
export * from './compare.ts';
export * from './check.ts';
