// The PV's lines about the devices and cards of the day (issue 20): the voting computers in use
// against one per 180 voters (decree art. 10), new cards without an annulment and test cards
// during voting with their reasons (art. 17 §2; seed 002 II.C.3.1 pt 5, II.C.4.1), the president's
// overrides of the voting hours (art. 15), the copies for the college of experts (art. 12) and
// the voting computers' alarms. Events about one voter carry their hour only, and so do these lines.
import { HOURS_OVERRIDE_NAMES, REPLACEMENT_REASON_NAMES, TEST_CARD_REASON_NAMES, VC_ALARM_NAMES } from '@ovs/stick';
import type { ReportData } from '../core/report-data.ts';
import { time } from './format.ts';
import type { Block } from './model.ts';

const hour = (iso: string): string => `${time(iso).slice(0, 2)} u`;

export function dayLines(d: ReportData): Block[] {
  const v = d.counters.votingComputers;
  const blocks: Block[] = [
    { kind: 'heading', text: '12. Toestellen, kaarten en bezoeken' },
    { kind: 'line', label: 'Stemcomputers in gebruik', value: `${v.inUse} (nodig: ${v.needed} voor ${v.registeredVoters} kiezers, art. 10)` },
  ];
  if (v.inUse < v.needed) blocks.push({ kind: 'text', text: `Minder stemcomputers dan één per 180 ingeschreven kiezers: de voorzitter verklaart waarom.` });
  // Only these five kinds of record add lines here; every other one has its own section of the PV.
  for (const e of d.events) {
    if (e.type === 'voter-card' && e.reason !== undefined) blocks.push({ kind: 'line', label: `Nieuwe kaart zonder annulering (${hour(e.at)})`, value: REPLACEMENT_REASON_NAMES[e.reason] });
    else if (e.type === 'test-card' && e.reason !== undefined) blocks.push({ kind: 'line', label: `Testkaart tijdens de stemming (${hour(e.at)})`, value: TEST_CARD_REASON_NAMES[e.reason] });
    else if (e.type === 'hours-override') blocks.push({ kind: 'line', label: `Stemuren: ${HOURS_OVERRIDE_NAMES[e.moment]}`, value: time(e.at) }, { kind: 'text', text: e.note });
    else if (e.type === 'expert-copy') {
      blocks.push(
        { kind: 'line', label: `Kopie voor de deskundige (${time(e.at)})`, value: e.expert },
        { kind: 'text', text: `${e.files} bestanden${e.ballots ? ', met de stembiljetten (na de afsluiting)' : ', zonder de stembiljetten (tijdens de dag)'}. ${e.note}` },
      );
    } else if (e.type === 'vc-alarm') blocks.push({ kind: 'line', label: `Alarm ${e.machine} (${hour(e.at)})`, value: VC_ALARM_NAMES[e.kind] });
  }
  return blocks;
}
