import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT = 'v1';

/**
 * Encrypts the few secrets Liaison must be able to read back (authenticator secrets) with
 * AES-256-GCM under a key kept outside the database. The ciphertext is bound to what it belongs
 * to (`context`, e.g. the user's id), so a ciphertext copied onto another row does not decrypt.
 */
export class SecretBox {
  readonly #key: Buffer;
  readonly #hashKey: Buffer;
  /** Names the key in every ciphertext, so a server with another key says so plainly. */
  readonly keyId: string;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`The secret key must be ${KEY_BYTES} bytes.`);
    this.#key = key;
    this.#hashKey = createHmac('sha256', key).update('liaison recovery codes').digest();
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      FORMAT,
      this.keyId,
      iv.toString('base64url'),
      ciphertext.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join(':');
  }

  decrypt(sealed: string, context: string): string {
    const [format, keyId, iv, ciphertext, tag] = sealed.split(':');
    if (format !== FORMAT || !iv || !ciphertext || !tag)
      throw new Error('The stored secret is not in a known format.');
    if (keyId !== this.keyId) {
      throw new Error(
        `The stored secret was encrypted with another key (${keyId}); this server has ${this.keyId}.`,
      );
    }
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    // Throws if the ciphertext, its context or its tag was changed.
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** A keyed hash (HMAC-SHA-256): without the key file, a copy of the database cannot be searched for codes. */
  hash(value: string): string {
    return createHmac('sha256', this.#hashKey).update(value, 'utf8').digest('hex');
  }
}

/**
 * Reads the key file, or creates it (mode 0600) on first use. Creation is atomic (write to a
 * temporary file, then link), so servers starting together agree on one key. Every server of one
 * database must have the same file: copy it, never let each make its own.
 */
export function loadOrCreateSecretKey(file: string): Buffer {
  const read = () => {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a ${KEY_BYTES}-byte base64 key.`);
    return key;
  };
  if (fs.existsSync(file)) return read();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temporary, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return read();
}
