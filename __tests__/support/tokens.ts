/**
 * Credential-shaped test values, built at run time so that this repository holds none.
 */
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 without vowels: a random token then never spells a placeholder word ("fake", "example"…). */
const NO_VOWELS = BASE62.replace(/[aeiou]/gi, '');

export function randomBase62(length: number): string {
  // Rejection-free is fine here: a slight bias does not matter for test tokens.
  return [...randomBytes(length)].map((byte) => NO_VOWELS[byte % NO_VOWELS.length]).join('');
}

/** A token in GitHub's format: `<prefix>_`, 30 random characters and a base62 CRC32 of them. */
export function githubStyleToken(prefix: string, random = randomBase62(30)): string {
  if (random.length !== 30) throw new Error('a GitHub token body has 30 characters before its checksum');
  let crc = crc32(random);
  let checksum = '';
  for (let i = 0; i < 6; i++) {
    checksum = BASE62[crc % 62] + checksum;
    crc = Math.floor(crc / 62);
  }
  return `${prefix}_${random}${checksum}`;
}
