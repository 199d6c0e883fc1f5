// The devices' self-tests report in English, for the driver's developers; the
// technician reads Dutch. Titles go by check id, details by their known shapes; an unknown
// detail (a new driver message) is printed as it is rather than lost.
import type { DeviceKind, SelfTestCheck } from './self-test.ts';

export const DEVICE_NAMES: Record<DeviceKind, string> = {
  printer: 'Printer',
  'card-reader': 'Kaartlezer',
  'ballot-box': 'Klepsturing',
  scanner: 'Scanner',
  'hand-scanner': 'Handscanner',
  alarm: 'Alarm',
};

const TITLES: Record<string, string> = {
  status: 'Klaar voor gebruik',
  paper: 'Papierrol',
  print: 'Testpagina afgedrukt en afgesneden',
  'print-quality': 'Afdrukkwaliteit (bekijk de pagina)',
  link: 'Antwoordt op de kabel',
  'test-card': 'Testkaart in de lezer',
  write: 'Schrijven en nalezen',
  'mark-used': 'Als gebruikt markeren',
  'mark-once': 'Een gebruikte kaart kan niet opnieuw gemarkeerd worden',
  output: 'Alarm aan- en uitschakelen',
  perceived: 'Licht en zoemer waargenomen',
  scan: 'Leest het testbiljet',
};

const DETAILS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^ready$/, () => 'klaar'],
  [/^paper present, not near its end$/, () => 'papier aanwezig, niet bijna op'],
  [/^paper near its end: put in a new roll$/, () => 'papier bijna op: leg een nieuwe rol in'],
  [/^paper out: put in a roll$/, () => 'geen papier: leg een rol in'],
  [/^cover open: close it$/, () => 'deksel open: sluit het'],
  [/^printer error \((.+)\)$/, (m) => `printerfout (${m[1]})`],
  [/^offline \((.+)\): check cable and power$/, (m) => `antwoordt niet (${m[1]}): kijk kabel en voeding na`],
  [/^the printer reported the job complete$/, () => 'de printer meldt de opdracht klaar'],
  [/^(.+) \((before|during) printing\)$/, (m) => `${m[1]} (${m[2] === 'before' ? 'voor' : 'tijdens'} het afdrukken)`],
  [/^black bar without white lines; .*$/, () => 'zwarte balk zonder witte lijnen; letters met accenten leesbaar; links, midden en rechts op hun plaats; nette snede'],
  [/^no answer: check cable and power$/, () => 'geen antwoord: kijk kabel en voeding na'],
  [/^(.+) firmware (.+)$/, (m) => `${m[1]}, firmware ${m[2]}`],
  [/^insert a technician test card .*$/, () => 'steek een testkaart van de technicus in (ze wordt overschreven) en test opnieuw'],
  [/^(\d+) bytes written and read back$/, (m) => `${m[1]} bytes geschreven en teruggelezen`],
  [/^marked and verified$/, () => 'gemarkeerd en nagelezen'],
  [/^second mark accepted$/, () => 'tweede markering aanvaard'],
  [/^already-used$/, () => 'al gebruikt'],
  [/^on and off$/, () => 'aan en uit'],
  [/^the alarm light lit and the buzzer sounded for 2 seconds$/, () => 'het alarmlicht brandde en de zoemer klonk 2 seconden'],
  [/^nothing read within (\d+) s: hold the test ballot under the scanner$/, (m) => `binnen ${m[1]} s niets gelezen: houd het testbiljet onder de scanner`],
  [/^qr, (\d+) bytes$/, (m) => `QR-code, ${m[1]} bytes`],
];

export const deviceTitle = (c: SelfTestCheck): string => TITLES[c.id] ?? c.title;

export function deviceDetail(detail: string): string {
  for (const [re, dutch] of DETAILS) {
    const m = re.exec(detail);
    if (m) return dutch(m);
  }
  return detail;
}
