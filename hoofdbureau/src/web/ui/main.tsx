// The hoofdbureau's screens: overview of the polling stations (expected / imported / problem)
// with the sticks in the reader, the detail of one station, and results and seats. Hash routes,
// and a refresh every two seconds so imports from the CLI or the simulation show up by themselves.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type OverviewData } from './api.ts';
import { OverviewPage } from './overview.tsx';
import { ResultsPage } from './results.tsx';
import { StationPage } from './station.tsx';
import { ReceiptsPage } from './receipts.tsx';

type Route = { page: 'overview' } | { page: 'station'; number: number } | { page: 'results' } | { page: 'receipts' };

function parseRoute(hash: string): Route {
  const station = /^#\/stembureau\/(\d+)$/.exec(hash);
  if (station) return { page: 'station', number: Number(station[1]) };
  if (hash === '#/resultaten') return { page: 'results' };
  if (hash === '#/ontvangst') return { page: 'receipts' };
  return { page: 'overview' };
}

function App() {
  const [route, setRoute] = useState<Route>(parseRoute(location.hash));
  const [data, setData] = useState<OverviewData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const refresh = (): void => {
    api.overview().then(
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
    const timer = setInterval(refresh, 2000);
    return () => {
      window.removeEventListener('hashchange', onHash);
      clearInterval(timer);
    };
  }, []);
  return (
    <>
      <header>
        <h1>Hoofdbureau {data?.municipality ?? ''}</h1>
        <nav>
          <a href="#/" class={route.page === 'overview' ? 'active' : ''}>
            Stembureaus
          </a>
          <a href="#/resultaten" class={route.page === 'results' ? 'active' : ''}>
            Resultaten en zetels
          </a>
          <a href="#/ontvangst" class={route.page === 'receipts' ? 'active' : ''}>
            Ontvangst sticks
          </a>
        </nav>
        {data && (
          <span class="muted" style="color:#c9d6e8">
            {data.electionDate} · pakket {data.packageShortHash}
          </span>
        )}
      </header>
      <main>
        {error && <div class="problem">De server antwoordt niet: {error}</div>}
        {!data && !error && <p>Laden…</p>}
        {data && route.page === 'overview' && <OverviewPage data={data} refresh={refresh} />}
        {data && route.page === 'station' && <StationPage number={route.number} version={version} />}
        {data && route.page === 'results' && <ResultsPage version={version} />}
        {route.page === 'receipts' && <ReceiptsPage />}
      </main>
    </>
  );
}

// The page's "Laden…" is for before the bundle runs; render() would leave it below the app.
const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);
