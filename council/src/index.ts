// @ovs/council: live voting in council meetings (README.md).
export { openCouncil, type Council, type CouncilOptions, type ManualCounts, type VoteOutcome } from './council.ts';
export { startCouncil, type RunningCouncil, type StartOptions } from './web/server.ts';
export { setUpDemo, demoMembers, type DemoAccount } from './demo.ts';
export { ManualClock, systemClock, type Clock } from './clock.ts';
export { createAccount } from './accounts.ts';
export { readMeeting } from './meeting.ts';
