// The bureau's composition (voorzitter, secretaris, bijzitters, witnesses per list), as it
// appears on the PV. Everyone of the count sees it; the voorzitter and the gemachtigde change it.
import { useEffect, useState } from 'preact/hooks';
import { api, type Composition, type CompositionData } from './api.ts';
import { useCan } from './can.ts';

const key = (election: string, list: number): string => `${election}-${list}`;

export function CompositionPage() {
  const can = useCan();
  const edit = can('bureau.composition');
  const [data, setData] = useState<CompositionData | null>(null);
  const [draft, setDraft] = useState<{ voorzitter: string; secretaris: string; bijzitters: string; witnesses: Record<string, string> } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const fill = (d: CompositionData): void => {
    setData(d);
    const witnesses: Record<string, string> = {};
    for (const w of d.composition.witnesses) witnesses[key(w.election, w.list)] = [witnesses[key(w.election, w.list)], w.name].filter(Boolean).join(', ');
    setDraft({ voorzitter: d.composition.voorzitter, secretaris: d.composition.secretaris, bijzitters: d.composition.bijzitters.join('\n'), witnesses });
  };
  useEffect(() => void api.composition().then(fill, (e: Error) => setMessage({ ok: false, text: e.message })), []);
  if (!data || !draft) return message ? <div class="problem">{message.text}</div> : <p>Laden…</p>;
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    const c: Composition = {
      voorzitter: draft.voorzitter,
      secretaris: draft.secretaris,
      bijzitters: draft.bijzitters.split('\n').map((s) => s.trim()).filter(Boolean),
      witnesses: data.elections.flatMap((el) =>
        el.lists.flatMap((l) => (draft.witnesses[key(el.id, l.number)] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((name) => ({ election: el.id, list: l.number, name }))),
      ),
    };
    try {
      const saved = await api.saveComposition(c);
      fill({ ...data, composition: saved.composition });
      setMessage({ ok: true, text: 'De samenstelling is opgeslagen; ze staat zo op het proces-verbaal.' });
    } catch (x) {
      setMessage({ ok: false, text: (x as Error).message });
    }
  };
  const field = (label: string, value: string, set: (v: string) => void) => (
    <label>
      {label}
      <input value={value} disabled={!edit} onInput={(e) => set((e.target as HTMLInputElement).value)} />
    </label>
  );
  return (
    <form onSubmit={(e) => void save(e)}>
      <section>
        <h2>Samenstelling van het hoofdbureau</h2>
        {!edit && <p class="muted">Alleen de voorzitter of de gemachtigde wijzigt de samenstelling.</p>}
        {message && <div class={message.ok ? 'good' : 'problem'}>{message.text}</div>}
        {field('Voorzitter', draft.voorzitter, (v) => setDraft({ ...draft, voorzitter: v }))}
        {field('Secretaris', draft.secretaris, (v) => setDraft({ ...draft, secretaris: v }))}
        <label>
          Bijzitters (één per regel)
          <textarea rows={5} value={draft.bijzitters} disabled={!edit} onInput={(e) => setDraft({ ...draft, bijzitters: (e.target as HTMLTextAreaElement).value })} />
        </label>
      </section>
      {data.elections.map((el) => (
        <section key={el.id}>
          <h3>Getuigen — {el.title}</h3>
          <table>
            <tbody>
              {el.lists.map((l) => (
                <tr key={l.number}>
                  <td>
                    {l.number} — {l.name}
                  </td>
                  <td>
                    <input
                      aria-label={`Getuigen van lijst ${l.number} ${l.name} (${el.title})`}
                      value={draft.witnesses[key(el.id, l.number)] ?? ''}
                      disabled={!edit}
                      onInput={(e) => setDraft({ ...draft, witnesses: { ...draft.witnesses, [key(el.id, l.number)]: (e.target as HTMLInputElement).value } })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {edit && (
        <button class="primary" type="submit">
          Samenstelling opslaan
        </button>
      )}
    </form>
  );
}
