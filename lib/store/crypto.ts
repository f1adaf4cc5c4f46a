import "server-only";
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";

export interface Sealed {
  ciphertext: string;
  iv: string;
  tag: string;
}

/** Saving or reading provider keys without the operator secret, or with a different one. */
export class ProviderKeysError extends Error {
  override name = "ProviderKeysError";
}

// The salt is fixed and public: it separates this use of KEYS_SECRET from any other; the secret itself is the secret.
const SALT = "llm-playground/provider-keys/v1";
const derived = new Map<string, Buffer>();

/** scrypt, so a passphrase-grade KEYS_SECRET still costs an attacker work; derived once per process per secret. */
export function deriveKey(secret: string): Buffer {
  let key = derived.get(secret);
  if (!key) {
    key = scryptSync(secret, SALT, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    derived.set(secret, key);
  }
  return key;
}

export function requireSecret(secret: string | undefined): string {
  if (!secret) {
    throw new ProviderKeysError(
      "Saved provider keys are disabled: set KEYS_SECRET on the server (a long random string) to store keys encrypted.",
    );
  }
  return secret;
}

/**
 * AES-256-GCM with a fresh 96-bit IV per key. The additional data binds the ciphertext to its row (identity and
 * provider), so a row copied onto another user or provider fails to decrypt instead of leaking a key.
 */
export function seal(secret: string, plaintext: string, additionalData: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secret), iv);
  cipher.setAAD(Buffer.from(additionalData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    ciphertext: ciphertext.toString("base64"),
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
  };
}

export function open(secret: string, sealed: Sealed, additionalData: string): string {
  try {
    const decipher = createDecipheriv("aes-256-gcm", deriveKey(secret), Buffer.from(sealed.iv, "base64"));
    decipher.setAAD(Buffer.from(additionalData, "utf8"));
    decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, "base64")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new ProviderKeysError("A saved provider key cannot be decrypted: KEYS_SECRET changed since it was saved.");
  }
}

/** What a list may show: `sk-…abcd`. Short keys show less, so the hint never gives away a large part of the key. */
export function keyHint(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length < 8) return "…";
  if (trimmed.length < 20) return `…${trimmed.slice(-2)}`;
  const prefix = /^[A-Za-z]{1,8}-/.exec(trimmed)?.[0] ?? trimmed.slice(0, 3);
  return `${prefix}…${trimmed.slice(-4)}`;
}
