import type { DivisorMethod } from './divisor-method.ts';

/**
 * D'Hondt, for the provincieraad and the districtsraad: the stemcijfer is divided by 1, 2, 3, …
 * The divisor for a list holding `s` seats is 1 + s.
 */
export const dhondt: DivisorMethod = {
  name: 'dhondt',
  numerator: (seats) => BigInt(1 + seats),
};
