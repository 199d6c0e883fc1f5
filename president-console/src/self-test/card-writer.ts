// The card writer: its own self-test (HARDWARE.md, "Chip-card terminal": write and verify a test
// payload, mark it used, a second mark refused, written again so the card is left unused), then
// the console reads the card back as it reads any card. The technician's card is overwritten;
// what is on it never goes into the report.
import type { CardReader } from '@ovs/devices/card';
import type { SelfTestCheck, SelfTestPhase, SelfTestReport } from '@ovs/devices';
import { check } from './report.ts';

export async function testCardWriter(writer: CardReader, phase: SelfTestPhase): Promise<{ device: SelfTestReport; checks: SelfTestCheck[] }> {
  const device = await writer.selfTest({ phase });
  // Only after a write that the terminal verified is there something to read back.
  if (!device.checks.some((c) => c.id === 'write' && c.outcome === 'pass')) return { device, checks: [] };
  const read = await writer.read();
  if (!read.ok) return { device, checks: [check('card-read', 'Testkaart teruggelezen', 'fail', `lezen mislukt (${read.error})`)] };
  const unused = read.value.used.kind === 'unused';
  return {
    device,
    checks: [
      check('card-read', 'Testkaart teruggelezen', unused ? 'pass' : 'fail', unused ? `${read.value.payload.length} bytes gelezen, kaart niet als gebruikt gemarkeerd` : 'de kaart staat nog als gebruikt gemarkeerd: neem een andere testkaart'),
    ],
  };
}
