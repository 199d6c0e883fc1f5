import type { DivisorMethod } from './divisor-method.ts';

/**
 * Imperiali, for the gemeenteraad and the directly elected OCMW-raad (LPKD art. 166): "het
 * stemcijfer van elke lijst wordt achtereenvolgens gedeeld door 1, 1½, 2, 2½, 3, 3½, …"
 * (vlaanderen.be, "Zetelverdeling"). The divisor for a list holding `s` seats is 1 + s/2 =
 * (2 + s)/2; the common denominator 2 drops out.
 */
export const imperiali: DivisorMethod = {
  name: 'imperiali',
  numerator: (seats) => BigInt(2 + seats),
};
