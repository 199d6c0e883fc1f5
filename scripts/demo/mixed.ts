// `npm start -- --mixed`: the demo as a mixed municipality (seed 001 §XII): polling station 1
// votes digitally as always, while stations 10–12 (Lentebeek) vote on paper and are counted by
// telbureau G1 (gemeenteraad) and P1 (provincieraad). The hoofdbureau is configured for it,
// two typists get an account, and the page shows the two paper tables the telbureaus handed in,
// drawn up from random paper ballots, to be typed in twice under "tabellen van telbureaus invoeren".
import { SeededRandom } from '@ovs/crypto';
import { candidateDisplayName } from '@ovs/election';
import { createAccount, temporaryPassword, type RunningHoofdbureau } from '@ovs/hoofdbureau';
import { paperTable, randomPaperBallots } from '@ovs/hoofdbureau/testing';
import { fieldLabel, tableFields } from '@ovs/paper-count';
import type { PaperDemoView } from './types.ts';

export const MIXED_PAPER_STATIONS = [10, 11, 12];

export async function setUpMixedDemo(hb: RunningHoofdbureau, voorzitter: string): Promise<PaperDemoView> {
  const h = hb.hoofdbureau;
  const chair = { username: voorzitter, name: 'Voorzitter van het hoofdbureau (demo)', role: 'voorzitter' as const };
  const configured = h.paper.configure(chair, {
    paperStations: MIXED_PAPER_STATIONS,
    telbureaus: [
      { series: 'G', number: 1, stations: MIXED_PAPER_STATIONS },
      { series: 'P', number: 1, stations: MIXED_PAPER_STATIONS },
    ],
  });
  if (!configured.ok) throw new Error(configured.error.message);
  const typists = [];
  for (const n of [1, 2]) {
    const login = { username: `invoerder-${n}`, password: temporaryPassword() };
    const made = await createAccount(h.db.sqlite, { username: login.username, name: `Invoerder ${n} (demo)`, role: 'invoerder' }, 'virtueel stembureau (demo)', { params: hb.staff.kdf, fixedPassword: login.password });
    if (!made.ok) throw new Error(made.error.message);
    typists.push(login);
  }
  // Fixed seed: the same two tables at every start, so the demo can be followed from a script.
  const random = new SeededRandom('demo/telbureaus');
  const tables = h.db.pkg.election.elections
    .filter((e) => e.kind === 'gemeenteraad' || e.kind === 'provincieraad')
    .map((e) => {
      const series = e.kind === 'provincieraad' ? 'P' : 'G';
      const registered = h.db.pkg.election.pollingStations.filter((s) => MIXED_PAPER_STATIONS.includes(s.number)).reduce((sum, s) => sum + s.registeredVoters, 0);
      const table = paperTable(e, randomPaperBallots(e, Math.round(registered * (e.kind === 'provincieraad' ? 0.85 : 0.88)), random));
      // The labels as the entry screen shows them, candidate names included.
      const fields = tableFields(table).map(([k, v]): [string, string, number] => {
        const m = /^list\.(\d+)\.candidate\.(\d+)$/.exec(k);
        const c = m ? e.lists.find((l) => l.number === Number(m[1]))?.candidates.find((x) => x.position === Number(m[2])) : undefined;
        return [k, c ? `${fieldLabel(k)} (${candidateDisplayName(c)})` : fieldLabel(k), v];
      });
      return { telbureau: `${series}1`, election: e.id, title: e.title, fields };
    });
  return { telbureaus: ['G1', 'P1'], stations: MIXED_PAPER_STATIONS, typists, tables };
}
