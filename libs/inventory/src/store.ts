// The inventory file: written in one shape, read back by a strict decoder (a hand-edited file
// with an unknown field or state is refused, not half read).
import { err, ok, type Result } from '@ovs/basics';
import { INVENTORY_FORMAT, KOFFER_CONTENTS, KOFFER_KINDS, type Inventory, type ItemKind, type KofferKind } from './koffer.ts';

export const emptyInventory = (municipality: { nisCode: string; name: string }): Inventory => ({ format: INVENTORY_FORMAT, municipality, koffers: [] });

export const serialiseInventory = (inv: Inventory): string => JSON.stringify(inv, null, 2) + '\n';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const allowed = (o: Record<string, unknown>, keys: readonly string[]): boolean => Object.keys(o).every((k) => keys.includes(k));

export function parseInventory(text: string): Result<Inventory, string> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return err(`De inventaris is geen geldige JSON: ${(e as Error).message}`);
  }
  if (!isObject(v) || v.format !== INVENTORY_FORMAT) return err(`Dit is geen inventaris van koffers (${INVENTORY_FORMAT}).`);
  const m = v.municipality;
  if (!isObject(m) || typeof m.nisCode !== 'string' || !/^\d{5}$/.test(m.nisCode) || typeof m.name !== 'string' || m.name.trim() === '') return err('De inventaris noemt geen gemeente (NIS-code en naam).');
  if (!Array.isArray(v.koffers)) return err('De inventaris heeft geen lijst van koffers.');
  for (const [n, k] of v.koffers.entries()) {
    const at = `koffer ${n + 1}`;
    if (!isObject(k) || !allowed(k, ['id', 'kind', 'station', 'items', 'reports']) || typeof k.id !== 'string' || !KOFFER_KINDS.includes(k.kind as KofferKind)) return err(`${at}: ongeldige koffer.`);
    if (k.station !== undefined && !(Number.isInteger(k.station) && (k.station as number) >= 1)) return err(`${at}: ongeldig stembureau.`);
    const contents = KOFFER_CONTENTS[k.kind as KofferKind];
    if (!Array.isArray(k.items) || !Array.isArray(k.reports)) return err(`${at}: onderdelen of testrapporten ontbreken.`);
    for (const i of k.items) {
      if (!isObject(i) || !allowed(i, ['kind', 'serial', 'state', 'note', 'devicePublicKey']) || ![...contents.required, ...contents.optional].includes(i.kind as ItemKind) || typeof i.serial !== 'string') return err(`${at} (${k.id}): ongeldig onderdeel.`);
      if (!['unchecked', 'ok', 'defect', 'missing'].includes(i.state as string)) return err(`${at} (${k.id}): onbekende toestand "${String(i.state)}".`);
    }
    for (const r of k.reports) {
      if (!isObject(r) || !allowed(r, ['phase', 'at', 'passed', 'implementation', 'failures']) || typeof r.passed !== 'boolean' || !Array.isArray(r.failures)) return err(`${at} (${k.id}): ongeldig testrapport.`);
    }
  }
  return ok(v as unknown as Inventory);
}
