// @ovs/stick: the data carrier of a polling station — two sticks with the same content.
// Format and protocol: ../README.md.
export * from './files.ts';
export * from './problems.ts';
export * from './io.ts';
export * from './read.ts';
export * from './file-rules.ts';
export * from './regular-file.ts';
export * from './label.ts';
export * from './slot-file.ts';
export * from './slot-choice.ts';
export * from './session-record.ts';
export * from './secrets.ts';
export * from './event-log.ts';
export * from './closing-record.ts';
export * from './addendum.ts';
export * from './signature-file.ts';
export * from './package-dir.ts';
export { inspectStickFiles, verifyStickPackage, type InspectedStick, type InspectedSession, type InspectedClosing, type InspectOptions } from './inspect.ts';
export * from './prepare.ts';
export * from './verify.ts';
export * from './card-balance.ts';
export * from './opening-date.ts';
export { decodeBallotFlat, FlatVote } from './ballot-reader.ts';
export * from './pair-problem.ts';
export * from './pair.ts';
export * from './pair-open.ts';
export type { Completion } from './reconcile.ts';
export * from './labels.ts';
