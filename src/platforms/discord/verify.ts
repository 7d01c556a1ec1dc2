// Ed25519 check of Discord's interaction signatures (X-Signature-Ed25519 over timestamp + raw body), node:crypto only.
import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo: the raw 32-byte key follows it. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Imports the Developer Portal's hex public key; throws a fix-it message when it is not 32 bytes of hex. */
export function importPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new Error('DISCORD_PUBLIC_KEY must be the 64-hex-digit Public Key from the Developer Portal');
  }
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

export interface SignatureCheck {
  key: KeyObject;
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
  /** Refuse timestamps further than this from now (replays); Discord signs each request as it sends it. */
  maxSkewSeconds?: number;
  nowMs?: number;
}

export function verifySignature(check: SignatureCheck): boolean {
  const { signature, timestamp } = check;
  if (!signature || !timestamp || !/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,13}$/.test(timestamp)) {
    return false;
  }
  const skew = check.maxSkewSeconds ?? 300;
  const now = (check.nowMs ?? Date.now()) / 1000;
  if (Math.abs(now - Number(timestamp)) > skew) return false;
  try {
    return verify(
      null,
      Buffer.concat([Buffer.from(timestamp, 'utf8'), check.body]),
      check.key,
      Buffer.from(signature, 'hex'),
    );
  } catch {
    return false;
  }
}
