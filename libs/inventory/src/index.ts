export * from './koffer.ts';
export * from './test-report.ts';
export * from './defects.ts';
export * from './store.ts';
