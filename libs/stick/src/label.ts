// OVS-STICK.json: written by the hoofdbureau when it prepares a blank stick, so the console
// recognises a voting stick and its polling station before anyone types a password. It holds
// no time, so both sticks of a station (and a replacement stick) carry the same bytes. It is
// not signed (the hoofdbureau holds no stembureau key); everything in it is checked against
// the signed package and the slot file header.
import { ok } from '@ovs/basics';
import { fromHex, toHex } from '@ovs/crypto';
import { LABEL_FORMAT } from './files.ts';
import { bad, encodeJson, exactKeys, hexBytes, int, parseJsonObject, str, type FieldResult } from './json.ts';

export interface StickLabel {
  format: typeof LABEL_FORMAT;
  station: number;
  stationName: string;
  electionDate: string;
  packageHash: Uint8Array;
}

export const encodeLabel = (l: StickLabel): Uint8Array =>
  encodeJson({ format: l.format, station: l.station, stationName: l.stationName, electionDate: l.electionDate, packageHash: toHex(l.packageHash) });

export function decodeLabel(bytes: Uint8Array): FieldResult<StickLabel> {
  const parsed = parseJsonObject(bytes);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  const keys = exactKeys(o, ['format', 'station', 'stationName', 'electionDate', 'packageHash']);
  if (!keys.ok) return keys;
  if (o.format !== LABEL_FORMAT) return bad('format', `niet "${LABEL_FORMAT}"`);
  const station = int(o, 'station', 1, 999);
  if (!station.ok) return station;
  const stationName = str(o, 'stationName', 80);
  if (!stationName.ok) return stationName;
  const electionDate = str(o, 'electionDate', 10);
  if (!electionDate.ok) return electionDate;
  const packageHash = hexBytes(o, 'packageHash', 32);
  if (!packageHash.ok) return packageHash;
  return ok({ format: LABEL_FORMAT, station: station.value, stationName: stationName.value, electionDate: electionDate.value, packageHash: packageHash.value });
}

export const labelPackageHash = (hex: string): Uint8Array | undefined => fromHex(hex);
