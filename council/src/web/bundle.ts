// The browser code: Preact and the three screens in one ES module, bundled in memory once per process.
import { bundleApp } from '@ovs/ui/bundle';

export const uiBundle = async (): Promise<string> => (await bundleApp(new URL('./ui/main.tsx', import.meta.url))).js;
