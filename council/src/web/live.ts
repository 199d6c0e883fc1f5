// Live updates over Server-Sent Events: every screen holds one stream and gets its whole view
// again after every change (a vote, a close, a pointer move). Changes that come close together
// are sent together — at most one flush per FLUSH_MS, so 100 votes in a second cost a few dozen
// flushes, not a hundred — and what every member's view shares (the projector's view, the
// members, who voted) is read once per flush.
import type { ServerResponse } from 'node:http';
import type { Council } from '../council.ts';
import { controlView, memberContext, memberView, memberViewIn, projectorView, type MemberContext, type ProjectorView } from '../views.ts';

export type Audience = { kind: 'projector' } | { kind: 'control' } | { kind: 'member'; memberId: string | null };

export interface Live {
  subscribe(res: ServerResponse, audience: Audience): void;
  close(): void;
}

export function viewFor(council: Council, audience: Audience, shared?: ProjectorView): unknown {
  const now = council.clock.now();
  switch (audience.kind) {
    case 'projector':
      return shared ?? projectorView(council.sqlite, now);
    case 'control':
      return controlView(council.sqlite, now);
    case 'member':
      return memberView(council.sqlite, audience.memberId, now, shared);
    default:
      return audience satisfies never;
  }
}

/** The longest a change waits for others to be sent with it. */
export const FLUSH_MS = 20;

export function createLive(council: Council): Live {
  const subscribers = new Map<ServerResponse, Audience>();
  let pending = false;
  const send = (res: ServerResponse, view: unknown): void => void res.write(`data: ${JSON.stringify(view)}\n\n`);
  const flush = (): void => {
    pending = false;
    if (subscribers.size === 0) return;
    lastFlush = Date.now();
    const shared = projectorView(council.sqlite, council.clock.now());
    let control: unknown;
    let members: MemberContext | undefined;
    let sharedJson: string | undefined;
    for (const [res, audience] of subscribers) {
      if (audience.kind === 'control') send(res, (control ??= viewFor(council, audience)));
      else if (audience.kind === 'member') {
        // The shared part is serialised once; each member's own part goes in front of it.
        members ??= memberContext(council.sqlite, council.clock.now(), shared);
        const own = memberViewIn(members, audience.memberId);
        res.write(`data: {"me":${JSON.stringify(own.me)},"mine":${JSON.stringify(own.mine)},${(sharedJson ??= JSON.stringify(shared).slice(1))}\n\n`);
      } else res.write(`data: {${(sharedJson ??= JSON.stringify(shared).slice(1))}\n\n`);
    }
  };
  let lastFlush = 0;
  const stop = council.onChange(() => {
    if (pending) return;
    pending = true;
    const wait = Math.max(0, lastFlush + FLUSH_MS - Date.now());
    if (wait === 0) setImmediate(flush);
    else setTimeout(flush, wait);
  });
  // A comment line now and then keeps proxies and tablets from dropping an idle stream.
  const ping = setInterval(() => {
    for (const res of subscribers.keys()) res.write(': ping\n\n');
  }, 20_000);
  ping.unref();
  return {
    subscribe(res, audience) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      res.write('retry: 1000\n\n');
      send(res, viewFor(council, audience));
      subscribers.set(res, audience);
      res.on('close', () => subscribers.delete(res));
    },
    close() {
      stop();
      clearInterval(ping);
      for (const res of subscribers.keys()) res.end();
      subscribers.clear();
    },
  };
}
