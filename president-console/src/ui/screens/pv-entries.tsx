// What the president enters for the PV beside the counters: the bureau (seed 002 II.B.1.c) and the
// envelopes as found (I.4.1), voters assisted (decree art. 20), the witnesses' remarks after
// closing (III.6) — and the print prompt that stays until each copy came out of the printer.
import { useState } from 'preact/hooks';
import type { Presence } from '@ovs/stick';
import type { ConsoleSnapshot } from '../../core/snapshot.ts';
import type { Act } from '../app.tsx';
import { time } from '../format.ts';

/** The next copy to print, or the one that failed: shown above every screen until it is printed. */
export function PrintPrompt({ snap, act }: { snap: ConsoleSnapshot; act: Act }) {
  const p = snap.prints;
  if (!p) return null;
  return (
    <div class={p.failed ? 'print-prompt failed' : 'print-prompt'} role={p.failed ? 'alert' : 'status'} data-testid="print-prompt">
      {p.failed ? (
        <p>
          <strong>{p.failed}</strong>
        </p>
      ) : (
        <p>
          Afdrukken: <strong>{p.next.name}</strong>
          {p.remaining > 1 ? ` (nog ${p.remaining} afdrukken)` : ''}.
        </p>
      )}
      <button type="button" class="primary" onClick={() => void act('print-next')}>
        {p.failed ? 'Opnieuw afdrukken' : 'Afdrukken'}
      </button>
    </div>
  );
}

const PRESENCE_LABELS: Array<[Presence, string]> = [
  ['present', 'aanwezig'],
  ['absent', 'afwezig'],
  ['late', 'te laat'],
  ['replaced', 'vervangen'],
];

interface AssessorRow {
  name: string;
  presence: Presence;
  note: string;
}

const MAX_ASSESSORS = 5;

