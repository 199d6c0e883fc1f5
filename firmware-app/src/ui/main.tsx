// The kiosk page's entry: one app, talking to the backend that served it.
import { render } from 'preact';
import { createVotingClient } from '../api/client.ts';
import { App } from './app.tsx';

const root = document.getElementById('app');
if (root) render(<App client={createVotingClient('')} />, root);
