// The demo meeting (`council serve --demo`, the tests, the benchmark): the gemeenteraad of the
// demo municipality Vlindermeer, 31 members in four fractions, a voorzitter and a secretariat
// account, and five agenda items with a ballot each — public, secret, weighted through the
// fraction leaders, an appointment between candidates, and a two-thirds vote.
import { err, ok, type Result } from '@ovs/basics';
import type { Ballot, Member } from '@ovs/council-rules';
import type { ScryptParams } from '@ovs/crypto';
import { createAccount } from './accounts.ts';
import type { Council } from './council.ts';
import type { Actor } from './roles.ts';

const FIRST = ['Els', 'Jan', 'An', 'Pieter', 'Sofie', 'Koen', 'Lotte', 'Bram', 'Nele', 'Wim', 'Hanne', 'Tom', 'Inge', 'Dries', 'Fien', 'Stijn'];
const LAST = ['Van Damme', 'Peeters', 'Claes', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Goossens', 'Wouters', 'De Smet', 'Dubois', 'Hermans', 'Aerts', 'Lambrechts', 'Verhoeven', 'Janssens'];
export const DEMO_FRACTIONS: Array<[string, number]> = [
  ['Groen Dorp', 12],
  ['Samen Verder', 9],
  ['Open Gemeente', 6],
  ['Nieuw Links', 4],
];

export function demoMembers(): Member[] {
  const out: Member[] = [];
  let n = 0;
  for (const [fraction, size] of DEMO_FRACTIONS) {
    for (let i = 0; i < size; i++) {
      out.push({ id: `m${String(n + 1).padStart(2, '0')}`, name: `${FIRST[n % FIRST.length]} ${LAST[(n * 7) % LAST.length]}`, fraction, weight: 1, present: true, leader: i === 0 });
      n++;
    }
  }
  return out;
}

export const DEMO_SETUP: Actor = { username: 'secretariaat', name: 'Secretariaat', role: 'secretariaat', memberId: null };

export const demoBallots = (): Array<{ item: { title: string; description: string }; ballot: Ballot }> => [
  {
    item: { title: 'Goedkeuring van de notulen van de vorige zitting', description: 'De notulen van de zitting van 18 november.' },
    ballot: { title: 'Goedkeuring notulen', description: 'Keurt de raad de notulen van de vorige zitting goed?', choices: { kind: 'standaard' }, secret: false, majority: 'gewoon', counting: 'hoofdelijk', delegation: 'individueel' },
  },
  {
    item: { title: 'Aanduiding van een vertegenwoordiger in de algemene vergadering van de intercommunale', description: 'Eén mandaat; geheime stemming (art. 34 DLB).' },
    ballot: {
      title: 'Vertegenwoordiger algemene vergadering',
      description: 'Kies één kandidaat.',
      choices: {
        kind: 'kandidaten',
        maxChoices: 1,
        candidates: [
          { id: 'k1', name: 'Sofie Jacobs', birthDate: '1979-04-12' },
          { id: 'k2', name: 'Koen Mertens', birthDate: '1968-09-30' },
          { id: 'k3', name: 'Lotte Willems', birthDate: '1990-01-05' },
        ],
      },
      secret: true,
      majority: 'gewoon',
      counting: 'hoofdelijk',
      delegation: 'individueel',
    },
  },
  {
    item: { title: 'Aanpassing van het meerjarenplan', description: 'Stemming per fractie, gewogen naar de aanwezige leden.' },
    ballot: { title: 'Aanpassing meerjarenplan', description: 'De fractievoorzitters stemmen voor hun fractie.', choices: { kind: 'standaard' }, secret: false, majority: 'gewoon', counting: 'gewogen', delegation: 'fractie' },
  },
  {
    item: { title: 'Benoeming van de algemeen directeur', description: 'Geheime stemming over de voorgedragen kandidaat.' },
    ballot: { title: 'Benoeming algemeen directeur', description: 'Benoemt de raad de voorgedragen kandidaat?', choices: { kind: 'standaard' }, secret: true, majority: 'gewoon', counting: 'hoofdelijk', delegation: 'individueel' },
  },
  {
    item: { title: 'Wijziging van het huishoudelijk reglement', description: 'Het reglement vraagt een tweederdemeerderheid.' },
    ballot: { title: 'Wijziging huishoudelijk reglement', description: 'Keurt de raad de wijziging goed?', choices: { kind: 'standaard' }, secret: false, majority: 'tweederde', counting: 'hoofdelijk', delegation: 'individueel' },
  },
];

export interface DemoAccount {
  username: string;
  password: string;
  role: Actor['role'];
  memberId: string | null;
  name: string;
}

/** Fills an empty council database with the demo meeting; returns the accounts with their passwords. */
export async function setUpDemo(council: Council, params?: ScryptParams): Promise<Result<DemoAccount[], string>> {
  if (council.sqlite.prepare('SELECT 1 FROM meeting').get()) return err('De databank bevat al een zitting: start de demo met een nieuwe databank.');
  council.setUpMeeting({ body: 'gemeenteraad', title: 'Gemeenteraad Vlindermeer', date: '2026-12-16' });
  const members = demoMembers();
  const set = council.setMembers(DEMO_SETUP, members);
  if (!set.ok) return err(set.error.message);
  for (const { item, ballot } of demoBallots()) {
    const i = council.addItem(DEMO_SETUP, { ...item, thirdConvocation: false });
    if (!i.ok) return err(i.error.message);
    const b = council.createBallot(DEMO_SETUP, i.value.id, ballot);
    if (!b.ok) return err(b.error.message);
  }
  const accounts: DemoAccount[] = [
    { username: 'voorzitter', password: 'demo-voorzitter', role: 'voorzitter', memberId: null, name: 'Voorzitter van de gemeenteraad' },
    { username: 'secretariaat', password: 'demo-secretariaat', role: 'secretariaat', memberId: null, name: 'Secretariaat' },
    ...members.map((m, i) => ({ username: `raadslid${String(i + 1).padStart(2, '0')}`, password: `demo-raadslid${String(i + 1).padStart(2, '0')}`, role: 'raadslid' as const, memberId: m.id, name: m.name })),
  ];
  for (const a of accounts) {
    const r = await createAccount(council.sqlite, a, params);
    if (!r.ok) return err(r.error.message);
  }
  return ok(accounts);
}
