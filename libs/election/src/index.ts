export * from './schema.ts';
export * from './errors.ts';
export * from './rules.ts';
export * from './package.ts';
export * from './stembureau-key.ts';
export * from './queries.ts';
export * from './demo/generate.ts';
export * from './files.ts';
