// The display UI, bundled in memory once per process (@ovs/ui/bundle).
import { bundleApp } from '@ovs/ui/bundle';

export const buildDisplayUi = async (): Promise<string> => (await bundleApp(new URL('./main.tsx', import.meta.url))).js;
