// The alarm's way to the president's console (HARDWARE.md "Alarm"): a POST of the signed alarm
// (@ovs/link vc-alarm.ts) to the console's link listener on the station's own network. A console
// that does not answer changes nothing here: the alarm sounds and shows on this machine anyway.
import { VC_ALARM_PATH } from '@ovs/link';
import type { ConsoleAlarms } from './voting-computer.ts';

export function consoleAlarms(consoleUrl: string, machine: string, timeoutMs = 5000): ConsoleAlarms {
  return {
    machine,
    async send(bytes) {
      try {
        const r = await fetch(new URL(VC_ALARM_PATH, consoleUrl), { method: 'POST', body: Buffer.from(bytes), headers: { 'content-type': 'application/octet-stream' }, signal: AbortSignal.timeout(timeoutMs) });
        return r.status === 204;
      } catch {
        return false;
      }
    },
  };
}
