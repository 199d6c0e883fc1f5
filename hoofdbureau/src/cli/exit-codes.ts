/** Exit codes of every hoofdbureau command. */
export const EXIT = {
  ok: 0,
  /** Something went wrong inside the program (a bug); the message says what. */
  internal: 1,
  /** Wrong usage or malformed input: unreadable file, not JSON, a field of the wrong type or out of range. */
  badInput: 2,
  /**
   * The input is well formed but the law needs more than it holds to decide (e.g. a tie that only
   * the candidates' ages settle), or the law itself leaves the outcome open. Nothing is printed on
   * stdout: no partial result.
   */
  undecided: 3,
  /**
   * A stick (or a re-scan) is refused: it does not verify, or it differs from what is already
   * imported for its polling station. stderr says which file, which record and what to do.
   */
  refused: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
