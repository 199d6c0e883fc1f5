// The articles of the Decreet over het Lokaal Bestuur (DLB, 22 december 2017) behind each rule,
// in one place: every text a person reads (ballot, result, minutes) names its source from here.
// The numbering is to be checked against the consolidated text on codex.vlaanderen.be before a
// council relies on it (README.md, "Bronnen"): a correction is a change of this file only.
export const ARTICLE = {
  /** The council deliberates only with the majority of its seated members present. */
  quorum: 'art. 26, §1 DLB',
  /** After two convocations without quorum, a third may decide whatever the number present. */
  thirdConvocation: 'art. 26, §2 DLB',
  /** Absolute majority of the votes cast; abstentions, blank and invalid votes not counted; a tie rejects. */
  majority: 'art. 33 DLB',
  /** Secret vote for appointments, nominations and disciplinary matters; otherwise aloud (public). */
  secret: 'art. 34 DLB',
  /** Appointments: absolute majority, else a second round between the two best; a tie there goes to the older candidate. */
  appointment: 'art. 35 DLB',
} as const;
