// `npx koffer …`: the technician's inventory of the cases (seed 001 §XIV.1), one JSON file per
// municipality, rewritten atomically after each step (a failed step changes nothing).
//   koffer toestelsleutel DIR               (on the device, at installation)
//   koffer nieuw FILE --gemeente NIS --naam NAAM
//   koffer registreer FILE --koffer ID --soort stemcomputer|voorzitterscomputer|stembus [--stembureau N] [--sleutel PUB] ONDERDEEL=SERIENUMMER…
//   koffer afvinken FILE --koffer ID --onderdeel ONDERDEEL --serienummer S --toestand in-orde|defect|ontbreekt [--opmerking TEKST]
//   koffer verzamel FILE RAPPORT.json…      (testrapporten, ondertekend door het toestel)
//   koffer rapport FILE --csv OUT.csv --pdf OUT.pdf
import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import { defects, defectsCsv } from './defects.ts';
import { addKoffer, checkOff, ITEM_NAMES, KOFFER_KINDS, type Inventory, type ItemKind, type KofferKind } from './koffer.ts';
import { renderDefectsPdf } from './pdf.ts';
import { emptyInventory, parseInventory, serialiseInventory } from './store.ts';
import { collectTestReport } from './test-report.ts';
import { writeDeviceKey } from './device-key.ts';

const USAGE = `gebruik:
  koffer toestelsleutel DIR                (op het toestel, bij de installatie: DIR/device.key en device.pub)
  koffer nieuw FILE --gemeente NIS --naam NAAM
  koffer registreer FILE --koffer ID --soort ${KOFFER_KINDS.join('|')} [--stembureau N] [--sleutel PUBLIEKE-SLEUTEL] ONDERDEEL=SERIENUMMER…
  koffer afvinken FILE --koffer ID --onderdeel ONDERDEEL --serienummer S --toestand in-orde|defect|ontbreekt [--opmerking TEKST]
  koffer verzamel FILE RAPPORT.json…
  koffer rapport FILE --csv OUT.csv --pdf OUT.pdf
onderdelen: ${Object.keys(ITEM_NAMES).join(', ')}`;

const STATES = { 'in-orde': 'ok', defect: 'defect', ontbreekt: 'missing' } as const;

function fail(message: string, code = 2): number {
  console.error(message);
  return code;
}

async function load(file: string): Promise<Inventory | string> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    return `${file} kan niet gelezen worden (${(e as NodeJS.ErrnoException).code ?? 'fout'}).`;
  }
  const r = parseInventory(text);
  return r.ok ? r.value : `${file}: ${r.error}`;
}

async function save(file: string, inv: Inventory): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, serialiseInventory(inv));
  await fs.rename(tmp, file);
}

