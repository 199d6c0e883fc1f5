// @ovs/firmware-app — the stemcomputer: the voting flow (pure), its backend (devices,
// signing, HTTP API) and the kiosk UI.
export { startVotingComputer, type SimulatedDevices, type SimulationOptions, type StartError, type StartOptions, type StartResult, type VotingComputerHandle } from './start.ts';
export { VotingComputer, INACTIVITY, type EnterTechnicianResult, type TechnicianOptions, type VotingComputerDevices } from './backend/voting-computer.ts';
export { createVotingClient, HeadlessVoter, DriverError, type VotingClient } from './api/client.ts';
export type { ActionRequest, ActionResponse, ScreenMessage, TechnicianRequest, TechnicianResponse } from './api/protocol.ts';
export { TECHNICIAN_CARD_PAYLOAD } from './technician/technician-card.ts';
export type { StemcomputerTestReport } from './technician/report.ts';
export type { TechnicianAction, TechnicianView } from './technician/view.ts';
export { reportText as formatTestReport } from './technician/report-ticket.ts';
export { memoryLog, silentLog, stderrLog, type Logger, type LogLine } from './backend/log.ts';
export { SCREEN, PX_PER_MM } from './screen-geometry.ts';
export { buildUi } from './ui/build.ts';
export { insertCard, readerReady, removeCard, takeTickets } from './simulated.ts';
export * from './flow/index.ts';
