import { candidateKey, differences, listOnlyKey, stemcijferKey, type FieldKey, type TelbureauTable } from './table.ts';

/**
 * The checks of a typed-in table. An error (F.1xx) is a table that cannot be right: a sum that
 * does not add up. It must be resolved before the second entry — the typist corrects a typing
 * error, or, when the paper itself holds it, the voorzitter discards the entry and the telbureau's
 * table is corrected on paper first. A warning (W.2xx) is a table that may be right but is
 * unusual; the typist confirms that the paper says so, and the voorzitter sees it.
 *
 * Each check has a stable code, a text for the typist (what to look at on the paper) and one
 * for the voorzitter (what it means and what to do); README.md lists them all.
 */
export type ErrorCode = 'F.101' | 'F.102' | 'F.103' | 'F.104' | 'F.105';
export type WarningCode = 'W.201' | 'W.202' | 'W.203' | 'W.204' | 'W.205';
export type CheckCode = ErrorCode | WarningCode;

export interface CheckText {
  readonly severity: 'fout' | 'waarschuwing';
  readonly title: string;
  readonly typist: string;
  readonly voorzitter: string;
}

export const CHECKS: Record<CheckCode, CheckText> = {
  'F.101': {
    severity: 'fout',
    title: 'geldige + blanco + ongeldige stembiljetten ≠ getelde stembiljetten',
    typist: 'Controleer de aantallen geldige, blanco, ongeldige en getelde stembiljetten: hun som klopt niet. Hebt u een cijfer verkeerd overgenomen? Verbeter het.',
    voorzitter: 'De som van de geldige, blanco en ongeldige stembiljetten is niet het aantal getelde stembiljetten. Staat dit zo op de tabel van het telbureau, laat dan de tabel verbeteren en verwerp deze invoer.',
  },
  'F.102': {
    severity: 'fout',
    title: 'som van de stemcijfers ≠ geldige stembiljetten',
    typist: 'Controleer de stemcijfers van de lijsten en het aantal geldige stembiljetten: de som van de stemcijfers moet het aantal geldige stembiljetten zijn.',
    voorzitter: 'De stemcijfers van de lijsten samen zijn niet het aantal geldige stembiljetten. Staat dit zo op de tabel van het telbureau, laat dan de tabel verbeteren en verwerp deze invoer.',
  },
  'F.103': {
    severity: 'fout',
    title: 'stembiljetten met alleen een lijststem > stemcijfer van de lijst',
    typist: 'Controleer bij deze lijst het stemcijfer en het aantal stembiljetten met alleen een lijststem: dat laatste kan niet groter zijn.',
    voorzitter: 'Een lijst heeft meer stembiljetten met alleen een lijststem dan stembiljetten in totaal. Staat dit zo op de tabel van het telbureau, laat dan de tabel verbeteren en verwerp deze invoer.',
  },
  'F.104': {
    severity: 'fout',
    title: 'kandidaat met meer naamstemmen dan de stembiljetten met naamstemmen van de lijst',
    typist: 'Controleer de naamstemmen van deze kandidaat en het stemcijfer van de lijst: een kandidaat kan niet meer naamstemmen hebben dan er stembiljetten met naamstemmen voor de lijst zijn.',
    voorzitter: 'Een kandidaat heeft meer naamstemmen dan de lijst stembiljetten met naamstemmen heeft (stemcijfer min de stembiljetten met alleen een lijststem). Staat dit zo op de tabel van het telbureau, laat dan de tabel verbeteren en verwerp deze invoer.',
  },
  'F.105': {
    severity: 'fout',
    title: 'minder naamstemmen dan stembiljetten met naamstemmen',
    typist: 'Controleer de naamstemmen van de kandidaten van deze lijst: elk stembiljet met naamstemmen draagt minstens één naamstem, dus hun som kan niet kleiner zijn.',
    voorzitter: 'De naamstemmen van een lijst samen zijn minder dan haar stembiljetten met naamstemmen. Staat dit zo op de tabel van het telbureau, laat dan de tabel verbeteren en verwerp deze invoer.',
  },
  'W.201': {
    severity: 'waarschuwing',
    title: 'blanco stembiljetten: 3 % of meer van de getelde stembiljetten',
    typist: 'Het aantal blanco stembiljetten is hoog. Controleer of u het juist hebt overgenomen; staat het zo op papier, ga dan verder.',
    voorzitter: 'Dit telbureau telde 3 % of meer blanco stembiljetten. Ga na of het telbureau dit verklaart (opmerkingen in zijn PV).',
  },
  'W.202': {
    severity: 'waarschuwing',
    title: 'ongeldige stembiljetten: 3 % of meer van de getelde stembiljetten',
    typist: 'Het aantal ongeldige stembiljetten is hoog. Controleer of u het juist hebt overgenomen; staat het zo op papier, ga dan verder.',
    voorzitter: 'Dit telbureau telde 3 % of meer ongeldige stembiljetten. Ga na of het telbureau dit verklaart (opmerkingen in zijn PV).',
  },
  'W.203': {
    severity: 'waarschuwing',
    title: 'getelde stembiljetten ≠ uitgereikte stembiljetten',
    typist: 'Het aantal getelde stembiljetten verschilt van het aantal uitgereikte. Controleer beide cijfers; staan ze zo op papier, ga dan verder.',
    voorzitter: 'In de stembussen zaten meer of minder stembiljetten dan de stembureaus volgens hun PV uitreikten. Ga na of de PV’s van de stembureaus en van het telbureau dit verschil verklaren.',
  },
  'W.204': {
    severity: 'waarschuwing',
    title: 'dubbele ingave van eenzelfde telbureau?',
    typist: 'Deze tabel is identiek aan die van een ander telbureau. Controleer of u de tabel van het juiste telbureau voor u hebt.',
    voorzitter: 'Twee telbureaus hebben identieke tabellen: wellicht werd de tabel van eenzelfde telbureau twee keer ingegeven. Controleer de nummers van de telbureaus op de tabellen.',
  },
  'W.205': {
    severity: 'waarschuwing',
    title: 'meer getelde stembiljetten dan ingeschreven kiezers',
    typist: 'Er zijn meer getelde stembiljetten dan kiezers in de stembureaus van dit telbureau. Controleer het aantal; staat het zo op papier, ga dan verder.',
    voorzitter: 'Het telbureau telde meer stembiljetten dan de stembureaus die het telt kiezers hebben. Controleer de toewijzing van de stembureaus aan dit telbureau en de tabel.',
  },
};

