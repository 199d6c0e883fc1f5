// "Tabellen van telbureaus invoeren" (seed 001 §XII): the telbureaus and their states, the
// voorzitter's linking of paper stations to telbureaus, the keyboard-first entry screen (digits
// only, Enter goes on, every field in the order of the paper table) and the voorzitter's screen
// with the two entries side by side. The checks' texts are @ovs/paper-count's, for the typist on
// the entry screen and for the voorzitter on his.
import { useEffect, useRef, useState } from 'preact/hooks';
import { CHECKS, emptyTable, fieldLabel, TOTAL_LABELS, tableFields, withFields, type Finding } from '@ovs/paper-count';
import { api, type EntryAnswer, type FieldKey, type PaperData, type Resolution, type TelbureauForm, type TelbureauReview } from './api.ts';
import { useCan } from './can.ts';

type FormElection = TelbureauForm['elections'][number];

const shapeOf = (e: FormElection) => ({ lists: e.lists.map((l) => ({ number: l.number, candidates: l.candidates.length })) });

/** The label of a field with the names the package gives. */
function labelOf(e: FormElection, key: FieldKey): string {
  if (key in TOTAL_LABELS) return TOTAL_LABELS[key as keyof typeof TOTAL_LABELS];
  const m = /^list\.(\d+)\.(stemcijfer|listOnly|candidate)(?:\.(\d+))?$/.exec(key);
  const list = m ? e.lists.find((l) => l.number === Number(m[1])) : undefined;
  if (!m || !list) return fieldLabel(key);
  if (m[2] === 'stemcijfer') return `Lijst ${list.number} ${list.name}: stemcijfer`;
  if (m[2] === 'listOnly') return `Lijst ${list.number} ${list.name}: stembiljetten met alleen een lijststem`;
  const c = list.candidates.find((x) => x.position === Number(m[3]));
  return `Lijst ${list.number}: ${m[3]}. ${c?.name ?? ''}`;
}

function Findings({ findings, who, e }: { findings: readonly Finding[]; who: 'typist' | 'voorzitter'; e?: FormElection }) {
  if (findings.length === 0) return null;
  return (
    <ul class="findings">
      {findings.map((f) => (
        <li key={f.code + f.detail} class={CHECKS[f.code].severity === 'fout' ? 'problem' : 'note'} data-code={f.code}>
          <b>
            {CHECKS[f.code].severity === 'fout' ? 'Fout' : 'Waarschuwing'} {f.code}: {CHECKS[f.code].title}
          </b>{' '}
          ({f.detail}
          {e && f.fields.length > 0 && f.fields.length <= 3 ? `; ${f.fields.map((k) => labelOf(e, k)).join(', ')}` : ''}). {CHECKS[f.code][who]}
        </li>
      ))}
    </ul>
  );
}

