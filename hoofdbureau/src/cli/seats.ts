import { electionResult, type TieProblem } from '@ovs/results';
import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { decodeSeatsInput } from './seats-input.ts';

/**
 * `hoofdbureau seats <input.json>`: seats per list (LPKD art. 166–168), elected and substitutes
 * (art. 169) and the initiatiefrecht order (DLB art. 5 §3) from given totals.
 *
 * stdout, on success only:
 *   {"lists":[{"number":1,"seats":N,"elected":[…],"substitutes":[…]}],"initiatiefrecht":[{"list":N,"position":N}]}
 * on one line; lists ascending by number, positions in order (first elected / first substitute first). When every
 * list ran out of candidates an extra "unfilledSeats" says how many seats stay empty.
 */

const usage = 'hoofdbureau seats <input.json>';

const joinLists = (lists: readonly number[]): string =>
  lists.length <= 1 ? lists.join('') : `${lists.slice(0, -1).join(', ')} and ${lists[lists.length - 1]}`;

function describeTie(error: TieProblem, seat: number, lists: readonly number[]): string {
  const who = `seat ${seat}: lists ${joinLists(lists)}`;
  switch (error) {
    case 'tie-needs-candidates':
      return `${who} have equal quotients and equal stemcijfers; LPKD art. 166 then compares the preference votes of the candidates at stake: give "candidates" for these lists`;
    case 'tie-needs-birth-date':
      return `${who} are still tied after the preference votes of the candidates at stake; LPKD art. 166 then gives the seat to the oldest: give "birthDate" (YYYY-MM-DD) for these lists' candidates`;
    case 'unbreakable-tie':
      return `${who} remain tied after every rule of LPKD art. 166 (stemcijfer, preference votes, age); the law gives no further rule`;
    default: {
      const unknown: never = error;
      return `${who}: unknown tie ${String(unknown)}`;
    }
  }
}

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    io.stdout(`usage: ${usage}\n`);
    return EXIT.ok;
  }
  const path = args[0];
  if (args.length !== 1 || path === undefined || path.startsWith('-')) {
    io.stderr(`hoofdbureau seats: expected exactly one argument, the input file (usage: ${usage})\n`);
    return EXIT.badInput;
  }
  const read = await io.readFile(path);
  if (!read.ok) {
    io.stderr(`hoofdbureau seats: cannot read ${path}: ${read.reason}\n`);
    return EXIT.badInput;
  }
  const decoded = decodeSeatsInput(read.text);
  if (!decoded.ok) {
    io.stderr(`hoofdbureau seats: ${path}: ${decoded.message}\n`);
    return EXIT.badInput;
  }

  const result = electionResult(decoded.input);
  if (!result.ok) {
    const e = result.error;
    if ('path' in e) {
      // Already refused by the decoder; kept so that no input problem can pass unreported.
      io.stderr(`hoofdbureau seats: ${path}: ${e.path}: ${e.message}\n`);
      return EXIT.badInput;
    }
    io.stderr(`hoofdbureau seats: ${describeTie(e.code, e.seat, e.lists)}\n`);
    return EXIT.undecided;
  }
  const outcome = result.value;
  if (!outcome.initiatiefrecht.ok) {
    io.stderr(
      `hoofdbureau seats: initiatiefrecht: lists ${joinLists(outcome.initiatiefrecht.error.lists)} have equal stemcijfers and DLB art. 5 §3 gives no order for them\n`,
    );
    return EXIT.undecided;
  }

  const output = {
    lists: outcome.lists.map((l) => ({ number: l.number, seats: l.seats, elected: l.elected, substitutes: l.substitutes })),
    initiatiefrecht: outcome.initiatiefrecht.value.map((h) => ({ list: h.list, position: h.position })),
    ...(outcome.unfilledSeats > 0 ? { unfilledSeats: outcome.unfilledSeats } : {}),
  };
  if (outcome.unfilledSeats > 0) {
    io.stderr(`hoofdbureau seats: warning: ${outcome.unfilledSeats} seat(s) stay unfilled: every list ran out of candidates (LPKD art. 168)\n`);
  }
  io.stdout(`${JSON.stringify(output)}\n`);
  return EXIT.ok;
}

export const seatsCommand: Command = {
  name: 'seats',
  usage,
  summary: 'seats, elected, substitutes and initiatiefrecht order from list totals (JSON on stdout)',
  run,
};
