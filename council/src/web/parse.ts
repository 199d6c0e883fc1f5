// What the browser sends, checked before the core sees it: every field of a vote, a ballot, a
// count. A body that is not what it should be is refused with a Dutch message and changes nothing.
import { err, ok, type Result } from '@ovs/basics';
import type { Ballot, Candidate, Vote } from '@ovs/council-rules';
import type { ManualCounts } from '../council.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);

export function parseVote(body: unknown): Result<{ vote: Vote; key?: string }, string> {
  if (!isObject(body) || !isObject(body.vote)) return err('Er kwam geen stem mee: kies opnieuw.');
  const v = body.vote;
  const key = typeof body.key === 'string' ? body.key : undefined;
  if (v.kind === 'standaard' && typeof v.choice === 'string') return ok({ vote: { kind: 'standaard', choice: v.choice as 'ja' }, ...(key ? { key } : {}) });
  if (v.kind === 'kandidaten' && Array.isArray(v.candidates) && v.candidates.length <= 100 && v.candidates.every((c) => typeof c === 'string' && c.length <= 40)) {
    return ok({ vote: { kind: 'kandidaten', candidates: v.candidates as string[] }, ...(key ? { key } : {}) });
  }
  return err('Deze stem is onleesbaar: kies opnieuw.');
}

export function parseBallot(body: unknown): Result<Ballot, string> {
  const s = isObject(body) && isObject(body.spec) ? body.spec : undefined;
  if (!s) return err('Er kwam geen stembrief mee.');
  const title = text(s.title, 1000);
  const description = text(s.description ?? '', 10000);
  const pick = <T extends string>(v: unknown, options: readonly T[]): T | undefined => (options.includes(v as T) ? (v as T) : undefined);
  const majority = pick(s.majority, ['gewoon', 'tweederde'] as const);
  const counting = pick(s.counting, ['hoofdelijk', 'gewogen'] as const);
  const delegation = pick(s.delegation, ['individueel', 'fractie'] as const);
  if (title === undefined || description === undefined || typeof s.secret !== 'boolean' || !majority || !counting || !delegation || !isObject(s.choices)) {
    return err('De stembrief is onvolledig: titel, omschrijving, geheim of publiek, meerderheid, telling en wijze van stemmen zijn nodig.');
  }
  const c = s.choices;
  let choices: Ballot['choices'];
  if (c.kind === 'standaard') choices = { kind: 'standaard' };
  else if (c.kind === 'kandidaten' && Array.isArray(c.candidates) && typeof c.maxChoices === 'number') {
    const candidates: Candidate[] = [];
    for (const k of c.candidates as unknown[]) {
      if (!isObject(k) || text(k.id, 40) === undefined || text(k.name, 200) === undefined || text(k.birthDate, 10) === undefined) return err('Elke kandidaat heeft een nummer, een naam en een geboortedatum nodig.');
      candidates.push({ id: k.id as string, name: k.name as string, birthDate: k.birthDate as string });
    }
    choices = { kind: 'kandidaten', candidates, maxChoices: c.maxChoices };
  } else return err('Kies de standaardstemming (ja / nee / onthouding) of een lijst van kandidaten.');
  return ok({ title, description, choices, secret: s.secret, majority, counting, delegation });
}

export function parseCounts(body: unknown): Result<ManualCounts, string> {
  const c = isObject(body) && isObject(body.counts) ? body.counts : undefined;
  if (!c) return err('Er kwam geen telling mee.');
  const n = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
  if (c.kind === 'standaard') return ok({ kind: 'standaard', ja: n(c.ja), nee: n(c.nee), onthouding: n(c.onthouding), blanco: n(c.blanco ?? 0) });
  if (c.kind === 'kandidaten' && isObject(c.votes)) return ok({ kind: 'kandidaten', votes: Object.fromEntries(Object.entries(c.votes).map(([k, v]) => [k, n(v)])), blanco: n(c.blanco), valid: n(c.valid) });
  return err('Deze telling past niet bij de stembrief.');
}

export const parseId = (text: string): number | undefined => (/^[1-9]\d{0,9}$/.test(text) ? Number(text) : undefined);
