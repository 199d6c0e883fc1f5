// Shared fixtures: demo packages (weak KDF, fast), flow contexts, and a flow driver that
// keeps the screen the voter saw before each touch.
import { generateDemoElection, signPackage, verifyPackage, type DemoElection, type VerifiedPackage, electionsForStation, type Language } from '@ovs/election';
import {
  initialState,
  MAX_CODE_ATTEMPTS,
  planActivationCode,
  screenOf,
  step,
  type Effect,
  type FlowContext,
  type FlowEvent,
  type FlowState,
  type Screen,
  type StepResult,
  type VoterAction,
} from '../src/flow/index.ts';
import { demoKeyMaterial, randomBytes, SeededRandom, Signer, Verifier } from '@ovs/crypto';
import { createBallotContext, issueSessionCertificate, type BallotContext } from '@ovs/ballot';
import { issueActivationCard, issueVoterCard, newActivationCode, TEST_ACTIVATION_KDF } from '@ovs/card';
import { unsealStembureauKey } from '@ovs/election';

export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };
/** The code the flow tests type (the flow never sees the card: any 16 digits will do). */
export const TEST_CODE = '3141592653589793';

export interface Demo {
  demo: DemoElection;
  verified: VerifiedPackage;
}

export interface PackageOptions {
  languages?: Language[];
  districts?: boolean;
  ocmw?: boolean;
  /** Gemeenteraad of 55 seats (as in Antwerp) whose list 1 has 55 candidates, some with the longest names allowed. */
  bigList?: boolean;
}

const cache = new Map<string, Demo>();
export function demoPackage(options: PackageOptions = {}): Demo {
  const key = JSON.stringify(options);
  let d = cache.get(key);
  if (!d) {
    const { bigList, ...demoOptions } = options;
    const demo = generateDemoElection({ scrypt: FAST_SCRYPT, ...demoOptions });
    let bytes = demo.bytes;
    let signature = demo.signature;
    if (bigList) {
      const pkg = structuredClone(demo.election);
      const g = pkg.elections[0]!;
      g.seats = 55;
      g.lists[0]!.candidates = Array.from({ length: 55 }, (_, i) =>
        i % 9 === 4
          ? { position: i + 1, lastName: "Vanderstraeten-Bogaerts d'Ursel", firstName: 'Marie-Christine' }
          : { position: i + 1, lastName: `Kandidaat ${i + 1}`, firstName: 'Roepnaam' },
      );
      ({ bytes, signature } = signPackage(pkg, new Signer(demo.organiser.privateKey)));
    }
    const v = verifyPackage(bytes, signature, demo.organiser.publicKey);
    if (!v.ok) throw new Error(v.error.message);
    d = { demo, verified: v.value };
    cache.set(key, d);
  }
  return d;
}

export function flowContext(options: Parameters<typeof demoPackage>[0] = {}, station = 1): FlowContext {
  return { pkg: demoPackage(options).verified.election, station };
}

export const stationElectionIds = (ctx: FlowContext): string[] => electionsForStation(ctx.pkg, ctx.station).map((e) => e.id);

/** Drives the pure flow and records everything, as the backend would see it. */
export class FlowDriver {
  state: FlowState;
  readonly effects: Effect[] = [];
  last: StepResult | undefined;

  constructor(readonly ctx: FlowContext, state: FlowState = initialState()) {
    this.state = state;
  }

  static activated(ctx: FlowContext): FlowDriver {
    const d = new FlowDriver(ctx);
    d.activate();
    d.send({ type: 'card-removed' });
    return d;
  }

  /** An activation card with a valid certificate, its code typed and found right, the card erased. */
  activate(code = TEST_CODE): StepResult {
    this.send({ type: 'activation-card', card: { kind: 'sealed', attemptsLeft: MAX_CODE_ATTEMPTS }, printer: 'ready' });
    return this.typeCode(code, true);
  }

  /** The digits and "Activeren"; then the backend's answer. */
  typeCode(code: string, right: boolean, erased = true): StepResult {
    for (const a of planActivationCode(code)) this.act(a);
    return this.send({ type: 'code-checked', ok: right, erased });
  }

  send(event: FlowEvent): StepResult {
    const r = step(this.ctx, this.state, event);
    this.state = r.state;
    this.effects.push(...r.effects);
    this.last = r;
    return r;
  }

  act(action: VoterAction): StepResult {
    return this.send({ type: 'voter', action });
  }

  insert(elections: readonly string[], test = false): StepResult {
    return this.send({ type: 'voter-card', result: { ok: true, test, elections }, printer: 'ready' });
  }

  get screen(): Screen {
    return screenOf(this.ctx, this.state);
  }

  get kind(): string {
    return this.screen.body.kind;
  }
}

// Cards and keys of one polling station, as the president console would make them.

export interface StationKit {
  demo: Demo;
  station: number;
  context: BallotContext;
  stembureau: Signer;
  session: Signer;
  sessionVerifier: Verifier;
  /** A fresh activation card of this session and its code, as the console writes and shows them. */
  activationCard(): Promise<ActivationCard>;
  voterCard(elections: readonly string[], test?: boolean): Uint8Array;
  /** An activation card of another opening (another session key) of the same station. */
  otherActivationCard(): Promise<ActivationCard>;
}

export interface ActivationCard {
  bytes: Uint8Array;
  code: string;
}

export async function stationKit(options: PackageOptions = {}, station = 1): Promise<StationKit> {
  const demo = demoPackage(options);
  const pkg = demo.verified.election;
  const context = createBallotContext(demo.verified);
  const unsealed = await unsealStembureauKey(pkg, station, demo.demo.passwords.get(station)!);
  if (!unsealed.ok) throw new Error(unsealed.error);
  const stembureau = unsealed.value;
  const random = new SeededRandom(`firmware-tests-${station}`);
  const activation = async (label: string): Promise<ActivationCard> => {
    const seed = demoKeyMaterial('firmware-tests', `${label}-${station}`);
    const certificate = issueSessionCertificate(context.hashPrefix, station, new Signer(seed).publicKey, stembureau);
    const code = newActivationCode((n) => random.bytes(n));
    return { bytes: await issueActivationCard({ certificate, sessionPrivateKey: seed, code, salt: random.bytes(16), nonce: random.bytes(12), kdf: TEST_ACTIVATION_KDF }), code };
  };
  const session = new Signer(demoKeyMaterial('firmware-tests', `session-${station}`));
  return {
    demo,
    station,
    context,
    stembureau,
    session,
    sessionVerifier: Verifier.from(session.publicKey)!,
    activationCard: () => activation('session'),
    voterCard: (elections, test = false) => issueVoterCard(pkg, context.hashPrefix, { test, pollingStation: station, elections: [...elections], nonce: randomBytes(16) }, stembureau),
    otherActivationCard: () => activation(`other-${Math.random()}`),
  };
}
