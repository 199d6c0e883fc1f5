// The card desk (decree art. 16 §1, 17 §2): activation cards for the voting computers, test
// cards, a voter card for exactly the elections of the voter's category, annulment with its
// replacement card. The console's facade decides when a card may be written (phase, halt); this
// writes it and records it on the sticks. Nothing records which card went to which voter.
import { electionsForCategory, type VerifiedPackage } from '@ovs/election';
import type { ActivationKdf } from '@ovs/card';
import type { CardReader } from '@ovs/devices/card';
import type { AnnulReason, EventBody } from '@ovs/stick';
import { activationCard, voterCardBytes, writeCard } from './cards.ts';
import type { Session } from './session.ts';
import type { ActionResult, CategoryView, LastCard } from './snapshot.ts';

export interface CardKind {
  test: boolean;
  proxy: boolean;
  replacement: boolean;
}

export interface CardDeskOptions {
  station: number;
  cardWriter: CardReader;
  activationKdf: ActivationKdf;
  /** Appends to both sticks (false when a stick failed: voting is halted then). */
  append: (session: Session, body: EventBody) => Promise<boolean>;
  log: (event: string, detail?: string) => void;
  /** An entry about one voter: dated to the hour only. */
  logVoter: (event: string, detail: string) => void;
  /** Why a write is refused now (halted), for the annulment's second step. */
  haltMessage: () => string;
}

export class CardDesk {
  readonly #o: CardDeskOptions;
  #last: LastCard | undefined;

  constructor(options: CardDeskOptions) {
    this.#o = options;
  }

  /** The card just written, as the screen shows it (never when). */
  get lastCard(): LastCard | undefined {
    return this.#last;
  }

  /** The voter categories that vote in this station, each with its elections in legal order. */
  categories(pkg: VerifiedPackage | undefined): CategoryView[] {
    if (!pkg) return [];
    return pkg.election.voterCategories
      .map((c) => ({ id: c.id, name: c.name.nl, elections: electionsForCategory(pkg.election, this.#o.station, c.id).map((e) => ({ id: e.id, title: e.title })) }))
      .filter((c) => c.elections.length > 0);
  }

  category(pkg: VerifiedPackage | undefined, id: string): CategoryView | undefined {
    return this.categories(pkg).find((c) => c.id === id);
  }

  async activation(session: Session): Promise<ActionResult> {
    const secrets = session.pair.secrets;
    if (!secrets) return { ok: false, error: 'not-now', message: 'Dit kan nu niet.' };
    const card = await activationCard(session.pair.sessionCertificate, secrets.sessionPrivateKey, this.#o.activationKdf);
    const written = await writeCard(this.#o.cardWriter, card.bytes);
    if (!written.ok) return { ok: false, error: 'card', message: written.message };
    await this.#o.append(session, { type: 'activation-card' });
    this.#last = { kind: 'activation', elections: [], proxy: false, replacement: false };
    this.#o.log('card-written', 'activation');
    // The code leaves only in this answer (the president's screen): never in the snapshot, a log or a stick.
    return { ok: true, message: 'Activeringskaart klaar: steek ze in een stemcomputer en typ daar de activeringscode.', activationCode: card.code };
  }

  async voter(session: Session, category: string, kind: CardKind): Promise<ActionResult> {
    const pkg = session.opening.pkg;
    const view = this.category(pkg, category);
    if (!view) return { ok: false, error: 'unknown-category', message: 'Onbekende kiezerscategorie.' };
    const card = voterCardBytes(pkg, this.#o.station, category, kind.test, session.signer);
    if (!card) return { ok: false, error: 'unknown-category', message: `${view.name}: deze kiezers stemmen niet in dit stembureau.` };
    const written = await writeCard(this.#o.cardWriter, card.bytes);
    if (!written.ok) return { ok: false, error: 'card', message: written.message };
    // The card is in the voter's hand now: the event is kept even if a stick fails here.
    await this.#o.append(session, kind.test ? { type: 'test-card', category } : { type: 'voter-card', category, proxy: kind.proxy, replacement: kind.replacement });
    this.#last = { kind: kind.test ? 'test' : 'voter', category, categoryName: view.name, elections: view.elections.map((e) => e.title), proxy: kind.proxy, replacement: kind.replacement };
    this.#o.logVoter('card-written', kind.test ? 'test' : 'voter');
    const what = kind.test ? 'Testkaart' : kind.replacement ? 'Vervangkaart' : kind.proxy ? 'Volmachtkaart' : 'Stemkaart';
    return { ok: true, message: `${what} klaar — ${view.name}: ${view.elections.map((e) => e.title).join(', ')}.` };
  }

  /** Decree art. 17 §2: the ballot is annulled (with the voter's category) and the voter gets a new card. */
  async annul(session: Session, reason: AnnulReason, category: string): Promise<ActionResult> {
    if (!this.category(session.opening.pkg, category)) return { ok: false, error: 'unknown-category', message: 'Onbekende kiezerscategorie.' };
    if (!(await this.#o.append(session, { type: 'ballot-annulled', reason, category }))) return { ok: false, error: 'halted', message: this.#o.haltMessage() };
    this.#o.logVoter('ballot-annulled', reason);
    const card = await this.voter(session, category, { test: false, proxy: false, replacement: true });
    if (!card.ok) return { ok: false, error: card.error, message: `Het stembiljet is geannuleerd. ${card.message} Maak daarna een vervangkaart.` };
    return card;
  }
}
