import { describe, expect, it } from 'vitest';
import { type CaseStatus, caseStatuses } from './case-handlers.js';
import { caseMail } from './vorgaenge.mail.js';
import {
  canTransition,
  displayValue,
  formatCaseNumber,
  isFinal,
  isUuid,
  isValidPrefix,
  keyLabel,
  nextSteps,
  reviewReasonText,
  statusLabels,
  transitionConflictMessage,
} from './vorgaenge.rules.js';

describe('status transitions', () => {
  const allowed: Array<[CaseStatus, CaseStatus]> = [
    ['payment_pending', 'submitted'],
    ['payment_pending', 'completed'],
    ['payment_pending', 'rejected'],
    ['submitted', 'in_progress'],
    ['submitted', 'rejected'],
    ['submitted', 'completed'],
    ['in_progress', 'completed'],
    ['in_progress', 'approved'],
    ['in_progress', 'rejected'],
    ['in_progress', 'submitted'],
    ['approved', 'completed'],
  ];

  it('allows exactly the listed moves', () => {
    for (const from of caseStatuses) {
      for (const to of caseStatuses) {
        const expected = allowed.some(([a, b]) => a === from && b === to);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(expected);
      }
    }
  });

  it('never stays in the same status and never leaves a final one', () => {
    for (const status of caseStatuses) expect(canTransition(status, status)).toBe(false);
    expect(isFinal('completed')).toBe(true);
    expect(isFinal('rejected')).toBe(true);
    expect(isFinal('approved')).toBe(false);
    expect(isFinal('payment_pending')).toBe(false);
  });

  it('explains a refused move in German with both statuses', () => {
    expect(transitionConflictMessage('completed', 'in_progress')).toBe(
      'Ein Vorgang im Status „Erledigt“ kann nicht in den Status „In Bearbeitung“ wechseln.',
    );
  });

  it('has a label and a next step in both languages for every status', () => {
    for (const status of caseStatuses) {
      expect(statusLabels[status].de).not.toBe('');
      expect(statusLabels[status].en).not.toBe('');
      expect(nextSteps[status].de).not.toBe(nextSteps[status].en);
    }
  });
});

describe('case numbers', () => {
  it('formats prefix, year and a six-digit running number', () => {
    expect(formatCaseNumber('MB', 2026, 42)).toBe('MB-2026-000042');
    expect(formatCaseNumber('FZ', 2027, 1)).toBe('FZ-2027-000001');
    expect(formatCaseNumber('MB', 2026, 1_234_567)).toBe('MB-2026-1234567');
  });

  it('accepts short capital prefixes only', () => {
    expect(isValidPrefix('MB')).toBe(true);
    expect(isValidPrefix('FZ2')).toBe(true);
    expect(isValidPrefix('mb')).toBe(false);
    expect(isValidPrefix('M')).toBe(false);
    expect(isValidPrefix('2MB')).toBe(false);
    expect(isValidPrefix('MB-X')).toBe(false);
    expect(isValidPrefix('ABCDEFG')).toBe(false);
  });

  it('recognises case ids', () => {
    expect(isUuid('6f1c2e1e-7a53-4c1e-9d0a-0b7a2b1c3d4e')).toBe(true);
    expect(isUuid('MB-2026-000001')).toBe(false);
    expect(isUuid("' or 1=1 --")).toBe(false);
  });
});

describe('staff display', () => {
  it('names the review reasons in plain German', () => {
    expect(reviewReasonText('mismatch')).toBe('Daten weichen vom Melderegister ab');
    expect(reviewReasonText('information_block')).toBe('Auskunftssperre');
    expect(reviewReasonText('paper')).toBe('Papierbescheinigung');
    expect(reviewReasonText('other')).toBe('other');
    expect(reviewReasonText(null)).toBeNull();
  });

  it('shows keys and values readably', () => {
    expect(keyLabel('placeOfBirth')).toBe('Geburtsort');
    expect(keyLabel('deliveryMethod')).toBe('Delivery method');
    expect(keyLabel('extra_fields')).toBe('Extra fields');
    expect(displayValue(true)).toBe('Ja');
    expect(displayValue(false)).toBe('Nein');
    expect(displayValue('1984-08-12')).toBe('12.08.1984');
    expect(displayValue(['a', 'b'])).toBe('a, b');
    expect(displayValue('')).toBe('–');
    expect(displayValue(null)).toBe('–');
    expect(displayValue({ street: 'Markt', houseNumber: '2' })).toBe('Straße: Markt; Hausnummer: 2');
    expect(displayValue({ city: 'Neuss', street: 'Markt', houseNumber: '2', postalCode: '41460' })).toBe(
      'Markt 2, 41460 Neuss',
    );
  });
});

describe('the citizen e-mail', () => {
  const base = {
    caseRecord: {
      id: 'c0ffee00-0000-4000-8000-000000000001',
      number: 'MB-2026-000007',
      applicantName: 'Erika Mustermann',
    },
    serviceTitle: { de: 'Meldebescheinigung', en: 'Certificate of registration' },
    publicUrl: 'https://buergeramt.example/',
    authority: 'Stadt Neuss – Bürgeramt',
  };

  it('says number, service, status, next step and the link in German', () => {
    const mail = caseMail({
      ...base,
      caseRecord: { ...base.caseRecord, lang: 'de' },
      status: 'submitted',
      created: true,
    });
    expect(mail.subject).toBe('Ihr Antrag MB-2026-000007: Eingegangen');
    expect(mail.text).toContain('Guten Tag Erika Mustermann,');
    expect(mail.text).toContain('Ihr Antrag ist bei uns eingegangen');
    expect(mail.text).toContain('Leistung: Meldebescheinigung');
    expect(mail.text).toContain(nextSteps.submitted.de);
    expect(mail.text).toContain(
      'https://buergeramt.example/mein-bereich/vorgaenge/c0ffee00-0000-4000-8000-000000000001',
    );
    expect(mail.text).toContain('Stadt Neuss – Bürgeramt');
  });

  it('is written in English for an English case', () => {
    const mail = caseMail({
      ...base,
      caseRecord: { ...base.caseRecord, lang: 'en' },
      status: 'rejected',
      created: false,
    });
    expect(mail.subject).toBe('Your application MB-2026-000007: Rejected');
    expect(mail.text).toContain('Hello Erika Mustermann,');
    expect(mail.text).toContain('Service: Certificate of registration');
    expect(mail.text).toContain(nextSteps.rejected.en);
    expect(mail.text).not.toContain('Antrag');
  });
});
