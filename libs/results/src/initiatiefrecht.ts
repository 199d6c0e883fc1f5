import { err, ok, type Result } from '@ovs/basics';
import type { Council } from './councils.ts';

/**
 * The order of the holders of the exclusive right of initiative to form a majority (Decreet over
 * het Lokaal Bestuur art. 5 §3, inserted by the decree of 16 July 2021; first applied after the
 * elections of 13 October 2024; printed by the hoofdbureau after its PV, form G86).
 *
 * In the ABB's words (vlaanderen.be, "Installatie" of the college): "de verkozenen voor de
 * gemeenteraad krijgen in afnemende volgorde van lijstgrootte een initiatiefrecht toegekend";
 * "het initiatiefrecht komt eerst toe aan de verkozene met het meeste naamstemmen van de grootste
 * lijst", then "naar de stemmenkampioen van de tweede grootste lijst en zo verder". The size of a
 * list is its stemcijfer: "de lijstgrootte wordt bepaald op basis van het stemcijfer, zoals
 * vastgelegd in het proces-verbaal van het gemeentelijk hoofdbureau" (not its number of seats).
 * Only a list with at least one elected candidate has a holder.
 *
 * Two ties are not settled by the texts found. Equal preference votes between elected candidates
 * of one list: this module takes the list's first elected in the order of LPKD art. 169, i.e. the
 * lower list position (an interpretation, the order the PV already declares). Equal stemcijfers of
 * two lists with elected: no rule, so the function answers `equal-stemcijfer` instead of choosing.
 *
 * The right applies to gemeenten and districten, not to provincies nor to the six randgemeenten
 * and Voeren (where the schepenen are elected directly): `initiatiefrechtApplies` says which.
 */

export interface ElectedList {
  readonly number: number;
  /** stemcijfer */
  readonly votes: number;
  /** Positions of the elected, in the order of LPKD art. 169 (first elected first). */
  readonly elected: readonly number[];
}

export interface InitiatiefrechtHolder {
  readonly list: number;
  readonly position: number;
}

/** The holders in order, or the lists with equal stemcijfers the decree gives no order for. */
export type InitiatiefrechtOrder = Result<readonly InitiatiefrechtHolder[], { readonly code: 'equal-stemcijfer'; readonly lists: readonly number[] }>;

export function initiatiefrecht(lists: readonly ElectedList[]): InitiatiefrechtOrder {
  const withElected = lists.filter((l) => l.elected.length > 0).sort((a, b) => b.votes - a.votes || a.number - b.number);
  for (let i = 1; i < withElected.length; i++) {
    const previous = withElected[i - 1]!;
    const current = withElected[i]!;
    if (previous.votes === current.votes) {
      const tied = withElected.filter((l) => l.votes === current.votes).map((l) => l.number);
      return err({ code: 'equal-stemcijfer', lists: tied.sort((a, b) => a - b) });
    }
  }
  return ok(withElected.map((l) => ({ list: l.number, position: l.elected[0]! })));
}

/**
 * DLB art. 5 §3 applies to the gemeenteraad and the districtsraad; not to the provincieraad, and
 * not in the six randgemeenten and Voeren, which are also the only places with a directly elected
 * OCMW-raad.
 */
export function initiatiefrechtApplies(council: Council, randgemeenteOrVoeren: boolean): boolean {
  switch (council) {
    case 'gemeenteraad':
      return !randgemeenteOrVoeren;
    case 'districtsraad':
      return true;
    case 'ocmw-raad':
    case 'provincieraad':
      return false;
    default: {
      const unknown: never = council;
      throw new Error(`unknown council ${String(unknown)}`);
    }
  }
}
