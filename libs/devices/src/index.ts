// @ovs/devices: every device of the polling station behind one interface each, with a
// factory per device that returns the real driver or the simulator by configuration.
// Subpaths (@ovs/devices/printer, /card, /ballot-box, /scanner, /alarm, /serial, /testing)
// give the same names without loading the others' dependencies.

export * from './printer/index.ts';
export * from './card/index.ts';
export * from './ballot-box/index.ts';
export * from './scanner/index.ts';
export * from './alarm/index.ts';
export type { CheckOutcome, DeviceIdentity, DeviceKind, SelfTestCheck, SelfTestOptions, SelfTestPhase, SelfTestReport } from './self-test.ts';
export type { Bitmap } from './bitmap.ts';
export { createBitmap, getPixel, setPixel, validateBitmap } from './bitmap.ts';
export type { GrayImage } from './image.ts';
export { bitmapToGray, bitmapToPng, grayToPng, pngToGray } from './image.ts';
export { realTimers, type Timers } from './timers.ts';
export type { SerialBinding } from './serial/channel.ts';
