// A voting computer in a process of its own, for the no-trace test: its heap then holds only
// what the app holds. Commands arrive over IPC; card bytes come base64-encoded, so the
// child never holds anything of the vote that the app did not make itself.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import { fromBase64 } from '@ovs/crypto';
import { SimulatedCard } from '@ovs/devices';
import { memoryLog, readerReady, startVotingComputer, type LogLine, type SimulatedDevices, type VotingComputerHandle } from '../src/index.ts';

type Command =
  | { cmd: 'start'; packageDir: string; organiserPublicKey: string }
  | { cmd: 'insert'; card: string }
  | { cmd: 'remove' }
  | { cmd: 'settle' }
  | { cmd: 'ticket' }
  | { cmd: 'inspect' }
  | { cmd: 'snapshot' }
  | { cmd: 'stop' };

let handle: VotingComputerHandle<SimulatedDevices> | undefined;
const lines: LogLine[] = [];

async function run(c: Command): Promise<unknown> {
  switch (c.cmd) {
    case 'start': {
      const r = await startVotingComputer({ packageDir: c.packageDir, organiserPublicKey: fromBase64(c.organiserPublicKey)!, station: 1, log: memoryLog(lines) });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      handle = r.handle;
      await readerReady(handle.devices.cardReader);
      return { url: handle.url };
    }
    case 'insert':
      // A heap snapshot stalls this process long enough for the reader's link to drop.
      await readerReady(handle!.devices.cardReader);
      handle!.devices.cardReader.terminal.insert(SimulatedCard.initialised(fromBase64(c.card)!));
      return {};
    case 'remove':
      handle!.devices.cardReader.terminal.remove();
      return {};
    case 'settle':
      await handle!.computer.settle();
      return {};
    case 'ticket': {
      // The ballot leaves with the voter: the simulated paper goes to the test and is gone here.
      const tickets = handle!.devices.printer.tickets.splice(0);
      return { png: tickets.map((t) => t.png().toString('base64')) };
    }
    case 'inspect':
      return { state: handle!.computer.inspect(), log: lines };
    case 'snapshot': {
      const dir = await mkdtemp(join(tmpdir(), 'ovs-heap-'));
      // Taking a snapshot collects garbage first: what is in it is what the process still holds.
      return { path: v8.writeHeapSnapshot(join(dir, 'voting-computer.heapsnapshot'), { exposeNumericValues: true }) };
    }
    case 'stop':
      await handle?.stop();
      return {};
    default:
      return c satisfies never;
  }
}

process.on('message', (message: { id: number; command: Command }) => {
  run(message.command).then(
    (result) => process.send?.({ id: message.id, ok: true, result }),
    (e: unknown) => process.send?.({ id: message.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
});
process.send?.({ ready: true });
