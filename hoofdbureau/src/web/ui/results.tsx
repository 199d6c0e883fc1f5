import { useEffect, useState } from 'preact/hooks';
import { api, type ResultsDoc } from './api.ts';
import { useCan } from './can.ts';

export function ResultsPage({ version }: { version: number }) {
  const can = useCan();
  const [doc, setDoc] = useState<ResultsDoc | null>(null);
  useEffect(() => {
    void api.results().then(setDoc);
  }, [version]);
  if (!doc) return <p>Laden…</p>;
  return (
    <>
      <section>
        <p>
          {doc.complete ? <b>Alle {doc.stationsExpected} stembureaus zijn ingelezen: eindresultaat.</b> : <b class="muted">Tussentijds resultaat: {doc.stationsImported} van {doc.stationsExpected} stembureaus ingelezen.</b>}{' '}
          {can('pv.print') && <a href="/pv.pdf">Proces-verbaal (PDF)</a>}
          {can('results.export') && (
            <>
              {' · '}
              <a href="/resultaten.csv">CSV</a> · <a href="/resultaten.json">JSON</a> · <a href="/eml510.xml">EML 510</a>
            </>
          )}
        </p>
      </section>
      {doc.elections.map((e) => (
        <section key={e.id} data-election={e.id}>
          <h2>{e.title}</h2>
          <p>
            {e.ballots} stembiljetten, {e.blank} blanco; {e.seats} zetels ({e.method === 'imperiali' ? 'Imperiali' : "D'Hondt"}){!e.allocatesSeats && ' — indicatief: de zetels verdeelt het provinciedistrictshoofdbureau'}
          </p>
          {!e.seatAllocation.ok && <div class="problem">{e.seatAllocation.message}</div>}
          <table>
            <thead>
              <tr>
                <th>Lijst</th>
                <th class="n">Stemcijfer</th>
                <th class="n">Zetels</th>
                <th>{doc.complete ? 'Verkozen (in volgorde)' : 'Voorlopig verkozen (in volgorde)'}</th>
                <th>Opvolgers</th>
              </tr>
            </thead>
            <tbody>
              {e.lists.map((l) => {
                const elected = l.candidates.filter((c) => c.elected !== null).sort((a, b) => a.elected! - b.elected!);
                const subs = l.candidates.filter((c) => c.substitute !== null).sort((a, b) => a.substitute! - b.substitute!);
                return (
                  <tr key={l.number} data-list={l.number}>
                    <td>
                      {l.number}. {l.name}
                    </td>
                    <td class="n">{l.stemcijfer}</td>
                    <td class="n" data-testid={`seats-${e.id}-${l.number}`}>
                      {l.seats ?? '—'}
                    </td>
                    <td>{elected.map((c) => `${c.name} (${c.preferenceVotes} ${c.preferenceVotes === 1 ? 'naamstem' : 'naamstemmen'})`).join(', ')}</td>
                    <td class="muted">{subs.slice(0, 3).map((c) => c.name).join(', ')}{subs.length > 3 ? ', …' : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {e.initiatiefrecht.applies && (
            <>
              <h3>Initiatiefrecht (DLB art. 5 §3)</h3>
              {e.initiatiefrecht.ok ? (
                <ol data-testid={`initiatiefrecht-${e.id}`}>
                  {e.initiatiefrecht.holders.map((h) => (
                    <li key={h.order}>
                      {h.name} — lijst {h.list} {h.listName} ({h.preferenceVotes} naamstemmen)
                    </li>
                  ))}
                </ol>
              ) : (
                <div class="problem">{e.initiatiefrecht.message}</div>
              )}
            </>
          )}
        </section>
      ))}
      <section>
        <h2>Publicatie (regel van 500 kiezers)</h2>
        <table>
          <tbody>
            {doc.publication.units.map((u) => (
              <tr key={u.stations.join('+')}>
                <td>{u.deelgebied}</td>
                <td>stembureau {u.stations.join(' + ')}</td>
                <td class="n">{u.voted} kiezers</td>
                <td>{u.published ? 'gepubliceerd' : 'niet apart gepubliceerd (minder dan 500 kiezers)'}</td>
              </tr>
            ))}
            {doc.publication.deelgebieden.map((d) => (
              <tr key={d.deelgebied}>
                <td>{d.deelgebied}</td>
                <td>heel het deelgebied</td>
                <td class="n">{d.voted} kiezers</td>
                <td>{d.published ? 'gepubliceerd' : d.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
