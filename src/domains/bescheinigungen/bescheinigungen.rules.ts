import { randomBytes } from 'node:crypto';
import type { CertificateField } from './bescheinigungen.tables.js';

/**
 * Verification codes: 16 characters of Crockford base32 (80 random bits), printed in groups of four
 * ("K7Q2-M9XD-4HRT-0PWS"). No I, L, O or U, so nothing is ambiguous; typed input is normalised
 * (case, spaces, hyphens, O → 0, I and L → 1).
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 16;
/** Longest input looked at; anything longer is malformed without being normalised. */
export const CODE_MAX_INPUT = 100;

const CODE_RE = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/** A new random code, normalised (no hyphens). */
export function generateVerificationCode(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(10); // 80 bits = 16 × 5 bits
  let bits = 0;
  let buffer = 0;
  let code = '';
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      code += CODE_ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return code;
}

/** Typed or scanned input as a code (16 characters), or undefined when it cannot be one. */
export function normaliseVerificationCode(input: string): string | undefined {
  if (input.length > CODE_MAX_INPUT) return undefined;
  const code = input
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return CODE_RE.test(code) ? code : undefined;
}

/** "K7Q2M9XD4HRT0PWS" → "K7Q2-M9XD-4HRT-0PWS". */
export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The public address a QR code on the certificate opens. */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/pruefen?code=${formatVerificationCode(code)}`;
}

/**
 * Text as it goes into a sealed certificate: Unicode NFC (so "ı", "đ" and accents are single
 * characters the PDF font has), no control characters except line breaks in field values, trimmed.
 */
export function cleanText(text: string, multiline = false): string {
  const normalised = text.normalize('NFC').replace(/\r\n?/g, '\n');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const control = multiline ? /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g : /[\u0000-\u001F\u007F-\u009F]/g;
  return normalised
    .replace(control, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

export function cleanFields(fields: CertificateField[]): CertificateField[] {
  return fields.map((field) => ({ label: cleanText(field.label), value: cleanText(field.value, true) }));
}
