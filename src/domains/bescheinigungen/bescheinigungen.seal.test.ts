import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  canonicalPayload,
  generateSealKeyPair,
  keyIdOf,
  parseSealPrivateKey,
  parseSealPublicKey,
  publicKeyPemOf,
  type SealedContent,
  sealContent,
  verifySeal,
} from './bescheinigungen.seal.js';

const content: SealedContent = {
  verificationCode: 'K7Q2M9XD4HRT0PWS',
  kind: 'meldebescheinigung-einfach',
  title: 'Meldebescheinigung',
  fields: [
    { label: 'Familienname', value: 'Yılmaz' },
    { label: 'Vornamen', value: 'Ayşe Đorđević' },
    { label: 'Anschrift', value: 'Müller-Lüdenscheidt-Straße 1\n12345 Musterstadt' },
  ],
  purpose: 'Hausverwaltung Beispiel GmbH',
  caseNumber: 'MB-2026-000042',
  issuedAt: new Date('2026-12-03T09:15:30.123Z'),
  issuer: 'Bürgeramt der Stadt Musterstadt',
};

const keys = generateSealKeyPair();
const privateKey = parseSealPrivateKey(keys.privateKeyPem);
const publicKey = parseSealPublicKey(keys.publicKeyPem);

describe('canonical serialisation', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }, 2] })).toBe('{"a":[{"c":null,"d":"x"},2],"b":1}');
  });

  it('does not depend on the order in which the content was written', () => {
    const reordered: SealedContent = {
      issuer: content.issuer,
      issuedAt: new Date(content.issuedAt.getTime()),
      caseNumber: content.caseNumber,
      purpose: content.purpose,
      fields: content.fields.map((field) => ({ value: field.value, label: field.label })),
      title: content.title,
      kind: content.kind,
      verificationCode: content.verificationCode,
    };
    expect(Buffer.from(canonicalPayload(reordered))).toEqual(Buffer.from(canonicalPayload(content)));
  });

  it('is UTF-8 JSON with the ISO instant and ignores extra properties of a field', () => {
    const withExtra = {
      ...content,
      fields: content.fields.map((field) => ({ ...field, note: 'x' })),
    } as SealedContent;
    const text = new TextDecoder().decode(canonicalPayload(withExtra));
    expect(text).toContain('"issuedAt":"2026-12-03T09:15:30.123Z"');
    expect(text).toContain('"value":"Yılmaz"');
    expect(text).not.toContain('note');
    expect(JSON.parse(text).format).toBe(1);
    // "ı" is two bytes in UTF-8.
    expect(Buffer.from(canonicalPayload(content)).includes(Buffer.from('Yılmaz', 'utf8'))).toBe(true);
  });
});

describe('seal', () => {
  const signature = sealContent(content, privateKey);

  it('verifies a signature made with the key', () => {
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/); // 64 bytes, base64url
    expect(verifySeal(content, signature, publicKey)).toBe(true);
    expect(verifySeal(structuredClone(content), signature, publicKey)).toBe(true);
  });

  const changes: Array<[string, SealedContent]> = [
    ['code', { ...content, verificationCode: 'K7Q2M9XD4HRT0PWT' }],
    ['kind', { ...content, kind: 'meldebescheinigung-erweitert' }],
    ['title', { ...content, title: 'Erweiterte Meldebescheinigung' }],
    ['purpose', { ...content, purpose: 'Hausverwaltung Beispiel GmbH.' }],
    ['no purpose', { ...content, purpose: null }],
    ['case number', { ...content, caseNumber: 'MB-2026-000043' }],
    ['issue time (1 ms)', { ...content, issuedAt: new Date(content.issuedAt.getTime() + 1) }],
    ['issuer', { ...content, issuer: 'Bürgeramt der Stadt Beispielstadt' }],
    [
      'one character of a value',
      { ...content, fields: [{ label: 'Familienname', value: 'Yilmaz' }, ...content.fields.slice(1)] },
    ],
    [
      'a label',
      { ...content, fields: [{ label: 'Geburtsname', value: 'Yılmaz' }, ...content.fields.slice(1)] },
    ],
    ['field order', { ...content, fields: [content.fields[1]!, content.fields[0]!, content.fields[2]!] }],
    ['a field removed', { ...content, fields: content.fields.slice(0, 2) }],
    ['a field added', { ...content, fields: [...content.fields, { label: 'Doktorgrad', value: 'Dr.' }] }],
  ];

  it.each(changes)('fails when the %s changes', (_name, changed) => {
    expect(verifySeal(changed, signature, publicKey)).toBe(false);
  });

  it('fails for every single changed character of every value', () => {
    for (const [index, field] of content.fields.entries()) {
      for (let position = 0; position < field.value.length; position++) {
        const value = `${field.value.slice(0, position)}#${field.value.slice(position + 1)}`;
        const fields = content.fields.map((f, i) => (i === index ? { ...f, value } : f));
        expect(verifySeal({ ...content, fields }, signature, publicKey)).toBe(false);
      }
    }
  });

  it('fails with another key, and with a damaged signature', () => {
    const other = parseSealPublicKey(generateSealKeyPair().publicKeyPem);
    expect(verifySeal(content, signature, other)).toBe(false);
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(verifySeal(content, flipped, publicKey)).toBe(false);
    expect(verifySeal(content, '', publicKey)).toBe(false);
    expect(verifySeal(content, 'not base64!', publicKey)).toBe(false);
    expect(verifySeal(content, signature.slice(0, 40), publicKey)).toBe(false);
  });
});

describe('keys', () => {
  it('accepts Ed25519 only', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => parseSealPrivateKey(rsa)).toThrow(/Ed25519/);
    expect(() => parseSealPrivateKey('-----BEGIN PRIVATE KEY-----\nxyz\n-----END PRIVATE KEY-----')).toThrow(
      /PEM/,
    );
  });

  it('derives a stable id from the public key', () => {
    expect(keyIdOf(privateKey)).toMatch(/^ed25519-[0-9a-f]{16}$/);
    expect(keyIdOf(privateKey)).toBe(keyIdOf(publicKey));
    expect(keyIdOf(createPrivateKey(keys.privateKeyPem))).toBe(keyIdOf(privateKey));
    expect(keyIdOf(parseSealPrivateKey(generateSealKeyPair().privateKeyPem))).not.toBe(keyIdOf(privateKey));
    expect(publicKeyPemOf(privateKey)).toBe(keys.publicKeyPem);
  });
});
