import { describe, expect, it } from 'vitest';
import { parseForm } from '../../platform/forms/forms.js';
import {
  checklistErrors,
  consentMissing,
  normaliseDate,
  normalisePhone,
  recordSchema,
} from './dokumente.form.js';

describe('normalisePhone', () => {
  it('writes German and international numbers in international form', () => {
    expect(normalisePhone('0171 234 56 78')).toBe('+491712345678');
    expect(normalisePhone('+49 (171) 2345-678')).toBe('+491712345678');
    expect(normalisePhone('0049 171/2345678')).toBe('+491712345678');
    expect(normalisePhone('+90 532 123 45 67')).toBe('+905321234567');
  });

  it('refuses what cannot be a phone number', () => {
    expect(normalisePhone('12')).toBeUndefined();
    expect(normalisePhone('0171 abc')).toBeUndefined();
    expect(normalisePhone('+0171234567')).toBeUndefined();
  });
});

describe('normaliseDate', () => {
  it('reads German dates', () => {
    expect(normaliseDate('1.2.1990')).toBe('1990-02-01');
    expect(normaliseDate(' 12.08.1984 ')).toBe('1984-08-12');
    expect(normaliseDate('1984-08-12')).toBe('1984-08-12');
  });
});

describe('recordSchema', () => {
  const valid = {
    documentType: 'reisepass',
    serialNumber: 'C01X00T47',
    applicantName: 'Erika Mustermann',
    applicantBirthDate: '12.08.1984',
    locationId: 'rathaus',
  };

  it('turns empty contact fields into null and the consent box into a boolean', () => {
    const form = parseForm(recordSchema, valid, 'de');
    expect(form).toEqual({
      ok: true,
      data: {
        ...valid,
        applicantBirthDate: '1984-08-12',
        contactEmail: null,
        contactPhone: null,
        contactConsent: false,
        contactLang: 'de',
      },
    });
    const withContact = parseForm(
      recordSchema,
      { ...valid, contactPhone: '0171 2345678', contactConsent: 'on', contactLang: 'en' },
      'de',
    );
    expect(withContact.ok && withContact.data).toMatchObject({
      contactPhone: '+491712345678',
      contactConsent: true,
      contactLang: 'en',
    });
  });

  it('names every invalid field', () => {
    const form = parseForm(
      recordSchema,
      {
        ...valid,
        documentType: 'x',
        applicantBirthDate: '30.02.2000',
        contactEmail: 'kein',
        contactPhone: '1',
      },
      'de',
    );
    expect(form.ok).toBe(false);
    if (!form.ok) {
      expect(Object.keys(form.errors).sort()).toEqual([
        'applicantBirthDate',
        'contactEmail',
        'contactPhone',
        'documentType',
      ]);
    }
  });

  it('notices contact data without consent', () => {
    expect(consentMissing({ contactEmail: 'a@example.de' })).toBe(true);
    expect(consentMissing({ contactPhone: '0171 2345678', contactConsent: 'on' })).toBe(false);
    expect(consentMissing({ contactEmail: ' ' })).toBe(false);
  });
});

describe('checklistErrors', () => {
  it('asks for the PIN letter only for cards with a chip', () => {
    expect(Object.keys(checklistErrors('personalausweis', {}))).toEqual([
      'identityChecked',
      'pinLetterReceived',
    ]);
    expect(Object.keys(checklistErrors('reisepass', {}))).toEqual(['identityChecked']);
    expect(checklistErrors('eid_karte', { identityChecked: 'on', pinLetterReceived: 'on' })).toEqual({});
  });
});
