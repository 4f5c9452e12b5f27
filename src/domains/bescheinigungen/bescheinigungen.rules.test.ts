import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config/config.js';
import {
  CODE_ALPHABET,
  cleanFields,
  cleanText,
  formatVerificationCode,
  generateVerificationCode,
  normaliseVerificationCode,
  verificationUrl,
} from './bescheinigungen.rules.js';
import { generateSealKeyPair } from './bescheinigungen.seal.js';

describe('verification codes', () => {
  it('are 16 characters of Crockford base32 (80 bits), different each time', () => {
    const codes = new Set<string>();
    for (let index = 0; index < 2000; index++) {
      const code = generateVerificationCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
      codes.add(code);
    }
    expect(codes.size).toBe(2000);
  });

  it('use all 80 random bits', () => {
    expect(generateVerificationCode(() => new Uint8Array(10))).toBe('0000000000000000');
    expect(generateVerificationCode(() => new Uint8Array(10).fill(255))).toBe('ZZZZZZZZZZZZZZZZ');
    // 0x08 0x42 … : 00001 00001 00001 … → "1" sixteen times.
    const ones = Uint8Array.from([0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21]);
    expect(generateVerificationCode(() => ones)).toBe('1111111111111111');
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it('are printed in groups of four and normalised on input', () => {
    expect(formatVerificationCode('K7Q2M9XD4HRT0PWS')).toBe('K7Q2-M9XD-4HRT-0PWS');
    for (const input of [
      'K7Q2-M9XD-4HRT-0PWS',
      'k7q2m9xd4hrt0pws',
      ' K7Q2 M9XD 4HRT 0PWS ',
      'K7Q2–M9XD–4HRT–OPWS', // en dashes, letter O
      'k7q2_m9xd.4hrt-opws',
    ]) {
      expect(normaliseVerificationCode(input), input).toBe('K7Q2M9XD4HRT0PWS');
    }
    expect(normaliseVerificationCode('I1L1-0000-0000-0000')).toBe('1111000000000000');
  });

  it('reject malformed input', () => {
    for (const input of [
      '',
      'K7Q2-M9XD-4HRT',
      'K7Q2-M9XD-4HRT-0PWSX',
      'K7Q2-M9XD-4HRT-0PWU', // U is not in the alphabet
      'K7Q2-M9XD-4HRT-0PW!',
      'Ä7Q2-M9XD-4HRT-0PWS',
      `${'K7Q2-'.repeat(30)}`,
    ]) {
      expect(normaliseVerificationCode(input), input).toBeUndefined();
    }
  });

  it('make the /pruefen link', () => {
    expect(verificationUrl('https://buergeramt.example.de/', 'K7Q2M9XD4HRT0PWS')).toBe(
      'https://buergeramt.example.de/pruefen?code=K7Q2-M9XD-4HRT-0PWS',
    );
  });
});

describe('text of sealed certificates', () => {
  it('is NFC, without control characters, line breaks only in values', () => {
    expect(cleanText('Yi\u0307lmaz')).toBe('Yi\u0307lmaz'.normalize('NFC'));
    expect(cleanText('Mu\u0308ller')).toBe('Müller');
    expect(cleanText('  a\u0000b\tc\n d  ')).toBe('a b c d');
    expect(cleanText('Straße 1\r\n\r\n12345 Ort ', true)).toBe('Straße 1\n12345 Ort');
    expect(cleanFields([{ label: ' Name\n', value: 'A\nB' }])).toEqual([{ label: 'Name', value: 'A\nB' }]);
  });
});

describe('seal key configuration (BUERGERAMT_SEAL_KEY_FILE)', () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'seal-'));
  const file = (name: string, content: string) => {
    const target = path.join(directory, name);
    writeFileSync(target, content);
    return target;
  };

  it('is optional', () => {
    expect(loadConfig({}).seal.privateKeyPem).toBeUndefined();
  });

  it('reads an Ed25519 PEM key from the file', () => {
    const { privateKeyPem } = generateSealKeyPair();
    const config = loadConfig({ BUERGERAMT_SEAL_KEY_FILE: file('seal.pem', privateKeyPem) });
    expect(config.seal.privateKeyPem).toBe(privateKeyPem.trim());
  });

  it('stops start-up on an unreadable or invalid key, naming the variable', () => {
    const missing = path.join(directory, 'missing.pem');
    expect(() => loadConfig({ BUERGERAMT_SEAL_KEY_FILE: missing })).toThrow(ConfigError);
    expect(() => loadConfig({ BUERGERAMT_SEAL_KEY_FILE: missing })).toThrow(/BUERGERAMT_SEAL_KEY_FILE/);
    const garbage = file('garbage.pem', 'not a key');
    expect(() => loadConfig({ BUERGERAMT_SEAL_KEY_FILE: garbage })).toThrow(
      /BUERGERAMT_SEAL_KEY_FILE: not a PEM private key/,
    );
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => loadConfig({ BUERGERAMT_SEAL_KEY_FILE: file('ec.pem', ec) })).toThrow(
      /BUERGERAMT_SEAL_KEY_FILE: an Ed25519 key is needed, not ec/,
    );
    expect(() => loadConfig({ BUERGERAMT_SEAL_KEY: 'x' })).toThrow(/BUERGERAMT_SEAL_KEY: not a PEM/);
  });
});
