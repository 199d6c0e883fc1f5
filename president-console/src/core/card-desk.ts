// The card desk (decree art. 16 §1, 17 §2): activation cards for the voting computers, test
// cards, a voter card for exactly the elections of the voter's category, annulment with its
// replacement card. The console's facade decides when a card may be written (phase, halt); this
// writes it and records it on the sticks. Nothing records which card went to which voter.
import { electionsForCategory, type VerifiedPackage } from '@ovs/election';
import { verifyVoterCard, VOTER_CARD_MESSAGES, type ActivationKdf } from '@ovs/card';
import { Verifier } from '@ovs/crypto';
import { HASH_PREFIX_BYTES } from '@ovs/ballot';
import type { CardReader } from '@ovs/devices/card';
import type { AnnulReason, EventBody, ReplacementReason, TestCardReason } from '@ovs/stick';
import { activationCard, voterCardBytes, writeCard } from './cards.ts';
import type { Session } from './session.ts';
import type { ActionResult, CategoryView, LastCard } from './snapshot.ts';

export interface CardKind {
  test: boolean;
  proxy: boolean;
  replacement: boolean;
  /** A replacement card issued on its own (why), or a test card made during voting (why). */
  reason?: ReplacementReason | TestCardReason;
}

/** The record of a card: the reason only where the log has one for that kind of card. */
function cardEvent(category: string, kind: CardKind): EventBody {
  if (kind.test) return kind.reason === 'expert-visit' || kind.reason === 'visualisation-complaint' ? { type: 'test-card', category, reason: kind.reason } : { type: 'test-card', category };
  const base = { type: 'voter-card' as const, category, proxy: kind.proxy, replacement: kind.replacement };
  return kind.replacement && kind.reason !== undefined && kind.reason !== 'expert-visit' && kind.reason !== 'visualisation-complaint' ? { ...base, reason: kind.reason } : base;
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
    await this.#o.append(session, cardEvent(category, kind));
    this.#last = { kind: kind.test ? 'test' : 'voter', category, categoryName: view.name, elections: view.elections.map((e) => e.title), proxy: kind.proxy, replacement: kind.replacement };
    this.#o.logVoter('card-written', kind.test ? 'test' : 'voter');
    const what = kind.test ? 'Testkaart' : kind.replacement ? 'Vervangkaart' : kind.proxy ? 'Volmachtkaart' : 'Stemkaart';
    return { ok: true, message: `${what} klaar — ${view.name}: ${view.elections.map((e) => e.title).join(', ')}.` };
  }

  /**
   * The card the voter handed back with the ballot (decree art. 17 §1), laid in the writer: the
   * categories whose elections it carries, so the annulment form can preselect the voter's. Only
   * the elections are read (no nonce is kept); EU and non-EU citizens vote in the same elections
   * here, so such a card names both and the president chooses from the convocation letter.
   */
  async returnedCard(session: Session): Promise<ActionResult> {
    const read = await this.#o.cardWriter.read();
    if (!read.ok) return { ok: false, error: 'card', message: read.error === 'blank' ? 'Deze kaart is leeg: geen stemkaart.' : 'Leg de kaart van de kiezer op de kaartschrijver en probeer opnieuw.' };
    const pkg = session.opening.pkg;
    const card = verifyVoterCard(read.value.payload, { pkg: pkg.election, hashPrefix: pkg.hash.subarray(0, HASH_PREFIX_BYTES), station: this.#o.station, stembureau: Verifier.from(session.signer.publicKey)! });
    if (!card.ok) return { ok: false, error: 'card', message: `Dit is geen stemkaart van dit stembureau (${VOTER_CARD_MESSAGES[card.error].split('.')[0]}).` };
    if (card.value.test) return { ok: false, error: 'card', message: 'Dit is een testkaart: een teststembiljet wordt niet geannuleerd maar gaat in de omslag voor teststembiljetten.' };
    const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));
    const matching = this.categories(pkg).filter((c) => same(c.elections.map((e) => e.id), card.value.elections));
    if (matching.length === 0) return { ok: false, error: 'card', message: 'Deze kaart past bij geen kiezerscategorie van dit stembureau.' };
    const names = matching.map((c) => c.name).join(' of ');
    return { ok: true, categories: matching.map((c) => c.id), message: matching.length === 1 ? `Kaart van een ${names}: de categorie is aangeduid.` : `Kaart voor ${names}: kies de juiste categorie op de oproepingsbrief.` };
  }

  /** Decree art. 17 §2: the ballot is annulled (with the voter's category) and the voter gets a new card. */
  async annul(session: Session, reason: AnnulReason, category: string): Promise<ActionResult> {
    if (!this.category(session.opening.pkg, category)) return { ok: false, error: 'unknown-category', message: 'Onbekende kiezerscategorie.' };
    if (!(await this.#o.append(session, { type: 'ballot-annulled', reason, category }))) return { ok: false, error: 'halted', message: this.#o.haltMessage() };
    this.#o.logVoter('ballot-annulled', reason);
    const card = await this.voter(session, category, { test: false, proxy: false, replacement: true });
    if (!card.ok) return { ok: false, error: card.error, message: `Het stembiljet is geannuleerd. ${card.message} Maak daarna de kaart met "Nieuwe kaart zonder annulering…", reden "kaart na een annulering".` };
    return card;
  }
}
