export { openSerialChannel, type ByteChannel, type ChannelState, type SerialBinding, type SerialPortConfig, type WriteResult } from './channel.ts';
export { encodeFrame, FrameDecoder, MAX_BODY, type DecodeEvent, type Frame } from './frame.ts';
export { crc16, crc8 } from './crc.ts';
export { HostLink, DEFAULT_LINK_TIMING, type CommandError, type CommandResult, type LinkState, type LinkTiming } from './link-host.ts';
export { DeviceLink, type DeviceLinkOptions, type DeviceReply } from './link-device.ts';
export { ACK, BOOT, DeviceClass, HELLO, NAK, NakCode, PING, PROTOCOL_VERSION } from './link-codes.ts';
export { createPipe, type Pipe } from './pipe.ts';
