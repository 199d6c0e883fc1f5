import type { SeatMethod } from './seat-input.ts';

/** The councils elected at the Flemish local and provincial elections. */
export type Council = 'gemeenteraad' | 'districtsraad' | 'ocmw-raad' | 'provincieraad';

/**
 * Imperiali for the gemeenteraad and the directly elected OCMW-raad (LPKD art. 166); D'Hondt for
 * the districtsraad and the provincieraad.
 */
export function seatMethodFor(council: Council): SeatMethod {
  switch (council) {
    case 'gemeenteraad':
    case 'ocmw-raad':
      return 'imperiali';
    case 'districtsraad':
    case 'provincieraad':
      return 'dhondt';
    default: {
      const unknown: never = council;
      throw new Error(`unknown council ${String(unknown)}`);
    }
  }
}
