// ovs-stick: prepare blank sticks for a polling station (hoofdbureau, before election day) and
// check a stick without importing it.
//
//   ovs-stick prepare --package DIR --station N --organiser-key KEY [--capacity N] STICK-DIR...
//   ovs-stick verify --organiser-key KEY [--hoofdbureau-key FILE] [--json] STICK-DIR
//
// KEY is the organiser's Ed25519 public key in base64, or a file holding it.
import { runCli } from '../src/cli.ts';

export async function main(argv: string[]): Promise<number> {
  const r = await runCli(argv);
  for (const line of r.stdout) process.stdout.write(`${line}\n`);
  for (const line of r.stderr) process.stderr.write(`${line}\n`);
  return r.code;
}
