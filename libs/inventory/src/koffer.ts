// Fase 1 (seed 001 §XIV.1): "na elke verkiezing is er een controle van alle koffers nodig:
// bevatten ze de functionerende apparatuur en zijn alle verbindings- en voedingskabels
// aanwezig". Each case (koffer) holds one device role's equipment; every device and cable is
// registered with its serial number and checked off by the technician.
import { err, ok, type Result } from '@ovs/basics';

export type KofferKind = 'stemcomputer' | 'voorzitterscomputer' | 'stembus';
export const KOFFER_KINDS: readonly KofferKind[] = ['stemcomputer', 'voorzitterscomputer', 'stembus'];

export type ItemKind =
  | 'stemcomputer'
  | 'aanraakscherm'
  | 'stembiljetprinter'
  | 'kaartlezer'
  | 'alarm'
  | 'handscanner'
  | 'voorzitterscomputer'
  | 'scherm'
  | 'rapportprinter'
  | 'kaartschrijver'
  | 'stembus'
  | 'klepsturing'
  | 'stembusscanner'
  | 'stembusdisplay'
  | 'voedingskabel'
  | 'usb-kabel-printer'
  | 'usb-kabel-kaartlezer'
  | 'netwerkkabel-stembus'
  | 'videokabel';

/** What a person reads on the checklist and the report. */
export const ITEM_NAMES: Record<ItemKind, string> = {
  stemcomputer: 'Stemcomputer',
  aanraakscherm: 'Aanraakscherm',
  stembiljetprinter: 'Stembiljetprinter',
  kaartlezer: 'Chipkaartlezer',
  alarm: 'Licht en zoemer',
  handscanner: 'Handscanner',
  voorzitterscomputer: 'Voorzitterscomputer',
  scherm: 'Scherm',
  rapportprinter: 'Rapportprinter',
  kaartschrijver: 'Chipkaartschrijver',
  stembus: 'Stembus (bak en klep)',
  klepsturing: 'Klepsturing',
  stembusscanner: 'Scanner van de stembus',
  stembusdisplay: 'Display van de stembus',
  voedingskabel: 'Voedingskabel',
  'usb-kabel-printer': 'USB-kabel printer',
  'usb-kabel-kaartlezer': 'USB-kabel chipkaartlezer',
  'netwerkkabel-stembus': 'Netwerkkabel naar de stembus',
  videokabel: 'Videokabel scherm',
};

/** The device of a case whose own test report is collected (HARDWARE.md, per device). */
export const MAIN_DEVICE: Record<KofferKind, ItemKind> = { stemcomputer: 'stemcomputer', voorzitterscomputer: 'voorzitterscomputer', stembus: 'stembus' };

/** Every case's contents (HARDWARE.md); the hand scanner is in one stemcomputer case per station. */
export const KOFFER_CONTENTS: Record<KofferKind, { required: readonly ItemKind[]; optional: readonly ItemKind[] }> = {
  stemcomputer: { required: ['stemcomputer', 'aanraakscherm', 'stembiljetprinter', 'kaartlezer', 'alarm', 'voedingskabel', 'usb-kabel-printer', 'usb-kabel-kaartlezer', 'videokabel'], optional: ['handscanner'] },
  voorzitterscomputer: { required: ['voorzitterscomputer', 'scherm', 'rapportprinter', 'kaartschrijver', 'voedingskabel', 'usb-kabel-printer', 'usb-kabel-kaartlezer', 'netwerkkabel-stembus', 'videokabel'], optional: [] },
  stembus: { required: ['stembus', 'klepsturing', 'stembusscanner', 'stembusdisplay', 'voedingskabel', 'netwerkkabel-stembus'], optional: [] },
};

export type ItemState = 'unchecked' | 'ok' | 'defect' | 'missing';

export const STATE_NAMES: Record<ItemState, string> = { unchecked: 'niet afgevinkt', ok: 'in orde', defect: 'defect', missing: 'ontbreekt' };

export interface Item {
  kind: ItemKind;
  serial: string;
  state: ItemState;
  /** What is wrong (required for a defect or a missing item). */
  note?: string;
  /** The main device's Ed25519 public key (base64), registered with the case: its test reports are signed with it. */
  devicePublicKey?: string;
}

export interface CollectedReport {
  phase: 'fase-1' | 'fase-2';
  at: string;
  passed: boolean;
  implementation: 'simulated' | 'real';
  /** The titles and details of the checks that failed, and of failed devices. */
  failures: string[];
}

