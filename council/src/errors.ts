// Every refusal of the council server: a code for the programs and tests, a Dutch message for
// the person (what is wrong and what to do). A refused request changes nothing.
export type CouncilErrorCode =
  | 'not-logged-in'
  | 'bad-login'
  | 'forbidden'
  | 'bad-input'
  | 'unknown-item'
  | 'unknown-ballot'
  | 'unknown-round'
  | 'unknown-member'
  | 'ballot-invalid'
  | 'ballot-locked'
  | 'round-running'
  | 'no-quorum'
  | 'no-voters'
  | 'round-not-open'
  | 'round-not-closed'
  | 'not-eligible'
  | 'not-present'
  | 'voted-elsewhere'
  | 'vote-invalid'
  | 'manual-invalid';

export interface CouncilError {
  code: CouncilErrorCode;
  message: string;
}

export const HTTP_STATUS: Record<CouncilErrorCode, number> = {
  'not-logged-in': 401,
  'bad-login': 401,
  forbidden: 403,
  'bad-input': 400,
  'unknown-item': 404,
  'unknown-ballot': 404,
  'unknown-round': 404,
  'unknown-member': 404,
  'ballot-invalid': 422,
  'ballot-locked': 409,
  'round-running': 409,
  'no-quorum': 409,
  'no-voters': 409,
  'round-not-open': 409,
  'round-not-closed': 409,
  'not-eligible': 403,
  'not-present': 403,
  'voted-elsewhere': 409,
  'vote-invalid': 422,
  'manual-invalid': 422,
};

export const refusal = (code: CouncilErrorCode, message: string): CouncilError => ({ code, message });
