// @ovs/president-console: the voorzitterscomputer. Start it in-process with startConsole().
export { startConsole, type ConsoleHandle, type StartConsoleOptions } from './start.ts';
export { ConsoleCore, type ConsoleCoreOptions, type ConsoleLogEntry } from './core/console-core.ts';
export type { ReportData, ReportKind } from './core/report-data.ts';
export type { ActionResult, ConsoleSnapshot, Phase, Halt, Counters, CategoryView } from './core/snapshot.ts';
export { createSimulatedSticks, type SimulatedSticks } from './sticks/simulated-sticks.ts';
export { createMountPointSticks } from './sticks/mount-points.ts';
export type { StickSource, StickPresence } from './sticks/stick-source.ts';
export type { StickStatus } from './sticks/stick-status.ts';
export { createSimulatedConsoleDevices, type SimulatedConsoleDevices, type WrittenCard } from './simulated-devices.ts';
export { reportPdf } from './reports/pdf.ts';
export { buildReport } from './reports/content.ts';
export { folderExpertMedium, type ExpertMedium } from './core/expert-medium.ts';
export { reportAsPdf } from './reports/reports.ts';
export { closingDifferences, firstCards, proxyCards, type ClosingCounts, type Difference } from './core/reconciliation.ts';
