// The page's Preact code and styles, bundled in memory at start as the apps bundle theirs
// (@ovs/ui/bundle). No files written, no dev server.
import { bundleApp, type AppBundle } from '@ovs/ui/bundle';

export type PageBundle = AppBundle;

export const buildPage = (): Promise<PageBundle> => bundleApp(new URL('./ui/main.tsx', import.meta.url));
