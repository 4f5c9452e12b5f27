import { describe, expect, it } from 'vitest';
import { actionLabel, auditChanges, auditSubject, entityLabel, formatAuditValue } from './audit.page.js';

describe('auditChanges', () => {
  it('lists only the fields that changed, with readable values', () => {
    const changes = auditChanges(
      { username: 'toni', displayName: 'Toni', email: null, role: 'teamleitung', retiredAt: null },
      { username: 'toni', displayName: 'Toni T.', email: 'toni@example.de', role: 'admin', retiredAt: null },
    );
    expect(changes).toEqual([
      { field: 'displayName', label: 'Name', before: 'Toni', after: 'Toni T.' },
      { field: 'email', label: 'E-Mail', before: '–', after: 'toni@example.de' },
      { field: 'role', label: 'Rolle', before: 'Teamleitung', after: 'Administration' },
    ]);
  });

  it('shows every field of a new entity and hides secrets', () => {
    const changes = auditChanges(null, {
      username: 'neu',
      passwordHash: '$argon2id$…',
      token: 'x',
      active: true,
    });
    expect(changes.map((change) => [change.label, change.after])).toEqual([
      ['Benutzername', 'neu'],
      ['active', 'ja'],
    ]);
  });

  it('shows instants in Berlin time and localized texts in German', () => {
    expect(formatAuditValue('retiredAt', '2026-11-26T09:00:00.000Z')).toBe('26.11.2026, 10:00 Uhr');
    expect(formatAuditValue('retiredAt', '2026-07-01T09:00:00Z')).toBe('01.07.2026, 11:00 Uhr');
    expect(formatAuditValue('name', { de: 'Personalausweis', en: 'ID card' })).toBe('Personalausweis');
    expect(formatAuditValue('weekly', [{ day: 1 }])).toBe('[{"day":1}]');
    expect(formatAuditValue('x', 'y'.repeat(500))).toHaveLength(200);
  });

  it('treats non-object states as one value', () => {
    expect(auditChanges(1, 2)).toEqual([{ field: 'Wert', label: 'Wert', before: '1', after: '2' }]);
  });
});

describe('labels', () => {
  it('names known entities and actions and keeps unknown ones', () => {
    expect(entityLabel('staff')).toBe('Benutzer');
    expect(entityLabel('something.else')).toBe('something.else');
    expect(actionLabel('staff.retire')).toBe('Benutzerkonto stillgelegt');
    expect(actionLabel('leistung.update')).toBe('Leistung geändert');
    expect(actionLabel('queue.call')).toBe('queue.call');
  });

  it('finds a short subject name', () => {
    expect(auditSubject({ before: null, after: { username: 'toni' } })).toBe('toni');
    expect(auditSubject({ before: { name: { de: 'Rathaus' } }, after: null })).toBe('Rathaus');
    expect(auditSubject({ before: null, after: null })).toBeNull();
  });
});
