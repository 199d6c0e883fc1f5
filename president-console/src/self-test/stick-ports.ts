// The two USB ports for the sticks, tested with whatever stick the technician put in: can the
// console read it, write it, is there room. Never written on: a stick that holds a polling
// station's data (a session, its log, its secrets or its closing) — the port is then reported
// as not tested for writing, with what to do. A blank prepared stick, or any stick without
// voting data, gets the same probe file the console writes when a stick is inserted.
import { FILES, inspectStickFiles, readStickFiles, type StickIo, type StickPort } from '@ovs/stick';
import type { SelfTestCheck, SelfTestPhase } from '@ovs/devices';
import { PORTS, type StickSource } from '../sticks/stick-source.ts';
import { MIN_FREE_BYTES } from '../sticks/stick-status.ts';
import { check } from './report.ts';

/** Files that exist only once a polling station has used the stick. */
const STATION_DATA = [FILES.sessionJson, FILES.events, FILES.secrets, FILES.closingJson] as const;

export interface StickPortOptions {
  phase: SelfTestPhase;
  station: number;
  organiserPublicKey: Uint8Array;
}

const mb = (bytes: number): string => `${Math.floor(bytes / (1024 * 1024))} MB`;

async function holdsStationData(io: StickIo): Promise<boolean | 'unreadable'> {
  for (const f of STATION_DATA) {
    const e = await io.exists(f);
    if (!e.ok) return 'unreadable';
    if (e.value) return true;
  }
  return false;
}

/** What the stick is, in words, and whether it is a blank stick prepared for this station. */
async function describe(io: StickIo, station: number, organiserPublicKey: Uint8Array): Promise<{ text: string; ownBlank: boolean }> {
  const label = await io.exists(FILES.label);
  if (!label.ok || !label.value) return { text: 'geen stemstick (niet voorbereid door het hoofdbureau)', ownBlank: false };
  const read = await readStickFiles(io);
  if (!read.ok) return { text: `stemstick, maar ${read.error.file} is onleesbaar`, ownBlank: false };
  const inspected = inspectStickFiles(read.value, { organiserPublicKey });
  if (!inspected.ok) return { text: `stemstick, beschadigd of van een andere organisator (${inspected.error.message})`, ownBlank: false };
  const s = inspected.value;
  const state = s.closing ? 'afgesloten' : s.session ? 'in gebruik' : 'leeg';
  const own = s.station.number === station;
  return { text: `stemstick voor stembureau ${s.station.name}${own ? '' : ' (een ander stembureau)'}, ${state}`, ownBlank: own && !s.session && !s.closing };
}

async function portChecks(sticks: StickSource, port: StickPort, o: StickPortOptions): Promise<SelfTestCheck[]> {
  const id = (what: string): string => `stick-${port}-${what}`;
  const presence = await sticks.presence(port);
  if (presence.kind === 'absent') return [check(id('present'), `Stick in poort ${port}`, 'fail', `geen stick gevonden: steek een stick in de poort met label ${port} en test opnieuw`)];
  const io = sticks.io(port);
  try {
    const out = [check(id('present'), `Stick in poort ${port}`, 'pass', `gevonden op ${presence.path}`)];
    const data = await holdsStationData(io);
    if (data === 'unreadable') {
      out.push(check(id('read'), 'Leesbaar', 'fail', 'de stick kan niet gelezen worden: probeer een andere stick; lukt het niet, dan is de poort defect'));
      return out;
    }
    const what = await describe(io, o.station, o.organiserPublicKey);
    out.push(check(id('read'), 'Leesbaar', 'pass', what.text));
    if (data) {
      out.push(check(id('write'), 'Beschrijfbaar', 'fail', 'niet getest: deze stick bevat gegevens van een stembureau en daarop wordt niets geschreven; test de poort met een lege stick'));
    } else {
      const probe = await io.probeWritable();
      if (probe.ok) out.push(check(id('write'), 'Beschrijfbaar', 'pass', 'proefbestand geschreven, weggeschreven (fsync) en verwijderd'));
      else if (probe.error.code === 'read-only') out.push(check(id('write'), 'Beschrijfbaar', 'fail', 'alleen-lezen: zet het schuifje op de stick op schrijven'));
      else out.push(check(id('write'), 'Beschrijfbaar', 'fail', `schrijven mislukt (${probe.error.code})`));
    }
    const free = await io.freeBytes();
    if (!free.ok) out.push(check(id('room'), 'Vrije ruimte', 'fail', `onbekend (${free.error.code})`));
    else out.push(check(id('room'), 'Vrije ruimte', free.value >= MIN_FREE_BYTES ? 'pass' : 'fail', `${mb(free.value)} vrij, ${mb(MIN_FREE_BYTES)} nodig`));
    // Fase 2 is run with the station's own two blank sticks (HARDWARE.md).
    if (o.phase === 'fase-2') out.push(check(id('own'), 'Lege stick van dit stembureau', what.ownBlank ? 'pass' : 'fail', what.ownBlank ? 'klaar (nieuw)' : 'gebruik voor fase 2 de twee lege sticks van dit stembureau'));
    return out;
  } finally {
    await io.close();
  }
}

export async function checkStickPorts(sticks: StickSource, o: StickPortOptions): Promise<SelfTestCheck[]> {
  const out: SelfTestCheck[] = [];
  for (const port of PORTS) out.push(...(await portChecks(sticks, port, o)));
  return out;
}
