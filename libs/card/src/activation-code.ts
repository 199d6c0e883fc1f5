// The one-time activation code: the console shows it next to the card it just wrote, the
// president types it on the stemcomputer's keypad. Digits only (a big numeric keypad is the
// easiest thing to type on a touch screen), 16 of them in groups of 4: 53.1 bits, which an
// attacker holding the card must search offline through scrypt (README.md, "Strength").

export const ACTIVATION_CODE_DIGITS = 16;
export const ACTIVATION_CODE_GROUP = 4;
/** log2(10^16): what one guess in the whole space is worth. */
export const ACTIVATION_CODE_BITS = ACTIVATION_CODE_DIGITS * Math.log2(10);

/**
 * A fresh code from a random source (the console passes node's CSPRNG; tests a seeded one).
 * Rejection sampling: bytes ≥ 250 are dropped, so every digit is uniform.
 */
export function newActivationCode(random: (n: number) => Uint8Array): string {
  let code = '';
  while (code.length < ACTIVATION_CODE_DIGITS) {
    for (const b of random(ACTIVATION_CODE_DIGITS)) {
      if (b < 250 && code.length < ACTIVATION_CODE_DIGITS) code += String(b % 10);
    }
  }
  return code;
}

/** "1234567890123456" → "1234 5678 9012 3456" (what the console shows). */
export const groupActivationCode = (digits: string): string => digits.replace(new RegExp(`(\\d{${ACTIVATION_CODE_GROUP}})(?=\\d)`, 'g'), '$1 ');

/** The code's digits, or undefined when the text is not 16 digits (spaces and dashes between groups allowed). */
export function canonicalActivationCode(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  return digits.length === ACTIVATION_CODE_DIGITS && /^\d+$/.test(digits) ? digits : undefined;
}
