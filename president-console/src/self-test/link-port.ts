// The port for the ballot box's cable (HARDWARE.md, "President console: link to the ballot
// box"): the console's link server answers on its address, and the network port that holds
// that address has a cable with the other end powered (the kernel's carrier flag). Before the
// envelope password the link server has no key: it answers every request "not ready", which is
// exactly what proves it listens. Nothing authenticated is exchanged in a test.
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { LINK_PATH } from '@ovs/link';
import type { SelfTestCheck } from '@ovs/devices';
import { check } from './report.ts';

export type Carrier = 'up' | 'down' | 'unknown';

export interface LinkPortProbes {
  /** POSTs an empty frame to the link server; the HTTP status, or undefined without an answer. */
  answer(url: string): Promise<number | undefined>;
  /** The network interface that holds `address`, if any. */
  interfaceOf(address: string): string | undefined;
  /** Whether a cable is in that interface with the other end powered. */
  carrier(iface: string): Promise<Carrier>;
}

export const realLinkProbes: LinkPortProbes = {
  answer: (url) =>
    new Promise((resolve) => {
      const req = request(`${url}${LINK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(undefined));
      req.end();
    }),
  interfaceOf(address) {
    for (const [name, addresses] of Object.entries(networkInterfaces())) if (addresses?.some((a) => a.address === address)) return name;
    return undefined;
  },
  async carrier(iface) {
    try {
      const flag = (await readFile(`/sys/class/net/${iface}/carrier`, 'utf8')).trim();
      return flag === '1' ? 'up' : flag === '0' ? 'down' : 'unknown';
    } catch {
      return 'unknown';
    }
  },
};

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function checkLinkPort(linkUrl: string, probes: LinkPortProbes = realLinkProbes): Promise<SelfTestCheck[]> {
  const host = new URL(linkUrl).hostname.replace(/^\[|\]$/g, '');
  const status = await probes.answer(linkUrl);
  // An error frame ("malformed") for the empty body: any answer of the link server shows it listens.
  const out = [
    status === undefined
      ? check('link-listen', 'Poort voor de stembus luistert', 'fail', `geen antwoord op ${host}: herstart de voorzitterscomputer; lukt het niet, verwittig de technische ondersteuning`)
      : check('link-listen', 'Poort voor de stembus luistert', 'pass', `antwoordt op ${new URL(linkUrl).host}`),
  ];
  if (LOOPBACK.has(host)) {
    out.push(check('link-cable', 'Kabel naar de stembus', 'pass', 'simulatie: de stembus zit op dezelfde computer, er is geen kabel'));
    return out;
  }
  const iface = probes.interfaceOf(host);
  if (!iface) {
    out.push(check('link-cable', 'Kabel naar de stembus', 'fail', `geen netwerkpoort heeft het adres ${host}: kijk de netwerkinstellingen na (HARDWARE.md)`));
    return out;
  }
  const carrier = await probes.carrier(iface);
  switch (carrier) {
    case 'up':
      out.push(check('link-cable', 'Kabel naar de stembus', 'pass', `kabel aangesloten op ${iface}, de stembus staat aan`));
      break;
    case 'down':
      out.push(check('link-cable', 'Kabel naar de stembus', 'fail', `geen verbinding op ${iface}: sluit de kabel aan en zet de stembus aan`));
      break;
    case 'unknown':
      out.push(check('link-cable', 'Kabel naar de stembus', 'operator', `kijk of het lampje van netwerkpoort ${iface} brandt met de stembus aan`));
      break;
    default:
      carrier satisfies never;
  }
  return out;
}
