// The cost of the hoofdbureau's accounts (issue 12): one login's scrypt (the password check, on
// the libuv pool, wall and CPU time) and the session check every request passes through (the
// session middleware and requireAction, in-process: the cookie parsed, the session found and
// touched, the role checked).
import type { NextFunction, Request, Response } from 'express';
import { randomBytes } from '@ovs/crypto';
import { sessionCookieName } from '@ovs/web-guard';
import { hashPassword, passwordMatches, STAFF_SCRYPT } from '../hoofdbureau/src/staff/passwords.ts';
import { requireAction } from '../hoofdbureau/src/staff/permissions.ts';
import { Staff } from '../hoofdbureau/src/staff/staff.ts';
import { sessionMiddleware } from '../hoofdbureau/src/web/session.ts';
import { median, opsPerSecond, p95, round, timeEach } from './stats.ts';
import type { BenchFn } from './types.ts';

export const bench: BenchFn = async ({ quick }) => {
  const record = await hashPassword('Een goede lange zin', STAFF_SCRYPT);
  const runs = quick ? 5 : 20;
  const cpu: number[] = [];
  const wall = await timeEach(runs, async () => {
    const c0 = process.cpuUsage();
    await passwordMatches('Een goede lange zin', record);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
  });

  // 200 people logged in; the request is one of them.
  const staff = new Staff(null as never);
  const ids = Array.from({ length: 200 }, () => Buffer.from(randomBytes(32)).toString('base64url'));
  ids.forEach((id, i) => staff.sessions.start(id, { username: `u${i}`, name: `U ${i}`, role: 'bijzitter' }, false));
  const middleware = sessionMiddleware(staff);
  const guard = requireAction('results.view');
  const port = 8470;
  const read = (i: number): void => {
    const req = { headers: { cookie: `${sessionCookieName(port)}=${ids[i % ids.length]!}` }, socket: { localPort: port } } as unknown as Request;
    const res = { locals: {} } as unknown as Response;
    let passed = false;
    middleware(req, res, (() => guard(req, res, (() => void (passed = true)) as NextFunction)) as NextFunction);
    if (!passed) throw new Error('the session check refused a live session');
  };
  const change = (i: number): void => {
    const req = { headers: {}, socket: { localPort: port } } as unknown as Request;
    const res = { locals: { session: ids[i % ids.length]! } } as unknown as Response;
    middleware(req, res, (() => guard(req, res, (() => undefined) as NextFunction)) as NextFunction);
  };
  const readsPerSecond = opsPerSecond(read, quick ? 200 : 1000);
  const changesPerSecond = opsPerSecond(change, quick ? 200 : 1000);
  const results = {
    loginScrypt: { params: STAFF_SCRYPT, runs, wallMsMedian: round(median(wall), 1), wallMsP95: round(p95(wall), 1), cpuMsMedian: round(median(cpu), 1) },
    sessionCheck: { liveSessions: ids.length, readUs: round(1e6 / readsPerSecond, 2), changeUs: round(1e6 / changesPerSecond, 2) },
  };
  return {
    key: 'staff',
    results,
    table: [
      ['login scrypt (N=2^15, r=8) wall median / p95', `${results.loginScrypt.wallMsMedian} / ${results.loginScrypt.wallMsP95} ms`],
      ['login scrypt CPU median', `${results.loginScrypt.cpuMsMedian} ms`],
      ['session check, read (cookie parsed)', `${results.sessionCheck.readUs} µs/request`],
      ['session check, change (guard’s id)', `${results.sessionCheck.changeUs} µs/request`],
    ],
  };
};
