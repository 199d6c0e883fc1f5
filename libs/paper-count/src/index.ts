// @ovs/paper-count: the paper counts of the telbureaus, as pure logic — the result table, its
// checks with codes, the double-entry comparison and the entry state machine. No I/O, no clock.
export type { ListRow, TelbureauTable, FieldKey, TotalField, TableProblem } from './table.ts';
export {
  MAX_COUNT,
  TOTAL_FIELDS,
  TOTAL_LABELS,
  stemcijferKey,
  listOnlyKey,
  candidateKey,
  tableFields,
  fieldKeys,
  fieldValue,
  withFields,
  emptyTable,
  fieldLabel,
  parseTable,
  tableToTally,
  tablesEqual,
  differences,
} from './table.ts';
export type { ErrorCode, WarningCode, CheckCode, CheckText, Finding, CheckContext } from './checks.ts';
export { CHECKS, ERROR_CODES, WARNING_CODES, isError, checkTable } from './checks.ts';
export type { Entry, Decision, EntryState, EntryStateKind, EntryEvent, EntryRefusal, EntryContext } from './entry.ts';
export { STATE_NAMES, applyEntryEvent, definitiveTable } from './entry.ts';
export type { PaperBallot } from './from-ballots.ts';
export { tableFromBallots } from './from-ballots.ts';
