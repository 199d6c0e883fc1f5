// @ovs/ui: what every kiosk screen of the stack shares — words in nl/fr/de, styles sized in
// millimetres of the real panel, and the few components a touch screen needs.
export * from './i18n.ts';
export * from './styles.ts';
export * from './contrast.ts';
export * from './settle.ts';
export * from './buttons.tsx';
export * from './layout.tsx';
export * from './paging.tsx';
export * from './settings-bar.tsx';