export function PaperPage({ version, me }: { version: number; me: string }) {
  const can = useCan();
  const [data, setData] = useState<PaperData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void api.paper(true).then(setData, (e: Error) => setError(e.message)), [version]);
  const lock = (id: string): void => void api.lock(id).then(() => api.paper().then(setData), (e: Error) => setError(e.message));
  if (!data) return error ? <div class="problem">{error}</div> : <p>Laden…</p>;
  return (
    <section>
      <h2>Tabellen van telbureaus invoeren</h2>
      {error && <div class="problem" role="alert">{error}</div>}
      {can('paper.configure') && (
        <p>
          <a href="#/telbureaus/koppelen">Telbureaus koppelen aan stembureaus</a>
        </p>
      )}
      {data.telbureaus.length === 0 && <p class="muted">Nog geen telbureaus: de voorzitter koppelt eerst de stembureaus die op papier stemmen aan hun telbureau.</p>}
      {data.unlinked.length > 0 && <div class="note">Nog niet gekoppeld: {data.unlinked.map((u) => `stembureau ${u.station} (telbureau ${u.series})`).join(', ')}.</div>}
      {data.telbureaus.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Telbureau</th>
              <th>Stembureaus (deelgebied)</th>
              <th>Tabellen</th>
              <th>In gebruik door</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.telbureaus.map((t) => (
              <tr key={t.telbureau.id} data-telbureau={t.telbureau.id}>
                <td>
                  <b>{t.telbureau.id}</b>
                  {t.telbureau.lockedAt && <span class="state ingelezen"> vergrendeld</span>}
                </td>
                <td>{t.telbureau.stations.map((s) => `${s.number} (${s.deelgebied})`).join(', ')}</td>
                <td>
                  {t.elections.map((e) => (
                    <div key={e.id}>
                      {e.title}: <span class={`state ${e.state === 'definitive' ? 'ingelezen' : e.state === 'different' || e.state === 'first-has-errors' ? 'probleem' : 'verwacht'}`}>{e.stateName}</span>
                      {e.codes.length > 0 && <span class="muted"> {e.codes.join(', ')}</span>}
                    </div>
                  ))}
                </td>
                <td>{t.claimedBy ?? '—'}</td>
                <td>
                  {can('paper.entry') && !t.telbureau.lockedAt && !t.complete && (t.claimedBy === null || t.claimedBy === me) && <a href={`#/telbureau/${t.telbureau.id}`}>{t.claimedBy === me ? 'Verder invoeren' : 'Invoeren'}</a>}
                  {can('paper.resolve') && (
                    <>
                      {' '}
                      <a href={`#/telbureau/${t.telbureau.id}/beslissen`}>Beslissen</a>
                    </>
                  )}
                  {can('paper.lock') && t.complete && !t.telbureau.lockedAt && (
                    <button class="small" onClick={() => lock(t.telbureau.id)}>
                      Vergrendelen
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function PaperConfigPage() {
  const [data, setData] = useState<PaperData | null>(null);
  const [rows, setRows] = useState<Record<number, { paper: boolean; G: string; P: string }>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(
    () =>
      void api.paper().then((d) => {
        setData(d);
        const init: typeof rows = {};
        for (const s of d.stations) {
          const g = d.telbureaus.find((t) => t.telbureau.series === 'G' && t.telbureau.stations.some((x) => x.number === s.number));
          const p = d.telbureaus.find((t) => t.telbureau.series === 'P' && t.telbureau.stations.some((x) => x.number === s.number));
          init[s.number] = { paper: d.paperStations.includes(s.number), G: g ? String(g.telbureau.number) : '', P: p ? String(p.telbureau.number) : '' };
        }
        setRows(init);
      }),
    [],
  );
  if (!data) return <p>Laden…</p>;
  const set = (n: number, patch: Partial<(typeof rows)[number]>): void => setRows({ ...rows, [n]: { ...rows[n]!, ...patch } });
  const save = async (): Promise<void> => {
    const paperStations = data.stations.filter((s) => rows[s.number]?.paper).map((s) => s.number);
    const groups = new Map<string, { series: 'G' | 'P'; number: number; stations: number[] }>();
    for (const n of paperStations) {
      for (const series of ['G', 'P'] as const) {
        const v = rows[n]![series];
        if (v === '') continue;
        const key = `${series}${v}`;
        const g = groups.get(key) ?? { series, number: Number(v), stations: [] };
        g.stations.push(n);
        groups.set(key, g);
      }
    }
    try {
      await api.configurePaper({ paperStations, telbureaus: [...groups.values()] });
      setMessage({ ok: true, text: 'De koppeling is opgeslagen.' });
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <section>
      <h2>Telbureaus koppelen aan stembureaus</h2>
      <p class="muted">
        Vink de stembureaus aan die op papier stemmen en geef het nummer van hun telbureau G (gemeenteraad) en P (provincieraad). Een telbureau telt in principe drie stembureaus,
        bij voorkeur van hetzelfde deelgebied. Een stembureau dat op papier stemt, kan niet met een stick ingelezen worden, en omgekeerd.
      </p>
      <table>
        <thead>
          <tr>
            <th>Nr.</th>
            <th>Stembureau</th>
            <th>Deelgebied</th>
            <th>Op papier</th>
            <th>Telbureau G</th>
            <th>Telbureau P</th>
          </tr>
        </thead>
        <tbody>
          {data.stations.map((s) => (
            <tr key={s.number} data-station={s.number}>
              <td>{s.number}</td>
              <td>{s.name}</td>
              <td>{s.deelgebied}</td>
              <td>
                <input type="checkbox" aria-label={`stembureau ${s.number} op papier`} checked={rows[s.number]?.paper ?? false} onChange={(e) => set(s.number, { paper: e.currentTarget.checked })} />
              </td>
              {(['G', 'P'] as const).map((series) => (
                <td key={series}>
                  <input
                    aria-label={`telbureau ${series} van stembureau ${s.number}`}
                    inputMode="numeric"
                    maxLength={3}
                    disabled={!rows[s.number]?.paper}
                    value={rows[s.number]?.[series] ?? ''}
                    onInput={(e) => set(s.number, { [series]: e.currentTarget.value.replace(/\D/g, '').slice(0, 3) })}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button class="primary" onClick={() => void save()}>
          Koppeling opslaan
        </button>
      </p>
      {message && (
        <div class={message.ok ? 'good' : 'problem'} role="alert">
          {message.text}
        </div>
      )}
    </section>
  );
}

/** Digits only: any other key does nothing, a pasted text keeps its digits; Enter goes to the next field. */
function NumberField({ id, label, value, bad, onValue, onEnter }: { id: string; label: string; value: string; bad: boolean; onValue: (v: string) => void; onEnter: () => void }) {
  return (
    <label class={`field${bad ? ' bad' : ''}`}>
      <span>{label}</span>
      <input
        data-field={id}
        aria-label={label}
        aria-invalid={bad}
        inputMode="numeric"
        autoComplete="off"
        maxLength={6}
        value={value}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onEnter();
          } else if (e.key.length === 1 && !/[0-9]/.test(e.key) && !e.ctrlKey && !e.metaKey) e.preventDefault();
        }}
        onInput={(e) => {
          const digits = e.currentTarget.value.replace(/\D/g, '').slice(0, 6);
          e.currentTarget.value = digits;
          onValue(digits);
        }}
      />
    </label>
  );
}

function EntryForm({ telbureau, e, done }: { telbureau: string; e: FormElection; done: () => void }) {
  const keys = e.correct ?? tableFields(emptyTable(shapeOf(e))).map(([k]) => k);
  const [values, setValues] = useState<Record<FieldKey, string>>({});
  const [answer, setAnswer] = useState<EntryAnswer | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const root = useRef<HTMLFormElement>(null);
  const inputs = (): HTMLInputElement[] => [...(root.current?.querySelectorAll<HTMLInputElement>('input[data-field]') ?? [])];
  useEffect(() => inputs()[0]?.focus(), [e.state, e.correct?.join()]);
  const next = (key: FieldKey): void => {
    const all = inputs();
    const i = all.findIndex((x) => x.dataset.field === key);
    if (i >= 0 && i + 1 < all.length) all[i + 1]!.focus();
    else root.current?.querySelector<HTMLButtonElement>('button[type=submit]')?.focus();
  };
  const findings = answer && !answer.ok && answer.refusal && 'findings' in answer.refusal ? answer.refusal.findings : [];
  const marked = new Set(findings.flatMap((f) => [...f.fields]));
  const refusal = answer && !answer.ok ? answer.refusal?.code : undefined;
  const send = async (flags: { acceptWarnings: boolean; confirmErrors: boolean }): Promise<void> => {
    const empty = keys.find((k) => (values[k] ?? '') === '');
    if (empty) {
      setMissing(`Nog niet ingevuld: ${labelOf(e, empty)}. Typ 0 als er geen zijn.`);
      inputs().find((x) => x.dataset.field === empty)?.focus();
      return;
    }
    setMissing(null);
    const numbers = Object.fromEntries(keys.map((k) => [k, Number(values[k])]));
    const r = e.correct
      ? await api.correct(telbureau, e.id, numbers, flags)
      : await api.enter(telbureau, e.id, withFields(emptyTable(shapeOf(e)), numbers), flags);
    setAnswer(r);
    if (r.ok) {
      setValues({});
      done();
    }
  };
  return (
    <form
      ref={root}
      class="entry"
      data-entry={e.id}
      onSubmit={(ev) => {
        ev.preventDefault();
        void send({ acceptWarnings: false, confirmErrors: false });
      }}
    >
      <h3>
        {e.title} — {e.correct ? 'verbetering van de velden die verschillen' : e.state === 'empty' ? 'eerste invoer' : 'tweede invoer'}
      </h3>
      {e.correct && <p class="note">De voorzitter vraagt alleen deze velden opnieuw over te nemen van de tabel van het telbureau.</p>}
      <div class="fields">
        {keys.map((k) => (
          <NumberField key={k} id={k} label={labelOf(e, k)} value={values[k] ?? ''} bad={marked.has(k)} onEnter={() => next(k)} onValue={(v) => {
              setValues((old) => ({ ...old, [k]: v }));
              setAnswer(null);
            }} />
        ))}
      </div>
      {missing && (
        <div class="problem" role="alert">
          {missing}
        </div>
      )}
      {answer && !answer.ok && (
        <div role="alert" data-testid="entry-refusal">
          <p class={refusal === 'warnings-not-accepted' ? 'note' : 'problem'}>{answer.error}</p>
          <Findings findings={findings} who="typist" e={e} />
          {refusal === 'has-errors' && (
            <button type="button" onClick={() => void send({ acceptWarnings: true, confirmErrors: true })}>
              Het staat zo op papier: fout bevestigen
            </button>
          )}
          {refusal === 'warnings-not-accepted' && (
            <button type="button" class="primary" onClick={() => void send({ acceptWarnings: true, confirmErrors: false })}>
              Klopt met het papier: waarschuwing bevestigen
            </button>
          )}
        </div>
      )}
      <button type="submit" class="primary">
        Controleren en opslaan
      </button>
    </form>
  );
}

export function EntryPage({ id }: { id: string }) {
  const [form, setForm] = useState<TelbureauForm | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const load = (): void => void api.form(id).then(setForm, (e: Error) => setError(e.message));
  useEffect(() => void api.claim(id).then(setForm, (e: Error) => setError(e.message)), [id]);
  const release = async (): Promise<void> => {
    await api.release(id).catch(() => undefined);
    location.hash = '#/telbureaus';
  };
  if (error) {
    return (
      <section>
        <div class="problem" role="alert">
          {error}
        </div>
        <a href="#/telbureaus">Terug naar de telbureaus</a>
      </section>
    );
  }
  if (!form) return <p>Laden…</p>;
  // One table at a time: the first that still waits for this typist.
  const open = form.elections.find((e) => e.state === 'empty' || (e.state === 'first-entered' && !e.typedByYou) || e.correct !== null);
  return (
    <section>
      <h2>
        Telbureau {form.telbureau.id}: {form.telbureau.stations.map((s) => `${s.number} (${s.deelgebied})`).join(', ')}
      </h2>
      {saved && (
        <div class="good" role="status" data-testid="entry-saved">
          {saved}
        </div>
      )}
      {open ? (
        <EntryForm
          key={`${open.id}/${open.state}/${open.correct?.join() ?? ''}`}
          telbureau={id}
          e={open}
          done={() => {
            setSaved(`${open.title}: opgeslagen.`);
            load();
          }}
        />
      ) : (
        <p>Niets meer in te voeren in dit telbureau ({form.elections.map((e) => `${e.title}: ${e.stateName}`).join('; ')}).</p>
      )}
      <button onClick={() => void release()}>Telbureau vrijgeven</button>
    </section>
  );
}

const DECISIONS: Array<[Resolution, string]> = [
  ['keep-first', 'Eerste invoer behouden'],
  ['keep-second', 'Tweede invoer behouden'],
  ['correct-first', 'Eerste laten verbeteren'],
  ['correct-second', 'Tweede laten verbeteren'],
  ['discard', 'Beide verwerpen'],
];

export function ReviewPage({ id, version }: { id: string; version: number }) {
  const can = useCan();
  const [review, setReview] = useState<TelbureauReview | null>(null);
  const [form, setForm] = useState<TelbureauForm | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (): void => {
    api.review(id).then(setReview, (e: Error) => setError(e.message));
    api.form(id).then(setForm, () => undefined);
  };
  useEffect(load, [id]);
  useEffect(() => void (review && !review.states.some((s) => s.state.kind === 'different') && load()), [version]);
  const act = (p: Promise<unknown>): void => void p.then(load, (e: Error) => setError(e.message));
  if (!review || !form) return error ? <div class="problem">{error}</div> : <p>Laden…</p>;
  return (
    <section>
      <h2>Telbureau {id}: beslissen</h2>
      {error && (
        <div class="problem" role="alert">
          {error}
        </div>
      )}
      {review.states.map(({ election, state }) => {
        const e = form.elections.find((x) => x.id === election)!;
        return (
          <div key={election} data-review={election}>
            <h3>
              {e.title}: {e.stateName}
            </h3>
            {state.kind === 'different' && (
              <>
                <table data-testid="differences">
                  <thead>
                    <tr>
                      <th>Veld</th>
                      <th class="n">Eerste invoer ({state.first.typist})</th>
                      <th class="n">Tweede invoer ({state.second.typist})</th>
                    </tr>
                  </thead>
                  <tbody>
                    {state.fields.map((k) => (
                      <tr key={k} data-field={k}>
                        <td>{labelOf(e, k)}</td>
                        <td class="n">{tableFields(state.first.table).find(([x]) => x === k)?.[1]}</td>
                        <td class="n">{tableFields(state.second.table).find(([x]) => x === k)?.[1]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p class="muted">De andere {tableFields(state.first.table).length - state.fields.length} velden zijn gelijk. Vergelijk met de tabel van het telbureau.</p>
                <Findings findings={[...state.first.findings, ...state.second.findings]} who="voorzitter" e={e} />
                {DECISIONS.map(([r, label]) => (
                  <button key={r} onClick={() => act(api.resolve(id, election, r))}>
                    {label}
                  </button>
                ))}
              </>
            )}
            {state.kind === 'first-has-errors' && (
              <>
                <Findings findings={state.first.findings} who="voorzitter" e={e} />
                <button onClick={() => act(api.resolve(id, election, 'discard'))}>Invoer verwerpen</button>
              </>
            )}
            {state.kind === 'correcting' && <p>De {state.which === 'first' ? 'eerste' : 'tweede'} invoer wordt verbeterd ({state.fields.length} veld(en)).</p>}
            {state.kind === 'definitive' && (
              <>
                <p>
                  Geteld {state.table.ballots}, geldig {state.table.valid}, blanco {state.table.blank}, ongeldig {state.table.invalid} (invoer door {state.typists.join(' en ')}
                  {state.decidedBy ? `, beslist door ${state.decidedBy}` : ''}).
                </p>
                <Findings findings={state.findings} who="voorzitter" e={e} />
                {!review.telbureau.lockedAt && <button onClick={() => act(api.resolve(id, election, 'reopen'))}>Heropenen</button>}
              </>
            )}
          </div>
        );
      })}
      {review.telbureau.lockedAt ? (
        <p class="good">Vergrendeld door {review.telbureau.lockedBy}: de tabellen van dit telbureau kunnen niet meer wijzigen.</p>
      ) : (
        can('paper.lock') &&
        review.complete && (
          <button class="primary" onClick={() => act(api.lock(id))}>
            Telbureau vergrendelen
          </button>
        )
      )}
      <p>
        <a href="#/telbureaus">Terug naar de telbureaus</a>
      </p>
    </section>
  );
}

