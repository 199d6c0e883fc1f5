// The technician's test card: a card whose payload is what the card terminals' own self-test
// writes (@ovs/devices, HARDWARE.md "Chip-card terminal"), so every card that went through a
// card test — at the console's "Technische test" or at a voting computer — is one. Inserted in
// a voting computer that is not activated, it opens the test mode.
//
// It is not signed and needs no secret: the test mode it opens can print a test page, a test
// ballot signed by a throwaway key (a ballot box refuses it twice over: test flag, and no
// certified session key), sound the alarm for two seconds and overwrite the card in the slot.
// It cannot activate the machine, reach a voter's session or print a real ballot.
import { bytesEqual, utf8 } from '@ovs/crypto';
import type { CardReadResult } from '@ovs/devices';

/** Exactly the bytes the terminals' self-test writes (a test checks they still agree). */
export const TECHNICIAN_CARD_PAYLOAD = utf8('OVS TECHNICIAN TEST CARD');

export const isTechnicianCard = (read: CardReadResult): boolean => read.ok && bytesEqual(read.value.payload, TECHNICIAN_CARD_PAYLOAD);
