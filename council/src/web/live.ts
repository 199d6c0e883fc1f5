// Live updates over Server-Sent Events: every screen holds one stream and gets its whole view
// again after every change (a vote, a close, a pointer move). Changes that come together are
// sent together (one flush per turn of the event loop), and the projector's view, which every
// member's view contains, is computed once per flush.
import type { ServerResponse } from 'node:http';
import type { Council } from '../council.ts';
import { controlView, memberView, projectorView, type ProjectorView } from '../views.ts';

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

export function createLive(council: Council): Live {
  const subscribers = new Map<ServerResponse, Audience>();
  let pending = false;
  const send = (res: ServerResponse, view: unknown): void => void res.write(`data: ${JSON.stringify(view)}\n\n`);
  const flush = (): void => {
    pending = false;
    if (subscribers.size === 0) return;
    const shared = projectorView(council.sqlite, council.clock.now());
    let control: unknown;
    for (const [res, audience] of subscribers) {
      if (audience.kind === 'control') send(res, (control ??= viewFor(council, audience)));
      else send(res, viewFor(council, audience, shared));
    }
  };
  const stop = council.onChange(() => {
    if (pending) return;
    pending = true;
    setImmediate(flush);
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
