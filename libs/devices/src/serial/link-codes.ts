// Frame types and codes shared by every device on the OVS serial link (HARDWARE.md,
// "Serial link"). Device-specific command and event types live with each device.

/** Host → device, never deduplicated: resets the device's duplicate memory and says who it is. */
export const HELLO = 0x00;
/** Host → device heartbeat; the ACK carries the device's status bytes. */
export const PING = 0x01;
/** Device → host, first event after power-up or reset. */
export const BOOT = 0x7f;
/** Either direction: acknowledges the frame with the same SEQ; payload = reply data. */
export const ACK = 0x80;
/** Device → host: command understood but refused; payload[0] = NAK code. */
export const NAK = 0x81;

export const PROTOCOL_VERSION = 1;

/** Host commands are 0x00..0x3F, device events 0x40..0x7F. */
export function isCommandType(type: number): boolean {
  return type >= 0x00 && type <= 0x3f;
}
export function isEventType(type: number): boolean {
  return type >= 0x40 && type <= 0x7f;
}

export const DeviceClass = {
  ballotBoxController: 0x01,
  cardTerminal: 0x02,
  imager: 0x03,
  alarmModule: 0x04,
} as const;
export type DeviceClassCode = (typeof DeviceClass)[keyof typeof DeviceClass];

export const NakCode = {
  unknownCommand: 0x01,
  badPayload: 0x02,
  busy: 0x03,
  /**
   * The device (re)started and has not yet answered a HELLO: it has forgotten which commands it
   * executed, so it cannot tell a resend from a new command, and executes none until the host
   * has greeted it (a resent OPEN_FLAP must not open the flap twice, a resent MARK_USED must not
   * turn into "already used").
   */
  notGreeted: 0x04,
  /** Device-specific codes start at 0x10. */
  firstDeviceSpecific: 0x10,
} as const;
