// A report as a list of blocks, rendered twice: on the 80 mm thermal printer (ESC/POS) and as
// an A4 PDF. Both come from the same blocks, so paper and PDF cannot say different things.
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'line'; label: string; value: string }
  | { kind: 'text'; text: string }
  /** A hash a person compares by eye: printed large. */
  | { kind: 'code'; label: string; value: string }
  | { kind: 'qr'; label: string; bytes: Uint8Array }
  | { kind: 'signatures'; roles: string[] }
  | { kind: 'rule' };

export interface ReportModel {
  /** File name stem and screen label. */
  kind: string;
  title: string;
  blocks: Block[];
}
