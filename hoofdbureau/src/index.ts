// @ovs/hoofdbureau: check and import sticks, aggregate, seats, elected, PV, publication.
export { checkStick, importStick, type OneShotOptions } from './api.ts';
export { openHoofdbureau, type Hoofdbureau, type HoofdbureauOptions, type OpenResult } from './hoofdbureau.ts';
export type { CheckReport, ImportReport } from './import/reports.ts';
export { importLine } from './import/reports.ts';
export type { BulkProgress, ImportOptions } from './import/import-stick.ts';
export { decodeRescanFile, RESCAN_FORMAT, type RescanInput } from './import/rescan.ts';
export type { ResultsDoc, ElectionResultView } from './results/compute.ts';
export type { StickSummary, StickContent, StationRef, ElectionTally } from './stick/check-job.ts';
export type { Problem } from './stick/problems.ts';
export { advice } from './stick/problems.ts';
export { startHoofdbureau, type StartOptions, type RunningHoofdbureau } from './web/server.ts';
export { eml510 } from './export/eml510.ts';
export { resultsCsv } from './results/csv.ts';
export { pvDocument, pvText } from './pv/pv-content.ts';
export { renderPvPdf } from './pv/pv-pdf.ts';
export { readIncidents } from './pv/incidents.ts';
export { recount, type RecountReport, type RecountSource } from './audit/recount.ts';