export const ERROR_CODES = ['F.101', 'F.102', 'F.103', 'F.104', 'F.105'] as const satisfies readonly ErrorCode[];
export const WARNING_CODES = ['W.201', 'W.202', 'W.203', 'W.204', 'W.205'] as const satisfies readonly WarningCode[];

export interface Finding {
  readonly code: CheckCode;
  /** The fields to mark on the screen. */
  readonly fields: readonly FieldKey[];
  /** The figures involved, in words: "geldig 400 + blanco 10 + ongeldig 3 = 413, geteld 412". */
  readonly detail: string;
}

export const isError = (f: Finding): boolean => CHECKS[f.code].severity === 'fout';

export interface CheckContext {
  /** The registered voters of the stations the telbureau counts (W.205), when known. */
  readonly registeredVoters?: number;
  /** The other telbureaus' tables of the same election, entered so far (W.204). */
  readonly others?: ReadonlyArray<{ readonly telbureau: string; readonly table: TelbureauTable }>;
}

/** Three percent or more, in whole numbers (no rounding at the boundary). */
const atLeast3Percent = (part: number, whole: number): boolean => whole > 0 && part * 100 >= 3 * whole;

export function checkTable(table: TelbureauTable, context: CheckContext = {}): Finding[] {
  const out: Finding[] = [];
  const { ballots, valid, blank, invalid } = table;
  if (valid + blank + invalid !== ballots) {
    out.push({ code: 'F.101', fields: ['valid', 'blank', 'invalid', 'ballots'], detail: `geldig ${valid} + blanco ${blank} + ongeldig ${invalid} = ${valid + blank + invalid}, geteld ${ballots}` });
  }
  const sum = table.lists.reduce((s, l) => s + l.stemcijfer, 0);
  if (sum !== valid) {
    out.push({ code: 'F.102', fields: ['valid', ...table.lists.map((l) => stemcijferKey(l.number))], detail: `som van de stemcijfers ${sum}, geldig ${valid}` });
  }
  for (const l of table.lists) {
    if (l.listOnly > l.stemcijfer) {
      out.push({ code: 'F.103', fields: [stemcijferKey(l.number), listOnlyKey(l.number)], detail: `lijst ${l.number}: ${l.listOnly} met alleen een lijststem, stemcijfer ${l.stemcijfer}` });
      continue;
    }
    const withNames = l.stemcijfer - l.listOnly;
    l.preferenceVotes.forEach((v, i) => {
      if (v > withNames) {
        out.push({
          code: 'F.104',
          fields: [candidateKey(l.number, i + 1), stemcijferKey(l.number), listOnlyKey(l.number)],
          detail: `lijst ${l.number}, kandidaat ${i + 1}: ${v} naamstemmen, ${withNames} stembiljetten met naamstemmen`,
        });
      }
    });
    const names = l.preferenceVotes.reduce((s, v) => s + v, 0);
    if (names < withNames) {
      out.push({
        code: 'F.105',
        fields: [stemcijferKey(l.number), listOnlyKey(l.number), ...l.preferenceVotes.map((_, i) => candidateKey(l.number, i + 1))],
        detail: `lijst ${l.number}: ${names} naamstemmen, ${withNames} stembiljetten met naamstemmen`,
      });
    }
  }
  if (atLeast3Percent(blank, ballots)) out.push({ code: 'W.201', fields: ['blank'], detail: `${blank} blanco van ${ballots} getelde stembiljetten` });
  if (atLeast3Percent(invalid, ballots)) out.push({ code: 'W.202', fields: ['invalid'], detail: `${invalid} ongeldige van ${ballots} getelde stembiljetten` });
  if (ballots !== table.handedOut) {
    out.push({ code: 'W.203', fields: ['ballots', 'handedOut'], detail: `geteld ${ballots}, uitgereikt ${table.handedOut} (verschil ${ballots - table.handedOut > 0 ? '+' : ''}${ballots - table.handedOut})` });
  }
  for (const o of context.others ?? []) {
    if (differences(table, o.table).length === 0) out.push({ code: 'W.204', fields: [], detail: `identiek aan de tabel van telbureau ${o.telbureau}` });
  }
  if (context.registeredVoters !== undefined && ballots > context.registeredVoters) {
    out.push({ code: 'W.205', fields: ['ballots'], detail: `geteld ${ballots}, ingeschreven kiezers ${context.registeredVoters}` });
  }
  return out;
}
