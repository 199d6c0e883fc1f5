export * from './encoding.ts';
export * from './hash.ts';
export * from './sign.ts';
export * from './seal.ts';
export * from './password.ts';
export * from './domain.ts';
export * from './seeded.ts';
