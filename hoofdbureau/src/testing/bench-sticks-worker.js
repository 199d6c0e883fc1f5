// Worker bootstrap: the sources are TypeScript, so register tsx before loading them.
import { register } from 'tsx/esm/api';

register();
await import('./bench-sticks-worker.ts');
