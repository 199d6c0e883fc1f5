// A new ballot for an agenda item: the standard choice or a list of candidates (one per line,
// "naam; geboortedatum"), and its parameters. The server checks it and names every problem.
import { useState } from 'preact/hooks';

export function NewBallot({ itemId, act }: { itemId: number; act: (path: string, body: unknown, done: string) => Promise<boolean> }) {
  const [shown, setShown] = useState(false);
  const [f, setF] = useState({ title: '', description: '', kind: 'standaard', candidates: '', max: '1', secret: false, majority: 'gewoon', counting: 'hoofdelijk', delegation: 'individueel' });
  if (!shown) return <button onClick={() => setShown(true)}>Nieuwe stembrief</button>;
  const set = (k: keyof typeof f) => (e: Event) => {
    const t = e.target as HTMLInputElement;
    setF({ ...f, [k]: t.type === 'checkbox' ? t.checked : t.value });
  };
  const submit = (): void => {
    const candidates = f.candidates
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .map((l, i) => {
        const [name = '', birthDate = ''] = l.split(';').map((x) => x.trim());
        return { id: `k${i + 1}`, name, birthDate };
      });
    const spec = {
      title: f.title,
      description: f.description,
      choices: f.kind === 'standaard' ? { kind: 'standaard' } : { kind: 'kandidaten', candidates, maxChoices: Number(f.max) },
      secret: f.secret,
      majority: f.majority,
      counting: f.counting,
      delegation: f.delegation,
    };
    void act(`/api/items/${itemId}/ballots`, { spec }, 'De stembrief is gemaakt.').then((okay) => okay && setShown(false));
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label>
        Titel <input value={f.title} onInput={set('title')} />
      </label>
      <label>
        Omschrijving <input value={f.description} onInput={set('description')} />
      </label>
      <label>
        Keuze{' '}
        <select value={f.kind} onChange={set('kind')}>
          <option value="standaard">ja / nee / onthouding</option>
          <option value="kandidaten">lijst van kandidaten</option>
        </select>
      </label>
      {f.kind === 'kandidaten' && (
        <>
          <label>
            Kandidaten (één per regel: naam; JJJJ-MM-DD) <textarea value={f.candidates} onInput={set('candidates')} />
          </label>
          <label>
            Maximum aantal keuzes <input size={3} value={f.max} onInput={set('max')} />
          </label>
        </>
      )}
      <label>
        <input type="checkbox" checked={f.secret} onChange={set('secret')} /> geheime stemming
      </label>
      <label>
        Meerderheid{' '}
        <select value={f.majority} onChange={set('majority')}>
          <option value="gewoon">gewone meerderheid</option>
          <option value="tweederde">tweederdemeerderheid</option>
        </select>
      </label>
      <label>
        Telling{' '}
        <select value={f.counting} onChange={set('counting')}>
          <option value="hoofdelijk">hoofdelijk</option>
          <option value="gewogen">gewogen</option>
        </select>
      </label>
      <label>
        Wie stemt{' '}
        <select value={f.delegation} onChange={set('delegation')}>
          <option value="individueel">elk raadslid</option>
          <option value="fractie">de fractievoorzitter voor de fractie</option>
        </select>
      </label>
      <button class="primary" type="submit">
        Stembrief opslaan
      </button>
    </form>
  );
}
