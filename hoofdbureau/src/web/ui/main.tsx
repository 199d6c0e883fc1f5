// The hoofdbureau's screens: first the login (and a temporary password changed), then the
// overview of the polling stations (expected / imported / problem) with the sticks in the
// reader, the detail of one station, results and seats, the bureau's composition, the accounts
// and the audit log — each only for the roles that may see it, the person and role always shown.
// Hash routes, and a refresh every two seconds so imports from other workstations, the CLI or
// the simulation show up by themselves (that refresh does not count as activity: an unattended
// workstation is logged out when idle).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Action } from '../../staff/permissions.ts';
import { api, onSessionLost, type Me, type OverviewData } from './api.ts';
import { AuditPage } from './audit.tsx';
import { Allowed } from './can.ts';
import { CompositionPage } from './composition.tsx';
import { LoginPage, PasswordPage } from './login.tsx';
import { OverviewPage } from './overview.tsx';
import { EntryPage, PaperConfigPage, PaperPage, ReviewPage } from './paper.tsx';
import { ResultsPage } from './results.tsx';
import { ServerPage } from './server.tsx';
import { StaffPage } from './staff.tsx';
import { StationPage } from './station.tsx';
import { ReceiptsPage } from './receipts.tsx';

type Route =
  | { page: 'overview' }
  | { page: 'station'; number: number }
  | { page: 'results' }
  | { page: 'composition' }
  | { page: 'staff' }
  | { page: 'audit' }
  | { page: 'password' }
  | { page: 'paper' }
  | { page: 'paper-config' }
  | { page: 'entry'; telbureau: string }
  | { page: 'review'; telbureau: string }
  | { page: 'server' }
  | { page: 'receipts' };

const PAGES: Record<string, Route> = {
  '#/resultaten': { page: 'results' },
  '#/samenstelling': { page: 'composition' },
  '#/accounts': { page: 'staff' },
  '#/auditlog': { page: 'audit' },
  '#/server': { page: 'server' },
  '#/wachtwoord': { page: 'password' },
  '#/telbureaus': { page: 'paper' },
  '#/telbureaus/koppelen': { page: 'paper-config' },
  '#/ontvangst': { page: 'receipts' },
};

function parseRoute(hash: string): Route {
  const station = /^#\/stembureau\/(\d+)$/.exec(hash);
  if (station) return { page: 'station', number: Number(station[1]) };
  const telbureau = /^#\/telbureau\/([GP]\d{1,3})(\/beslissen)?$/.exec(hash);
  if (telbureau) return telbureau[2] ? { page: 'review', telbureau: telbureau[1]! } : { page: 'entry', telbureau: telbureau[1]! };
  return PAGES[hash] ?? { page: 'overview' };
}

/** The action a page needs; the beheerder, who sees no results, starts at the audit log. */
const NEEDS: Record<Route['page'], Action | null> = {
  overview: 'results.view',
  station: 'results.view',
  results: 'results.view',
  composition: 'results.view',
  staff: 'staff.manage',
  audit: 'audit.view',
  server: 'server.settings',
  password: null,
  paper: 'results.view',
  'paper-config': 'paper.configure',
  entry: 'paper.entry',
  review: 'paper.resolve',
  receipts: 'stick.import',
};

function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const whoAmI = (): void => void api.me().then(setMe, (e: Error) => setLoadError(e.message));
  useEffect(() => {
    onSessionLost.handler = whoAmI;
    whoAmI();
  }, []);
  if (loadError && !me) return <div class="problem">De server antwoordt niet: {loadError}</div>;
  if (!me) return <p>Laden…</p>;
  if (!me.operator) {
    return (
      <>
        <header>
          <h1>Hoofdbureau — resultatenbeheer</h1>
        </header>
        <main>{me.mustChange ? <PasswordPage forced onDone={setMe} /> : <LoginPage problem={me.problem} onDone={setMe} />}</main>
      </>
    );
  }
  return (
    <Allowed.Provider value={new Set(me.allowed)}>
      <Counting me={me as Me & { operator: NonNullable<Me['operator']> }} onMe={setMe} />
    </Allowed.Provider>
  );
}

