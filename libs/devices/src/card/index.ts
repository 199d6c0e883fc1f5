export type { CardAccessError, CardContent, CardReader, CardReaderEvent, CardReaderStatus, CardReadResult, CardWriteResult, MarkUsedResult, UsedState } from './card-reader.ts';
export { createCardReader, type CardReaderConfig, type SimulatedCardReader } from './create-card-reader.ts';
export { SerialCardReader } from './serial-card-reader.ts';
export { CardTerminalEmulator, SimulatedCard } from './terminal-emulator.ts';
export { LAYOUT_BYTES, MAX_PAYLOAD, MIN_CARD_BYTES, parseCardImage, USED_TAG_BYTES } from './card-layout.ts';
