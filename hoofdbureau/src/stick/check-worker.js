// Worker bootstrap: the sources are TypeScript, so register tsx before loading them (as bin/ does).
import { register } from 'tsx/esm/api';

register();
await import('./check-worker.ts');