function Counting({ me, onMe }: { me: Me & { operator: NonNullable<Me['operator']> }; onMe: (me: Me) => void }) {
  const allowed = new Set(me.allowed);
  const [route, setRoute] = useState<Route>(parseRoute(location.hash));
  const [data, setData] = useState<OverviewData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reads = allowed.has('results.view');
  const refresh = (poll = false): void => {
    if (!reads) return setVersion((v) => v + 1);
    api.overview(poll).then(
      (d) => {
        setData(d);
        setError(null);
        setVersion((v) => v + 1);
      },
      (e: Error) => setError(e.message),
    );
  };
  useEffect(() => {
    const onHash = (): void => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    refresh();
    const timer = setInterval(() => refresh(true), 2000);
    return () => {
      window.removeEventListener('hashchange', onHash);
      clearInterval(timer);
    };
  }, []);
  const need = NEEDS[route.page];
  const shown: Route = need === null || allowed.has(need) ? route : reads ? { page: 'overview' } : { page: 'audit' };
  const link = (hash: string, label: string, page: Route['page']) =>
    (NEEDS[page] === null || allowed.has(NEEDS[page])) && (
      <a href={hash} class={shown.page === page ? 'active' : ''}>
        {label}
      </a>
    );
  const logout = async (): Promise<void> => {
    await api.logout().catch(() => undefined);
    onMe({ operator: null, roleName: null, mustChange: false, allowed: [], problem: 'U bent afgemeld.' });
  };
  return (
    <>
      <header>
        <h1>Hoofdbureau {data?.municipality ?? ''}</h1>
        <nav>
          {link('#/', 'Digitale resultaten inlezen', 'overview')}
          {link('#/telbureaus', 'Tabellen van telbureaus invoeren', 'paper')}
          {link('#/resultaten', 'Resultaten en zetels', 'results')}
          {link('#/ontvangst', 'Ontvangst sticks', 'receipts')}
          {link('#/samenstelling', 'Samenstelling', 'composition')}
          {link('#/accounts', 'Accounts', 'staff')}
          {link('#/auditlog', 'Auditlog', 'audit')}
          {link('#/server', 'Server', 'server')}
        </nav>
        {data && (
          <span class="muted on-dark">
            {data.electionDate} · pakket {data.packageShortHash}
          </span>
        )}
        <span class="who" data-testid="who">
          {me.name ?? me.operator.name} — {me.roleName}
          <a href="#/wachtwoord">Wachtwoord wijzigen</a>
          <button class="small" onClick={() => void logout()}>
            Afmelden
          </button>
        </span>
      </header>
      <main>
        {error && <div class="problem">De server antwoordt niet: {error}</div>}
        {reads && !data && !error && <p>Laden…</p>}
        {data && shown.page === 'overview' && <OverviewPage data={data} refresh={refresh} />}
        {data && shown.page === 'station' && <StationPage number={shown.number} version={version} />}
        {data && shown.page === 'results' && <ResultsPage version={version} />}
        {shown.page === 'composition' && <CompositionPage />}
        {shown.page === 'staff' && <StaffPage me={me.operator} />}
        {shown.page === 'audit' && <AuditPage version={version} />}
        {shown.page === 'paper' && <PaperPage version={version} me={me.operator.username} />}
        {shown.page === 'paper-config' && <PaperConfigPage />}
        {shown.page === 'entry' && <EntryPage id={shown.telbureau} />}
        {shown.page === 'review' && <ReviewPage id={shown.telbureau} version={version} />}
        {shown.page === 'server' && <ServerPage />}
        {shown.page === 'receipts' && <ReceiptsPage />}
        {shown.page === 'password' && <PasswordPage forced={false} onDone={() => (location.hash = '#/')} onCancel={() => (location.hash = '#/')} />}
      </main>
    </>
  );
}

// The page's "Laden…" is for before the bundle runs; render() would leave it below the app.
const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);
