// Credentials at rest: AES-256-GCM with a key derived from SECRET_KEY (docs/integrations.md, "Secrets").
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A sealed value is one line of text: `me1.<key id>.<iv>.<ciphertext>.<tag>` (base64url parts).
 * - me1: the format version; another version is refused, never guessed at.
 * - key id: 8 hex digits of SHA-256 over the derived key, so a value sealed under another
 *   SECRET_KEY is reported as such ("wrong_key") instead of as tampering.
 * - iv: 12 random bytes per value; tag: GCM's 16-byte tag.
 * The caller's context (e.g. "jira:<workshop id>") is the additional authenticated data: a sealed
 * value copied to another workshop or purpose does not open.
 */
const VERSION = 'me1';
const SALT = Buffer.from('magic-estimation/integrations');
const INFO = Buffer.from('credentials v1');
export const MIN_SECRET_KEY_LENGTH = 32;

export type SealErrorCode = 'malformed' | 'unknown_version' | 'wrong_key' | 'tampered';

export class SealError extends Error {
  constructor(
    readonly code: SealErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SealError';
  }
}

export interface Sealer {
  /** the current key's id (8 hex digits); safe to show and log */
  readonly keyId: string;
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
  /** true when the value was sealed with an earlier key (SECRET_KEY_PREVIOUS) and should be sealed again */
  needsReseal(sealed: string): boolean;
}

interface Key {
  id: string;
  bytes: Buffer;
}

function deriveKey(secret: string): Key {
  const bytes = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), SALT, INFO, 32));
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 8), bytes };
}

/** `previous`: earlier SECRET_KEYs, accepted for opening only (key rotation). */
export function createSealer(secret: string, previous: readonly string[] = []): Sealer {
  const current = deriveKey(secret);
  const keys = new Map<string, Key>([[current.id, current]]);
  for (const p of previous) {
    const k = deriveKey(p);
    if (!keys.has(k.id)) keys.set(k.id, k);
  }
  return {
    keyId: current.id,
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.bytes, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, current.id, iv.toString('base64url'), ct.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed, context) {
      const parts = sealed.split('.');
      if (parts.length !== 5) throw new SealError('malformed', 'the sealed value is not in the me1 format');
      const [version, keyId, iv, ct, tag] = parts as [string, string, string, string, string];
      if (version !== VERSION)
        throw new SealError('unknown_version', `the sealed value has format ${version.slice(0, 10)}, this server reads ${VERSION}`);
      const key = keys.get(keyId);
      if (!key) {
        throw new SealError(
          'wrong_key',
          `the value was sealed with another SECRET_KEY (key id ${keyId.slice(0, 8)}, this server has ${[...keys.keys()].join(', ')}); ` +
            'set that key as SECRET_KEY_PREVIOUS, or connect again',
        );
      }
      const ivBytes = Buffer.from(iv, 'base64url');
      const tagBytes = Buffer.from(tag, 'base64url');
      if (ivBytes.length !== 12 || tagBytes.length !== 16)
        throw new SealError('malformed', 'the sealed value has a wrong nonce or tag length');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key.bytes, ivBytes);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tagBytes);
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SealError('tampered', 'the sealed value was changed or belongs to another record; it cannot be opened');
      }
    },
    needsReseal(sealed) {
      return sealed.split('.')[1] !== current.id;
    },
  };
}

export type SealerStatus = { ok: true; sealer: Sealer } | { ok: false; reason: 'no_secret_key' | 'bad_secret_key'; message: string };

/**
 * SECRET_KEY: at least 32 characters (e.g. `openssl rand -base64 32`). Without it the integrations
 * are off and say why; a short key is refused rather than used.
 * SECRET_KEY_PREVIOUS: comma-separated earlier keys, for opening values sealed before a rotation.
 */
export function sealerFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): SealerStatus {
  const secret = env.SECRET_KEY;
  if (secret === undefined || secret.trim() === '') {
    return {
      ok: false,
      reason: 'no_secret_key',
      message: 'Jira and webhooks are off: the server has no SECRET_KEY to encrypt credentials with',
    };
  }
  if (secret.length < MIN_SECRET_KEY_LENGTH) {
    return {
      ok: false,
      reason: 'bad_secret_key',
      message: `Jira and webhooks are off: SECRET_KEY must be at least ${MIN_SECRET_KEY_LENGTH} characters (e.g. openssl rand -base64 32)`,
    };
  }
  const previous = (env.SECRET_KEY_PREVIOUS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return { ok: true, sealer: createSealer(secret, previous) };
}
