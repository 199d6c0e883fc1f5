// @ovs/council-rules: the rules of a council vote, pure (README.md). No I/O, no clock.
export * from './articles.ts';
export * from './ballot.ts';
export * from './members.ts';
export * from './vote.ts';
export * from './tally.ts';
export * from './decide.ts';
export * from './minutes.ts';
