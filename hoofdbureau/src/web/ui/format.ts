// Small formatting helpers for the screens.
import type { ImportSource } from '../../db/import-tx.ts';
import type { StationState } from '../../results/station-status.ts';
const TIME = new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });

export const time = (iso: string | null | undefined): string => (iso ? TIME.format(new Date(iso)) : '—');

export const SOURCE: Record<ImportSource, string> = { stick: 'eerste stick', kopie: 'kopie', herscan: 'herscanning' };

export const STATE: Record<StationState, string> = { ingelezen: 'ingelezen', geteld: 'geteld (papier)', verwacht: 'verwacht', probleem: 'probleem' };
