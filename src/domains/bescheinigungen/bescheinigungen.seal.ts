import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import type { CertificateField } from './bescheinigungen.tables.js';

/**
 * The electronic seal of a certificate: an Ed25519 signature over a canonical serialisation of what the
 * document certifies. Pure functions (no storage); keys are node:crypto KeyObjects.
 */

/** What the seal covers. */
export interface SealedContent {
  /** Normalised (16 characters, no hyphens). */
  verificationCode: string;
  kind: string;
  title: string;
  fields: CertificateField[];
  purpose: string | null;
  caseNumber: string;
  issuedAt: Date;
  /** The issuing authority's name. */
  issuer: string;
}

/** Version of the serialisation; part of the signed bytes, so a future format cannot be confused. */
const SEAL_FORMAT = 1;

export const SEAL_ALGORITHM = 'Ed25519';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** JSON with object keys sorted (by UTF-16 code units, recursively); arrays keep their order. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('not a finite number');
  return JSON.stringify(value);
}

/** The bytes that are signed: the canonical JSON of the content, UTF-8. */
export function canonicalPayload(content: SealedContent): Uint8Array {
  if (Number.isNaN(content.issuedAt.getTime())) throw new RangeError('invalid issuedAt');
  const document: Json = {
    format: SEAL_FORMAT,
    verificationCode: content.verificationCode,
    kind: content.kind,
    title: content.title,
    // Exactly label and value, whatever else an object might carry.
    fields: content.fields.map((field) => ({ label: field.label, value: field.value })),
    purpose: content.purpose,
    caseNumber: content.caseNumber,
    issuedAt: content.issuedAt.toISOString(),
    issuer: content.issuer,
  };
  return new TextEncoder().encode(canonicalJson(document));
}

/** The signature, base64url. */
export function sealContent(content: SealedContent, privateKey: KeyObject): string {
  return sign(null, canonicalPayload(content), privateKey).toString('base64url');
}

/** Whether `signature` is a valid seal of exactly this content under `publicKey`. Never throws. */
export function verifySeal(content: SealedContent, signature: string, publicKey: KeyObject): boolean {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(signature)) return false;
    return verify(null, canonicalPayload(content), publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/** An Ed25519 private key from PEM; throws a readable Error for anything else. */
export function parseSealPrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error('not a PEM private key');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`an Ed25519 key is needed, this is ${key.asymmetricKeyType ?? 'an unknown'} key`);
  }
  return key;
}

export function parseSealPublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  return key;
}

/** The public half (a public key stays as it is). */
const publicOf = (key: KeyObject): KeyObject => (key.type === 'public' ? key : createPublicKey(key));

export function publicKeyPemOf(key: KeyObject): string {
  return publicOf(key).export({ type: 'spki', format: 'pem' }).toString();
}

/** A stable id of a public key: 'ed25519-' and the first 16 hex digits of SHA-256 over its DER (SPKI). */
export function keyIdOf(key: KeyObject): string {
  const der = publicOf(key).export({ type: 'spki', format: 'der' });
  return `ed25519-${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

export function generateSealKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