export interface Koffer {
  /** The label on the case ("K-0042"). */
  id: string;
  kind: KofferKind;
  /** The polling station it is meant for, when assigned. */
  station?: number;
  items: Item[];
  reports: CollectedReport[];
}

export const INVENTORY_FORMAT = 'ovs-koffer-inventory/1';

export interface Inventory {
  format: typeof INVENTORY_FORMAT;
  municipality: { nisCode: string; name: string };
  koffers: Koffer[];
}

export type InventoryError =
  | { code: 'duplicate-koffer' | 'unknown-koffer' | 'unknown-item' | 'serial-mismatch' | 'missing-serial' | 'duplicate-serial' | 'note-required' | 'not-in-koffer'; message: string };

const SERIAL = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;

/** A case registered with the serial number of every device and cable in it. */
export function addKoffer(inv: Inventory, k: { id: string; kind: KofferKind; station?: number; serials: Partial<Record<ItemKind, string>>; devicePublicKey?: string }): Result<Inventory, InventoryError> {
  if (inv.koffers.some((x) => x.id === k.id)) return err({ code: 'duplicate-koffer', message: `Koffer ${k.id} staat al in de inventaris.` });
  const contents = KOFFER_CONTENTS[k.kind];
  for (const kind of Object.keys(k.serials) as ItemKind[]) {
    if (!contents.required.includes(kind) && !contents.optional.includes(kind)) return err({ code: 'not-in-koffer', message: `${ITEM_NAMES[kind]} hoort niet in een koffer ${k.kind}.` });
  }
  const items: Item[] = [];
  for (const kind of [...contents.required, ...contents.optional]) {
    const serial = k.serials[kind]?.trim();
    if (serial === undefined || serial === '') {
      if (contents.required.includes(kind)) return err({ code: 'missing-serial', message: `Koffer ${k.id}: het serienummer van ${ITEM_NAMES[kind].toLowerCase()} ontbreekt.` });
      continue;
    }
    if (!SERIAL.test(serial)) return err({ code: 'missing-serial', message: `Koffer ${k.id}: "${serial}" is geen serienummer (letters, cijfers, . _ / -; hoogstens 40 tekens).` });
    const elsewhere = inv.koffers.find((x) => x.items.some((i) => i.kind === kind && i.serial === serial));
    if (elsewhere) return err({ code: 'duplicate-serial', message: `${ITEM_NAMES[kind]} ${serial} staat al in koffer ${elsewhere.id}.` });
    items.push({ kind, serial, state: 'unchecked', ...(kind === MAIN_DEVICE[k.kind] && k.devicePublicKey ? { devicePublicKey: k.devicePublicKey } : {}) });
  }
  const koffer: Koffer = { id: k.id, kind: k.kind, ...(k.station !== undefined ? { station: k.station } : {}), items, reports: [] };
  return ok({ ...inv, koffers: [...inv.koffers, koffer] });
}

/**
 * The technician checks off one item: the serial read from the item must be the registered
 * one (a swapped printer is found here), and a defect or a missing item says what is wrong.
 */
export function checkOff(inv: Inventory, c: { koffer: string; kind: ItemKind; serial: string; state: Exclude<ItemState, 'unchecked'>; note?: string }): Result<Inventory, InventoryError> {
  const koffer = inv.koffers.find((k) => k.id === c.koffer);
  if (!koffer) return err({ code: 'unknown-koffer', message: `Koffer ${c.koffer} staat niet in de inventaris van ${inv.municipality.name}.` });
  const item = koffer.items.find((i) => i.kind === c.kind);
  if (!item) return err({ code: 'unknown-item', message: `Koffer ${koffer.id} heeft geen ${ITEM_NAMES[c.kind].toLowerCase()}.` });
  const note = c.note?.trim();
  if (c.state !== 'missing' && c.serial.trim() !== item.serial) {
    return err({ code: 'serial-mismatch', message: `${ITEM_NAMES[c.kind]} in koffer ${koffer.id} heeft serienummer ${c.serial.trim()}, maar geregistreerd is ${item.serial}: werd het toestel vervangen? Registreer het vervangtoestel of zoek het juiste.` });
  }
  if (c.state !== 'ok' && !note) return err({ code: 'note-required', message: `Schrijf bij ${c.state === 'defect' ? 'een defect' : 'een ontbrekend stuk'} wat er mis is.` });
  const updated: Item = { ...item, state: c.state, ...(note && c.state !== 'ok' ? { note } : {}) };
  if (c.state === 'ok') delete updated.note;
  return ok({ ...inv, koffers: inv.koffers.map((k) => (k === koffer ? { ...k, items: k.items.map((i) => (i === item ? updated : i)) } : k)) });
}
