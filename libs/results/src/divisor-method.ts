/**
 * A highest-averages method, reduced to what exact comparison needs. A list that already has
 * `seats` seats competes for the next one with the quotient `votes / divisor(seats)`. Both
 * methods used in Flanders have divisors of the form `numerator(seats) / d` with the same `d` for
 * every list, so two quotients compare as `votesA × numerator(seatsB)` against
 * `votesB × numerator(seatsA)`: integers, no floating point, no rounding.
 */
export interface DivisorMethod {
  readonly name: 'imperiali' | 'dhondt';
  /** The divisor for a list holding `seats` seats, times the common denominator. */
  numerator(seats: number): bigint;
}

/**
 * Compares the quotients of two lists: positive when list A's next quotient is larger, 0 when
 * they are equal, negative when smaller.
 */
export function compareQuotients(
  method: DivisorMethod,
  votesA: number,
  seatsA: number,
  votesB: number,
  seatsB: number,
): number {
  const left = BigInt(votesA) * method.numerator(seatsB);
  const right = BigInt(votesB) * method.numerator(seatsA);
  return left > right ? 1 : left < right ? -1 : 0;
}
