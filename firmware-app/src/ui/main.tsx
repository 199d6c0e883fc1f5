// The kiosk page's entry: one app, talking to the backend that served it.
import { render } from 'preact';
import { createVotingClient } from '../api/client.ts';
import { App } from './app.tsx';

const root = document.getElementById('app');
const client = createVotingClient('');
// The session (a cookie and its token) is the machine's, made when the page loads, before any
// voter: the same for every voter, it says nothing about one (the no-trace test checks it).
void client.ready().catch(() => undefined);
if (root) render(<App client={client} />, root);
