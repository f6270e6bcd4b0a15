import { randomBytes } from 'node:crypto';
import type { CaIdentity } from '../workflows/index.ts';

/**
 * Draws what a CA gets at installation: a 16-byte certificate serial (first byte 0x01–0x7f, so the integer is
 * positive and keeps its length, as AD CS's own CA certificates do) and a tick count for its issued serials.
 * Drawn here, at the edge, then recorded in the lab's CaInstalled event.
 */
export const drawCaIdentity = (): CaIdentity => {
  const serial = randomBytes(16);
  serial[0] = 0x01 + (serial[0]! % 0x7f);
  return { caSerial: serial.toString('hex'), serialTickBase: randomBytes(4).readUInt32BE(0) % 0x7f00_0000 };
};