const isItem = (s: string): s is ItemKind => s in ITEM_NAMES;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        gemeente: { type: 'string' }, naam: { type: 'string' }, koffer: { type: 'string' }, soort: { type: 'string' }, stembureau: { type: 'string' }, sleutel: { type: 'string' },
        onderdeel: { type: 'string' }, serienummer: { type: 'string' }, toestand: { type: 'string' }, opmerking: { type: 'string' }, csv: { type: 'string' }, pdf: { type: 'string' },
      },
    });
  } catch (e) {
    return fail(`${(e as Error).message}\n${USAGE}`);
  }
  const { values: v, positionals } = parsed;
  const [file, ...args] = positionals;
  if (!file) return fail(USAGE);
  if (command === 'toestelsleutel') {
    const made = await writeDeviceKey(file);
    if (!made.ok) return fail(made.message, 1);
    console.log(`Toestelsleutel in ${file}/device.key (blijft op dit toestel); registreer bij de koffer: --sleutel ${made.publicKey}`);
    return 0;
  }
  if (command === 'nieuw') {
    if (!v.gemeente || !/^\d{5}$/.test(v.gemeente) || !v.naam?.trim()) return fail(`--gemeente (NIS-code van vijf cijfers) en --naam zijn nodig.\n${USAGE}`);
    try {
      await fs.writeFile(file, serialiseInventory(emptyInventory({ nisCode: v.gemeente, name: v.naam.trim() })), { flag: 'wx' });
    } catch {
      return fail(`${file} bestaat al of kan niet geschreven worden: een inventaris wordt nooit overschreven.`);
    }
    console.log(`Inventaris van ${v.naam.trim()} aangemaakt: ${file}`);
    return 0;
  }
  const inv = await load(file);
  if (typeof inv === 'string') return fail(inv);
  switch (command) {
    case 'registreer': {
      if (!v.koffer || !KOFFER_KINDS.includes(v.soort as KofferKind)) return fail(`--koffer ID en --soort ${KOFFER_KINDS.join('|')} zijn nodig.\n${USAGE}`);
      const station = v.stembureau === undefined ? undefined : Number(v.stembureau);
      if (station !== undefined && !(Number.isInteger(station) && station >= 1)) return fail(`--stembureau: "${v.stembureau}" is geen nummer van een stembureau.`);
      const serials: Partial<Record<ItemKind, string>> = {};
      for (const a of args) {
        const [item, serial] = a.split('=', 2);
        if (!item || serial === undefined || !isItem(item)) return fail(`"${a}" is geen ONDERDEEL=SERIENUMMER (onderdelen: ${Object.keys(ITEM_NAMES).join(', ')}).`);
        serials[item] = serial;
      }
      const r = addKoffer(inv, { id: v.koffer, kind: v.soort as KofferKind, serials, ...(station !== undefined ? { station } : {}), ...(v.sleutel ? { devicePublicKey: v.sleutel } : {}) });
      if (!r.ok) return fail(r.error.message, 1);
      await save(file, r.value);
      console.log(`Koffer ${v.koffer} geregistreerd.`);
      return 0;
    }
    case 'afvinken': {
      const state = STATES[v.toestand as keyof typeof STATES] as (typeof STATES)[keyof typeof STATES] | undefined;
      if (!v.koffer || !v.onderdeel || !isItem(v.onderdeel) || v.serienummer === undefined || !state) return fail(`--koffer, --onderdeel, --serienummer en --toestand in-orde|defect|ontbreekt zijn nodig.\n${USAGE}`);
      const r = checkOff(inv, { koffer: v.koffer, kind: v.onderdeel, serial: v.serienummer, state, ...(v.opmerking ? { note: v.opmerking } : {}) });
      if (!r.ok) return fail(r.error.message, 1);
      await save(file, r.value);
      console.log(`${ITEM_NAMES[v.onderdeel]} in koffer ${v.koffer}: ${v.toestand}.`);
      return 0;
    }
    case 'verzamel': {
      let current = inv;
      const problems: string[] = [];
      for (const path of args) {
        const bytes = await fs.readFile(path).catch(() => undefined);
        const r = bytes ? collectTestReport(current, new Uint8Array(bytes)) : { ok: false as const, error: { message: `${path} kan niet gelezen worden.` } };
        if (r.ok) {
          current = r.value.inventory;
          console.log(`${path}: verzameld bij koffer ${r.value.koffer}`);
        } else problems.push(`${path}: ${r.error.message}`);
      }
      await save(file, current);
      for (const p of problems) console.error(`GEWEIGERD ${p}`);
      return problems.length > 0 ? 1 : 0;
    }
    case 'rapport': {
      if (!v.csv && !v.pdf) return fail(`--csv OUT.csv en/of --pdf OUT.pdf zijn nodig.\n${USAGE}`);
      const summary = defects(inv);
      if (v.csv) await fs.writeFile(v.csv, defectsCsv(summary.rows));
      if (v.pdf) await fs.writeFile(v.pdf, await renderDefectsPdf(inv, summary));
      console.log(`${inv.municipality.name}: ${summary.koffers} koffers, ${summary.inOrder} in orde, ${summary.rows.length} problemen.`);
      return 0;
    }
    case undefined:
    default:
      return fail(USAGE);
  }
}
