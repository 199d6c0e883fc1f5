// Incidents and interruptions recorded by the polling stations, read back from the event logs
// stored with each import (their chain was verified at import), for the hoofdbureau's PV — and
// every difference between the voter cards issued and the ballots registered (card-balance.ts
// in @ovs/stick), which the station's president must explain.
import { fromHex } from '@ovs/crypto';
import { electionsForCategory } from '@ovs/election';
import { cardBalance, cardBalanceLine, INCIDENT_KIND_NAMES, incidentsOf, INTERRUPTION_REASON_NAMES, parseEventLog } from '@ovs/stick';
import type { HoofdbureauDb } from '../db/open-db.ts';

export interface StationIncident {
  station: number;
  text: string;
}


export function readIncidents(db: HoofdbureauDb): StationIncident[] {
  const rows = db.sqlite.prepare('SELECT station, events_log, closing_json FROM import WHERE events_log IS NOT NULL ORDER BY station').all() as Array<{
    station: number;
    events_log: Buffer;
    closing_json: Buffer;
  }>;
  const out: StationIncident[] = [];
  const election = db.pkg.election;
  for (const row of rows) {
    const closing = JSON.parse(row.closing_json.toString('utf8')) as { sessionId: string; registeredPerElection: Record<string, number> };
    const sessionId = fromHex(closing.sessionId);
    if (!sessionId) continue;
    const log = parseEventLog(new Uint8Array(row.events_log), sessionId, undefined);
    if (!log.ok) continue;
    for (const e of incidentsOf(log.value.events)) out.push({ station: row.station, text: `${INCIDENT_KIND_NAMES[e.kind]}: ${e.description}` });
    for (const e of log.value.events) {
      if (e.type === 'interruption') out.push({ station: row.station, text: `onderbreking: stick ${e.stick} ${INTERRUPTION_REASON_NAMES[e.reason]}` });
    }
    // One koppelticket and one pairing is the normal day; more is normal after a restart, and
    // otherwise the sign of a copy of the ticket in another device's hands: the PV says so.
    const printed = log.value.events.filter((e) => e.type === 'pairing-printed').length;
    const paired = log.value.events.filter((e) => e.type === 'box-paired').length;
    if (printed > 1 || paired > 1) out.push({ station: row.station, text: `koppeling van de stembus: ${printed} koppeltickets afgedrukt, ${paired} koppelingen (na te gaan in het proces-verbaal van het stembureau)` });
    const electionsOf = (category: string): string[] => electionsForCategory(election, row.station, category).map((e) => e.id);
    for (const b of cardBalance(log.value.events, closing.registeredPerElection, electionsOf)) {
      if (b.difference === 0) continue;
      const title = election.elections.find((e) => e.id === b.election)?.title ?? b.election;
      out.push({ station: row.station, text: `${cardBalanceLine(b, title)} De voorzitter van het stembureau moet dit verschil verklaren.` });
    }
  }
  return out;
}
