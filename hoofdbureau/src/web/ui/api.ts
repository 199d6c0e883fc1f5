// The JSON API of the hoofdbureau server, as the browser sees it (byte arrays arrive as hex).
import type { Overview, StationDetail } from '../views.ts';
import type { StickEntry } from '../../stick/stick-folder.ts';
import type { ResultsDoc } from '../../results/compute.ts';
import type { CheckReport, ImportReport } from '../../import/reports.ts';

export type OverviewData = Overview & { sticks: StickEntry[] | null };
export type { StationDetail, ResultsDoc, CheckReport, ImportReport, StickEntry };

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const data = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(data.error ?? `HTTP ${res.status}`);
  return data;
}

export const api = {
  overview: () => call<OverviewData>('GET', '/api/overview'),
  station: (n: number) => call<StationDetail>('GET', `/api/stations/${n}`),
  results: () => call<ResultsDoc>('GET', '/api/results'),
  check: (stick: string) => call<CheckReport>('POST', `/api/sticks/${encodeURIComponent(stick)}/check`),
  import: (stick: string, options: { copy: boolean; acceptOtherDay: boolean }) => call<ImportReport>('POST', `/api/sticks/${encodeURIComponent(stick)}/import`, options),
};