/** Seed 002 II.B.1.c: president, secretary, up to five bijzitters, the witnesses with their list; I.4.1: the envelopes. */
export function BureauForm({ snap, act }: { snap: ConsoleSnapshot; act: Act }) {
  const b = snap.bureau;
  const [president, setPresident] = useState(b?.president ?? '');
  const [secretary, setSecretary] = useState(b?.secretary ?? '');
  const [assessors, setAssessors] = useState<AssessorRow[]>(b?.assessors.length ? b.assessors : [{ name: '', presence: 'present', note: '' }]);
  const [witnesses, setWitnesses] = useState(b?.witnesses ?? []);
  const [intact, setIntact] = useState(b ? b.envelopes === '' : true);
  const [envelopes, setEnvelopes] = useState(b?.envelopes ?? '');
  const setAssessor = (i: number, change: Partial<AssessorRow>) => setAssessors(assessors.map((a, j) => (j === i ? { ...a, ...change } : a)));
  const setWitness = (i: number, change: Partial<{ name: string; list: string }>) => setWitnesses(witnesses.map((w, j) => (j === i ? { ...w, ...change } : w)));
  const submit = async (e: Event) => {
    e.preventDefault();
    await act('bureau', { president, secretary, assessors: assessors.filter((a) => a.name.trim() !== ''), witnesses, envelopes: intact ? '' : envelopes });
  };
  return (
    <details class="panel" open={!b} data-testid="bureau">
      <summary>
        <h2>Samenstelling van het bureau {b ? '(genoteerd)' : '(nog in te vullen)'}</h2>
      </summary>
      <form onSubmit={submit}>
        <label for="bureau-president">Voorzitter</label>
        <input id="bureau-president" value={president} onInput={(e) => setPresident((e.target as HTMLInputElement).value)} />
        <label for="bureau-secretary">Secretaris</label>
        <input id="bureau-secretary" value={secretary} onInput={(e) => setSecretary((e.target as HTMLInputElement).value)} />
        <fieldset>
          <legend>Bijzitters (hoogstens {MAX_ASSESSORS})</legend>
          {assessors.map((a, i) => (
            <div class="row" key={i}>
              <input aria-label={`Bijzitter ${i + 1}: naam`} value={a.name} onInput={(e) => setAssessor(i, { name: (e.target as HTMLInputElement).value })} />
              <select aria-label={`Bijzitter ${i + 1}: aanwezigheid`} value={a.presence} onChange={(e) => setAssessor(i, { presence: (e.target as HTMLSelectElement).value as Presence })}>
                {PRESENCE_LABELS.map(([p, label]) => (
                  <option value={p} key={p}>
                    {label}
                  </option>
                ))}
              </select>
              {a.presence === 'late' || a.presence === 'replaced' ? (
                <input
                  aria-label={a.presence === 'late' ? `Bijzitter ${i + 1}: aangekomen om (uu:mm)` : `Bijzitter ${i + 1}: vervangen door`}
                  placeholder={a.presence === 'late' ? 'aangekomen om (uu:mm)' : 'vervangen door (naam)'}
                  value={a.note}
                  onInput={(e) => setAssessor(i, { note: (e.target as HTMLInputElement).value })}
                />
              ) : null}
            </div>
          ))}
          {assessors.length < MAX_ASSESSORS ? (
            <button type="button" onClick={() => setAssessors([...assessors, { name: '', presence: 'present', note: '' }])}>
              Bijzitter toevoegen
            </button>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>Getuigen en de lijst die hen aanwees</legend>
          {witnesses.map((w, i) => (
            <div class="row" key={i}>
              <input aria-label={`Getuige ${i + 1}: naam`} value={w.name} onInput={(e) => setWitness(i, { name: (e.target as HTMLInputElement).value })} />
              <input aria-label={`Getuige ${i + 1}: lijst`} placeholder="lijst (nummer en naam)" value={w.list} onInput={(e) => setWitness(i, { list: (e.target as HTMLInputElement).value })} />
              <button type="button" onClick={() => setWitnesses(witnesses.filter((_, j) => j !== i))}>
                Verwijderen
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setWitnesses([...witnesses, { name: '', list: '' }])}>
            Getuige toevoegen
          </button>
        </fieldset>
        <label class="check">
          <input type="checkbox" checked={intact} onChange={(e) => setIntact((e.target as HTMLInputElement).checked)} />
          De verzegelde omslagen (sticks, paswoord, chipkaarten) waren ongeschonden bij de opening.
        </label>
        {intact ? null : (
          <>
            <label for="bureau-envelopes">Wat was er onregelmatig aan de omslagen?</label>
            <textarea id="bureau-envelopes" value={envelopes} onInput={(e) => setEnvelopes((e.target as HTMLTextAreaElement).value)} />
          </>
        )}
        <button type="submit">Samenstelling noteren</button>
      </form>
    </details>
  );
}

/** Decree art. 20, seed 002 II.C.5.1: both names in the PV; when disputed, the bureau's reasoned decision. */
export function AssistedForm({ snap, act }: { snap: ConsoleSnapshot; act: Act }) {
  const [voter, setVoter] = useState('');
  const [assistant, setAssistant] = useState('');
  const [disputed, setDisputed] = useState(false);
  const [decision, setDecision] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await act('assisted', { voter, assistant, disputed, decision });
    if (r.ok) {
      setVoter('');
      setAssistant('');
      setDisputed(false);
      setDecision('');
    }
  };
  return (
    <details class="panel" data-testid="assisted">
      <summary>
        <h2>Bijstand aan een kiezer ({snap.assisted.length})</h2>
      </summary>
      <ul>
        {snap.assisted.map((a, i) => (
          <li key={i}>
            {a.voter}, bijgestaan door {a.assistant}
            {a.disputed ? ' — betwist, beslissing genoteerd' : ''}
          </li>
        ))}
      </ul>
      <form onSubmit={submit}>
        <label for="assisted-voter">Naam van de kiezer</label>
        <input id="assisted-voter" value={voter} onInput={(e) => setVoter((e.target as HTMLInputElement).value)} />
        <label for="assisted-assistant">Naam van wie bijstaat</label>
        <input id="assisted-assistant" value={assistant} onInput={(e) => setAssistant((e.target as HTMLInputElement).value)} />
        <label class="check">
          <input type="checkbox" checked={disputed} onChange={(e) => setDisputed((e.target as HTMLInputElement).checked)} />
          Een lid van het bureau of een getuige betwist de nood aan bijstand.
        </label>
        {disputed ? (
          <>
            <label for="assisted-decision">Gemotiveerde beslissing van het bureau</label>
            <textarea id="assisted-decision" value={decision} onInput={(e) => setDecision((e.target as HTMLTextAreaElement).value)} />
          </>
        ) : null}
        <button type="submit">Bijstand noteren</button>
      </form>
    </details>
  );
}

/** Seed 002 III.6: remarks while the PV is read out, after closing; signed onto both sticks, the PV printed again. */
export function RemarksForm({ snap, act }: { snap: ConsoleSnapshot; act: Act }) {
  const known = snap.bureau?.witnesses ?? [];
  const [witness, setWitness] = useState('');
  const [list, setList] = useState('');
  const [text, setText] = useState('');
  const pick = (name: string) => {
    setWitness(name);
    const w = known.find((x) => x.name === name);
    if (w) setList(w.list);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await act('remarks', { witness, list, text });
    if (r.ok) setText('');
  };
  return (
    <section class="panel" data-testid="remarks">
      <h2>Opmerkingen van getuigen bij de lezing van het proces-verbaal</h2>
      <p>U mag een opmerking niet weigeren. Ze komt ondertekend op beide sticks en het proces-verbaal wordt opnieuw afgedrukt.</p>
      <ul>
        {snap.remarks.map((r, i) => (
          <li key={i}>
            {time(r.at)} — {r.witness}
            {r.list ? ` (${r.list})` : ''}: {r.text}
          </li>
        ))}
      </ul>
      <form onSubmit={submit}>
        <label for="remark-witness">Getuige</label>
        <input id="remark-witness" list="remark-witnesses" value={witness} onInput={(e) => pick((e.target as HTMLInputElement).value)} />
        <datalist id="remark-witnesses">
          {known.map((w) => (
            <option value={w.name} key={w.name} />
          ))}
        </datalist>
        <label for="remark-list">Lijst die de getuige aanwees</label>
        <input id="remark-list" value={list} onInput={(e) => setList((e.target as HTMLInputElement).value)} />
        <label for="remark-text">Opmerking</label>
        <textarea id="remark-text" value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        <div class="row">
          <button type="submit">Opmerking toevoegen</button>
          {snap.remarks.length > 0 ? (
            <button type="button" onClick={() => void act('remarks/write')}>
              Opnieuw op de sticks schrijven
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
