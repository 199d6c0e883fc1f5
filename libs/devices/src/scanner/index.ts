export type { DecodedScan, FrameScan, HandScanner, ScanInput, Scanner, ScannerResult, ScannerStatus, SymbologyName } from './scanner.ts';
export { createHandScanner, createScanner, type HandScannerConfig, type ScannerConfig } from './create-scanner.ts';
export { SimulatedHandScanner, SimulatedScanner, type FeedResult } from './simulated-scanner.ts';
export { SerialImager } from './serial-imager.ts';
export { CameraScanner, defaultCaptureCommand, type CameraConfig } from './camera-scanner.ts';
export { ImagerEmulator } from './imager-emulator.ts';
