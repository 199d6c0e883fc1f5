// @ovs/web-guard: the one guard in front of every web server of the stack (README.md).
// Node only; pages import '@ovs/web-guard/client'.
export * from './names.ts';
export * from './policy.ts';
export * from './headers.ts';
export * from './messages.ts';
export { csrfToken, isSessionId } from './token.ts';
export { createWebGuard, cookieValues, requestFacts, type Checked, type Passed, type WebGuard, type WebGuardOptions } from './guard.ts';
