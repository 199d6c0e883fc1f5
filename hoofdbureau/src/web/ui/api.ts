// The JSON API of the hoofdbureau server, as the browser sees it (byte arrays arrive as hex).
// Every check and import goes with the session's CSRF token (@ovs/web-guard/client).
import { createGuardedClient } from '@ovs/web-guard/client';
import type { Overview, StationDetail } from '../views.ts';
import type { StickEntry } from '../../stick/stick-folder.ts';
import type { ResultsDoc } from '../../results/compute.ts';
import type { CheckReport, ImportReport } from '../../import/reports.ts';

export type OverviewData = Overview & { sticks: StickEntry[] | null };
export type { StationDetail, ResultsDoc, CheckReport, ImportReport, StickEntry };

const http = createGuardedClient();

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = method === 'GET' ? await http.get(path) : await http.post(path, body);
  // The app's own errors name the problem in `error`; the guard's refusals say it in `message`.
  const data = (await res.json()) as T & { error?: string; message?: string };
  if (!res.ok) throw new Error(data.message ?? data.error ?? `HTTP ${res.status}`);
  return data;
}

export const api = {
  overview: () => call<OverviewData>('GET', '/api/overview'),
  station: (n: number) => call<StationDetail>('GET', `/api/stations/${n}`),
  results: () => call<ResultsDoc>('GET', '/api/results'),
  check: (stick: string) => call<CheckReport>('POST', `/api/sticks/${encodeURIComponent(stick)}/check`),
  import: (stick: string, options: { copy: boolean; acceptOtherDay: boolean }) => call<ImportReport>('POST', `/api/sticks/${encodeURIComponent(stick)}/import`, options),
};
