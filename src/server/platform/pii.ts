import crypto from 'node:crypto';

/**
 * Personal identifiers at rest: AES-256-GCM for the value, a keyed HMAC "blind index" for exact
 * lookup without decrypting, and the display masks the field uses. Keys derive from ANNING_SECRET,
 * each with its own purpose label, so one leaked derived key does not expose the others.
 */
export interface Pii {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Deterministic keyed hash for equality lookup; `kind` separates ID numbers from phones. */
  blindIndex(kind: 'doc' | 'phone', normalized: string): string;
}

const VERSION = 'v1';

// Random IVs drawn a pool at a time: one getrandom call per 1,024 values instead of per value
// (bulk loads encrypt close to a million fields). Each IV is still 96 fresh random bits.
const IV_POOL = Buffer.alloc(12 * 1024);
let ivOffset = IV_POOL.length;
function nextIv(): Buffer {
  if (ivOffset === IV_POOL.length) {
    crypto.randomFillSync(IV_POOL);
    ivOffset = 0;
  }
  const iv = Buffer.from(IV_POOL.subarray(ivOffset, ivOffset + 12));
  ivOffset += 12;
  return iv;
}

export function createPii(secret: string): Pii {
  const encKey = Buffer.from(crypto.hkdfSync('sha256', secret, 'anning', 'pii-encryption', 32));
  const idxKey = Buffer.from(crypto.hkdfSync('sha256', secret, 'anning', 'pii-blind-index', 32));
  return {
    encrypt(plain) {
      const iv = nextIv();
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(stored) {
      const [version, payload] = stored.split('.', 2);
      if (version !== VERSION || !payload) throw new Error('unknown PII ciphertext version');
      const raw = Buffer.from(payload, 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(kind, normalized) {
      return crypto.createHmac('sha256', idxKey).update(`${kind}:${normalized}`).digest('base64url').slice(0, 32);
    },
  };
}

/** `630121********1234`: keep the address code and the last four. */
export function maskDocNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(Math.max(0, value.length - 2)) + value.slice(-2);
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

/** `139****5678` */
export function maskPhone(value: string): string {
  if (value.length < 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

/** `张*` for two characters, `张*三` for three, `欧阳**锋` style for longer names. */
export function maskName(value: string): string {
  const chars = [...value];
  if (chars.length <= 1) return value;
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
