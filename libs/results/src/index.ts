// @ovs/results: pure counting for the hoofdbureau. No I/O, no clock, no randomness.
export type { SeatMethod, CandidateInput, ListInput, SeatInput, InputProblem, InputFailure, InputCheck } from './seat-input.ts';
export { checkSeatInput, isBirthDate, MAX_SEATS } from './seat-input.ts';
export type { DivisorMethod } from './divisor-method.ts';
export { compareQuotients } from './divisor-method.ts';
export { imperiali } from './imperiali.ts';
export { dhondt } from './dhondt.ts';
export type { Council } from './councils.ts';
export { seatMethodFor } from './councils.ts';
export type { TieProblem, TieFailure, ListSeats, AllocatedSeats, SeatAllocation } from './seat-allocation.ts';
export { allocateSeats, divisorMethod } from './seat-allocation.ts';
export type { Designation } from './elected.ts';
export { rankCandidates, designate } from './elected.ts';
export type { ElectedList, InitiatiefrechtHolder, InitiatiefrechtOrder } from './initiatiefrecht.ts';
export { initiatiefrecht, initiatiefrechtApplies } from './initiatiefrecht.ts';
export type { ListResult, ElectionOutcome, ElectionResult } from './election-result.ts';
export { electionResult } from './election-result.ts';
export type {
  ElectionChoice,
  ListShape,
  TallyShape,
  ListTally,
  Tally,
  ChoiceProblem,
  CountFailure,
  CountResult,
  AddResult,
  MergeResult,
} from './tally.ts';
export { emptyTally, shapeOf, addChoice, mergeTallies, sumTallies, countChoices, seatListsFromTally, tallyFromCounters } from './tally.ts';
export type { StationTurnout, PublicationUnit, DeelgebiedTotal, PlannedUnits, TurnoutFailure, PublicationPlan } from './publication-units.ts';
export { publicationUnits, PUBLICATION_THRESHOLD } from './publication-units.ts';
