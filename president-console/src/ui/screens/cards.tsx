// The card buttons: one per voter category, each naming the elections its card is valid for;
// and the code of the activation card just made.
import { useState } from 'preact/hooks';
// The pure part of @ovs/card (no node:crypto), safe in the browser bundle.
import { groupActivationCode } from '@ovs/card/activation-code';
import type { ConsoleSnapshot } from '../../core/snapshot.ts';
import type { Act } from '../app.tsx';

/** `suggested`: the categories the voter's returned card fits (the annulment form), marked. */
export function CategoryButtons({ snap, onPick, test, suggested }: { snap: ConsoleSnapshot; onPick: (category: string) => void; test?: boolean; suggested?: readonly string[] }) {
  return (
    <div class="categories">
      {snap.categories.map((c) => (
        <button
          type="button"
          class={`category${test ? ' test' : ''}${suggested?.includes(c.id) ? ' suggested' : ''}`}
          key={c.id}
          onClick={() => onPick(c.id)}
          aria-label={`${test ? 'Testkaart ' : ''}${c.name}: ${c.elections.map((e) => e.title).join(', ')}${suggested?.includes(c.id) ? ' (kaart van deze kiezer)' : ''}`}
        >
          <span class="name">{test ? `Testkaart — ${c.name}` : c.name}</span>
          <span class="elections">{c.elections.map((e) => e.title).join(' + ')}</span>
        </button>
      ))}
    </div>
  );
}

export function LastCard({ snap }: { snap: ConsoleSnapshot }) {
  const c = snap.lastCard;
  if (!c) return null;
  const what = c.kind === 'activation' ? 'Activeringskaart' : c.kind === 'test' ? 'Testkaart' : c.replacement ? 'Vervangkaart' : c.proxy ? 'Volmachtkaart' : 'Stemkaart';
  return (
    <div class={c.kind === 'test' ? 'last-card test' : 'last-card'} aria-label="Laatste kaart">
      <strong>{what}</strong>
      {c.categoryName ? ` — ${c.categoryName}` : ''}
      {c.elections.length > 0 ? <div>Geldig voor: {c.elections.join(', ')}</div> : null}
    </div>
  );
}

export function ProxyCard({ snap, act }: { snap: ConsoleSnapshot; act: Act }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Volmacht…
      </button>
    );
  }
  return (
    <div class="dialog" role="dialog" aria-label="Volmacht">
      <p>Kies de categorie van de <strong>volmachtgever</strong> (op de oproepingsbrief van de volmachtgever).</p>
      <CategoryButtons
        snap={snap}
        onPick={(category) => {
          setOpen(false);
          void act('cards/voter', { category, proxy: true });
        }}
      />
      <button type="button" onClick={() => setOpen(false)}>
        Annuleren
      </button>
    </div>
  );
}

/** The one-time code of the activation card just written: shown here once, stored nowhere. */
export function ActivationCode({ code, onHide }: { code: string; onHide: () => void }) {
  return (
    <section class="activation-code" role="region" aria-label="Activeringscode">
      <h2>Activeringscode</h2>
      <p class="digits" data-testid="activation-code">
        {groupActivationCode(code)}
      </p>
      <p class="big">Typ deze code op het scherm van de stemcomputer waarin u de activeringskaart steekt. Zonder deze code is de kaart onbruikbaar.</p>
      <p>
        De code wordt nergens bewaard. Ze verdwijnt zodra u een volgende kaart maakt, de code verbergt of de voorzitterscomputer herstart: activeer dus eerst
        deze stemcomputer. Is de code weg, maak dan een nieuwe activeringskaart.
      </p>
      <button type="button" onClick={onHide}>
        Code verbergen
      </button>
    </section>
  );
}
