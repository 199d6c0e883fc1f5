// The browser code of the web UI: Preact and the UI in one ES module, bundled in memory once
// per process (@ovs/ui/bundle; no build step to forget).
import { bundleApp } from '@ovs/ui/bundle';

export const uiBundle = async (): Promise<string> => (await bundleApp(new URL('./ui/main.tsx', import.meta.url))).js;
