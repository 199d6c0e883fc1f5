// The JSON API of the hoofdbureau server, as the browser sees it (byte arrays arrive as hex).
// Every change goes with the session's CSRF token (@ovs/web-guard/client). An answer 401 means
// the session ended (elsewhere, idle, logged out): the app then asks who is logged in again.
import { createGuardedClient } from '@ovs/web-guard/client';
import type { Overview, StationDetail } from '../views.ts';
import type { StickEntry } from '../../stick/stick-folder.ts';
import type { ResultsDoc } from '../../results/compute.ts';
import type { CheckReport, ImportReport } from '../../import/reports.ts';
import type { Account } from '../../staff/accounts.ts';
import type { AuditEntry } from '../../staff/audit.ts';
import type { Composition } from '../../staff/composition.ts';
import type { Action, Operator } from '../../staff/permissions.ts';
import type { EntryOutcome, Resolution, TelbureauForm, TelbureauReview, TelbureauSummary } from '../../paper/desk.ts';
import type { PaperConfig, Series } from '../../paper/setup.ts';
import type { EntryRefusal, FieldKey, TelbureauTable } from '@ovs/paper-count';

export type OverviewData = Overview & { sticks: StickEntry[] | null };
export type { StationDetail, ResultsDoc, CheckReport, ImportReport, StickEntry, Account, AuditEntry, Composition };

export interface Me {
  operator: Operator | null;
  roleName: string | null;
  mustChange: boolean;
  allowed: Action[];
  problem?: string;
  name?: string;
  username?: string;
  idleMinutes?: number;
}

export interface CompositionData {
  composition: Composition;
  elections: Array<{ id: string; title: string; lists: Array<{ number: number; name: string }> }>;
}

export type StaffAccount = Account & { lastSeen: string | null };

export interface PaperData {
  telbureaus: TelbureauSummary[];
  paperStations: number[];
  unlinked: Array<{ series: Series; station: number }>;
  stations: Array<{ number: number; name: string; deelgebied: string; registeredVoters: number }>;
}
export type { TelbureauForm, TelbureauReview, TelbureauSummary, EntryOutcome, Resolution, PaperConfig, EntryRefusal, FieldKey, TelbureauTable };

/** An entry's answer: saved, or refused with the checks' findings (the screen shows them by the fields). */
export type EntryAnswer = { ok: true; outcome: EntryOutcome } | { ok: false; error: string; refusal?: EntryRefusal; field?: FieldKey };

const http = createGuardedClient();

/** Set by the app: called when the server says the session is gone. */
export const onSessionLost: { handler: () => void } = { handler: () => undefined };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, o: { poll?: boolean } = {}): Promise<T> {
  const res = method === 'GET' ? await http.get(path, o.poll ? { headers: { 'X-OVS-Poll': '1' } } : {}) : await http.post(path, body);
  // The app's own errors name the problem in `error`; the guard's refusals say it in `message`.
  const data = (await res.json()) as T & { error?: string; message?: string };
  if (res.status === 401 && !path.startsWith('/api/login') && path !== '/api/password') onSessionLost.handler();
  if (!res.ok) throw new ApiError(data.message ?? data.error ?? `HTTP ${res.status}`, res.status);
  return data;
}

async function entryCall(path: string, body: unknown): Promise<EntryAnswer> {
  const res = await http.post(path, body);
  const data = (await res.json()) as EntryOutcome & { error?: string; message?: string; refusal?: EntryRefusal; field?: FieldKey };
  if (res.status === 401) onSessionLost.handler();
  if (res.ok) return { ok: true, outcome: data };
  return { ok: false, error: data.message ?? data.error ?? `HTTP ${res.status}`, ...(data.refusal ? { refusal: data.refusal } : {}), ...(data.field ? { field: data.field } : {}) };
}

const tb = (id: string): string => `/api/paper/${encodeURIComponent(id)}`;

export const api = {
  me: () => call<Me>('GET', '/api/me', undefined, { poll: true }),
  login: (username: string, password: string) => call<Me>('POST', '/api/login', { username, password }),
  logout: () => call<{ ok: true }>('POST', '/api/logout'),
  changePassword: (current: string, next: string) => call<Me>('POST', '/api/password', { current, next }),
  overview: (poll = false) => call<OverviewData>('GET', '/api/overview', undefined, { poll }),
  station: (n: number) => call<StationDetail>('GET', `/api/stations/${n}`),
  results: () => call<ResultsDoc>('GET', '/api/results'),
  check: (stick: string) => call<CheckReport>('POST', `/api/sticks/${encodeURIComponent(stick)}/check`),
  import: (stick: string, options: { copy: boolean; acceptOtherDay: boolean }) => call<ImportReport>('POST', `/api/sticks/${encodeURIComponent(stick)}/import`, options),
  staff: () => call<{ accounts: StaffAccount[] }>('GET', '/api/staff'),
  createAccount: (a: { username: string; name: string; role: string }) => call<{ account: Account; temporaryPassword: string }>('POST', '/api/staff', a),
  resetPassword: (username: string) => call<{ temporaryPassword: string }>('POST', `/api/staff/${encodeURIComponent(username)}/reset`),
  setActive: (username: string, active: boolean) => call<{ ok: true }>('POST', `/api/staff/${encodeURIComponent(username)}/active`, { active }),
  composition: () => call<CompositionData>('GET', '/api/composition'),
  saveComposition: (c: Composition) => call<{ composition: Composition }>('POST', '/api/composition', c),
  audit: () => call<{ entries: AuditEntry[] }>('GET', '/api/audit'),
  paper: (poll = false) => call<PaperData>('GET', '/api/paper', undefined, { poll }),
  configurePaper: (c: PaperConfig) => call<unknown>('POST', '/api/paper/config', c),
  claim: (id: string) => call<TelbureauForm>('POST', `${tb(id)}/claim`),
  release: (id: string) => call<{ ok: true }>('POST', `${tb(id)}/release`),
  form: (id: string) => call<TelbureauForm>('GET', `${tb(id)}/form`),
  enter: (id: string, election: string, table: TelbureauTable, flags: { acceptWarnings: boolean; confirmErrors: boolean }) =>
    entryCall(`${tb(id)}/${encodeURIComponent(election)}/entry`, { table, ...flags }),
  correct: (id: string, election: string, values: Record<FieldKey, number>, flags: { acceptWarnings: boolean; confirmErrors: boolean }) =>
    entryCall(`${tb(id)}/${encodeURIComponent(election)}/correct`, { values, ...flags }),
  review: (id: string) => call<TelbureauReview>('GET', `${tb(id)}/review`),
  resolve: (id: string, election: string, resolution: Resolution) => call<EntryOutcome>('POST', `${tb(id)}/${encodeURIComponent(election)}/resolve`, { resolution }),
  lock: (id: string) => call<TelbureauSummary>('POST', `${tb(id)}/lock`),
  server: () => call<Record<string, unknown>>('GET', '/api/server'),
};
