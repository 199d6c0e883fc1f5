// The day of the opening (issue 11). The election date of the package is a local date in
// Belgium; a stick whose session was started, or whose vote was opened or closed, on another
// local day holds the votes of another opening of the station: a test opening the day before, or
// a console whose clock was wrong. Seeds 001 and 002: the president opens the polling station on
// election day, and what is irregular is for the hoofdbureau to decide — so such a stick is
// valid (everything on it verifies) but carries a warning, and the hoofdbureau imports it only
// when its voorzitter decides to (hoofdbureau README, "Another day").
export const ELECTION_TIME_ZONE = 'Europe/Brussels';

const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: ELECTION_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const SPOKEN_DAY = new Intl.DateTimeFormat('nl-BE', { timeZone: ELECTION_TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const SPOKEN_TIME = new Intl.DateTimeFormat('nl-BE', { timeZone: ELECTION_TIME_ZONE, hour: '2-digit', minute: '2-digit' });

/** The local date (YYYY-MM-DD, Europe/Brussels) of an ISO instant. */
export function localDate(iso: string): string {
  const parts = Object.fromEntries(DAY.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: ELECTION_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' });

/** The local hour (0–23, Europe/Brussels) of an ISO instant. */
export const localHour = (iso: string): number => Number(HOUR.format(new Date(iso)));

/** Decree art. 15: the polling stations are open from 8 to 15 h. */
export const VOTING_HOURS = { from: 8, until: 15 } as const;

/**
 * Where an instant stands against the election day (decree art. 9 §3: the envelope may be handed
 * over the day before, the station opens on the day itself; art. 15: from 8 to 15 h). On a later
 * day the sticks carry the off-day warning already (momentsOffElectionDay): the hours are not judged.
 */
export type DayPosition = 'before-day' | 'before-8' | 'voting-hours' | 'after-15' | 'after-day';

export function dayPosition(electionDate: string, iso: string): DayPosition {
  const date = localDate(iso);
  if (date < electionDate) return 'before-day';
  if (date > electionDate) return 'after-day';
  const hour = localHour(iso);
  return hour < VOTING_HOURS.from ? 'before-8' : hour >= VOTING_HOURS.until ? 'after-15' : 'voting-hours';
}

export type OpeningMoment = 'startedAt' | 'openedAt' | 'closedAt';

export interface OffDayMoment {
  moment: OpeningMoment;
  at: string;
  /** Its local date. */
  date: string;
}

/** The moments of a session (session.json startedAt, the closing record's openedAt and closedAt) that are not on the election date. */
export function momentsOffElectionDay(electionDate: string, moments: { startedAt: string; openedAt: string | null; closedAt: string | null }): OffDayMoment[] {
  const out: OffDayMoment[] = [];
  for (const moment of ['startedAt', 'openedAt', 'closedAt'] as const) {
    const at = moments[moment];
    if (at === null) continue;
    const date = localDate(at);
    if (date !== electionDate) out.push({ moment, at, date });
  }
  return out;
}

const WHAT: Record<OpeningMoment, string> = {
  startedAt: 'de sticks werden geopend',
  openedAt: 'de stemming werd geopend',
  closedAt: 'de stemming werd gesloten',
};

/** "13 oktober 2024" for a YYYY-MM-DD date. */
export const spokenDate = (date: string): string => SPOKEN_DAY.format(new Date(`${date}T12:00:00Z`));

/** What the check says about a stick of another day, in one sentence. */
export function offDayMessage(electionDate: string, moments: readonly OffDayMoment[]): string {
  const said = moments.map((m) => `${WHAT[m.moment]} op ${SPOKEN_DAY.format(new Date(m.at))} om ${SPOKEN_TIME.format(new Date(m.at))}`);
  return `Niet op de verkiezingsdag (${spokenDate(electionDate)}): ${said.join(', ')}. Dit kan een testopening zijn of een verkeerd ingestelde klok van de voorzitterscomputer.`;
}
