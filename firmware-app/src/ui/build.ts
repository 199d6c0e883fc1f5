// The kiosk UI, bundled in memory once per process (@ovs/ui/bundle): several voting computers
// in one `npm start` share the bundle.
import { bundleApp } from '@ovs/ui/bundle';

export interface UiBundle {
  js: string;
}

export const buildUi = async (): Promise<UiBundle> => ({ js: (await bundleApp(new URL('./main.tsx', import.meta.url))).js });
