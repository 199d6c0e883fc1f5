// Results as CSV in long form — one number per row — so a spreadsheet or a newsroom script can
// filter and pivot without knowing the number of lists or candidates:
//   niveau,eenheid,verkiezing,lijst,lijstnaam,positie,kandidaat,grootheid,waarde
// niveau: gemeente (totals, seats, elected), publicatie-eenheid (a polling station with at least
// 500 voters, or merged stations of one deelgebied) and deelgebied. Withheld units get no rows.
import type { ResultsDoc, TallyView } from './compute.ts';

export const CSV_HEADER = ['niveau', 'eenheid', 'verkiezing', 'lijst', 'lijstnaam', 'positie', 'kandidaat', 'grootheid', 'waarde'] as const;

const cell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function resultsCsv(doc: ResultsDoc): string {
  const rows: Array<Array<string | number | null>> = [];
  const add = (niveau: string, eenheid: string, verkiezing: string | null, lijst: number | null, lijstnaam: string | null, positie: number | null, kandidaat: string | null, grootheid: string, waarde: number | string) =>
    rows.push([niveau, eenheid, verkiezing, lijst, lijstnaam, positie, kandidaat, grootheid, waarde]);

  const gemeente = doc.municipality.name;
  add('gemeente', gemeente, null, null, null, null, null, 'stembureaus-verwacht', doc.stationsExpected);
  add('gemeente', gemeente, null, null, null, null, null, 'stembureaus-ingelezen', doc.stationsImported);
  add('gemeente', gemeente, null, null, null, null, null, 'volledig', doc.complete ? 'ja' : 'nee (tussentijds resultaat)');
  for (const e of doc.elections) {
    add('gemeente', gemeente, e.id, null, null, null, null, 'stembiljetten', e.ballots);
    add('gemeente', gemeente, e.id, null, null, null, null, 'blanco', e.blank);
    if (e.paperStations > 0) add('gemeente', gemeente, e.id, null, null, null, null, 'ongeldig', e.invalid);
    for (const l of e.lists) {
      add('gemeente', gemeente, e.id, l.number, l.name, null, null, 'stemcijfer', l.stemcijfer);
      add('gemeente', gemeente, e.id, l.number, l.name, null, null, 'alleen-lijststem', l.topBoxOnly);
      add('gemeente', gemeente, e.id, l.number, l.name, null, null, 'met-naamstemmen', l.withCandidates);
      add('gemeente', gemeente, e.id, l.number, l.name, null, null, 'lijststem-en-naamstemmen', l.topBoxAndCandidates);
      if (l.seats !== null) add('gemeente', gemeente, e.id, l.number, l.name, null, null, e.allocatesSeats ? 'zetels' : 'zetels-indicatief', l.seats);
      for (const c of l.candidates) {
        add('gemeente', gemeente, e.id, l.number, l.name, c.position, c.name, 'naamstemmen', c.preferenceVotes);
        if (c.elected !== null) add('gemeente', gemeente, e.id, l.number, l.name, c.position, c.name, 'verkozen-rang', c.elected);
        if (c.substitute !== null) add('gemeente', gemeente, e.id, l.number, l.name, c.position, c.name, 'opvolger-rang', c.substitute);
      }
    }
    if (e.initiatiefrecht.applies && e.initiatiefrecht.ok) {
      for (const h of e.initiatiefrecht.holders) add('gemeente', gemeente, e.id, h.list, h.listName, h.position, h.name, 'initiatiefrecht-rang', h.order);
    }
  }
  const unit = (niveau: string, eenheid: string, voted: number, results: TallyView[]) => {
    add(niveau, eenheid, null, null, null, null, null, 'kiezers', voted);
    for (const t of results) {
      const election = doc.elections.find((x) => x.id === t.election);
      add(niveau, eenheid, t.election, null, null, null, null, 'stembiljetten', t.ballots);
      add(niveau, eenheid, t.election, null, null, null, null, 'blanco', t.blank);
      for (const l of t.lists) {
        const list = election?.lists.find((x) => x.number === l.number);
        add(niveau, eenheid, t.election, l.number, list?.name ?? null, null, null, 'stemcijfer', l.stemcijfer);
        l.preferenceVotes.forEach((votes, i) => add(niveau, eenheid, t.election, l.number, list?.name ?? null, i + 1, list?.candidates[i]?.name ?? null, 'naamstemmen', votes));
      }
    }
  };
  for (const u of doc.publication.units) if (u.published && u.results) unit('publicatie-eenheid', `${u.deelgebied}: stembureau ${u.stations.join('+')}`, u.voted, u.results);
  for (const d of doc.publication.deelgebieden) if (d.published && d.results) unit('deelgebied', d.deelgebied, d.voted, d.results);
  // Paper stations are published per telbureau (seed 000), with their invalid ballots — under the
  // same 500-voter rule as the digital units: a smaller telbureau gets no rows.
  for (const tb of doc.publication.telbureaus) {
    if (Math.max(0, ...tb.tables.map((x) => x.figures?.ballots ?? 0)) < doc.publication.threshold) continue;
    const eenheid = `telbureau ${tb.id}: stembureau ${tb.stations.map((s) => s.number).join('+')}`;
    for (const x of tb.tables) {
      if (!x.figures) continue;
      const f = x.figures;
      unit('telbureau', eenheid, f.ballots, [{ election: x.election, ballots: f.valid + f.blank, blank: f.blank, lists: f.lists.map((l) => ({ number: l.number, stemcijfer: l.stemcijfer, preferenceVotes: l.preferenceVotes })) }]);
      add('telbureau', eenheid, x.election, null, null, null, null, 'ongeldig', f.invalid);
    }
  }
  return [CSV_HEADER.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\r\n') + '\r\n';
}
