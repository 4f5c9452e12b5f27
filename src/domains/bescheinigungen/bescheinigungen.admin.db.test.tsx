import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffSession, type TestApp } from '../../../test/support/test-app.js';
import { formatVerificationCode } from './bescheinigungen.rules.js';
import type { IssueCertificateInput } from './certificate-issuer.js';

let now = new Date('2026-12-03T09:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});
afterAll(() => t?.close());

const input = (caseNumber: string, subjectName: string): IssueCertificateInput => ({
  caseId: `case-${caseNumber}`,
  caseNumber,
  kind: 'meldebescheinigung-einfach',
  title: 'Meldebescheinigung',
  fields: [
    { label: 'Familienname', value: subjectName.split(' ').at(-1)! },
    { label: 'Vornamen', value: subjectName.split(' ')[0]! },
  ],
  subjectName,
});

/** Issues at the given instant (the list is ordered by issue time). */
async function issueAt(iso: string, caseNumber: string, subjectName: string) {
  now = new Date(iso);
  return t.services.bescheinigungen.issue(input(caseNumber, subjectName));
}

const rowsOf = (html: string) => html.match(/<tbody[\s\S]*?<\/tbody>/)?.[0].match(/<tr /g)?.length ?? 0;

describe('/verwaltung/bescheinigungen', () => {
  let first: Awaited<ReturnType<typeof issueAt>>;
  let second: Awaited<ReturnType<typeof issueAt>>;
  beforeAll(async () => {
    first = await issueAt('2026-12-01T08:00:00Z', 'MB-2026-000501', 'Đorđe Đorđević');
    second = await issueAt('2026-12-02T08:00:00Z', 'MB-2026-000502', 'Ayşe Yılmaz');
    now = new Date('2026-12-03T09:00:00Z');
  });

  it('is for logged-in clerks only', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/verwaltung/bescheinigungen' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/verwaltung/anmelden');
    for (const role of ['admin', 'teamleitung', 'sachbearbeitung'] as const) {
      const s = await staffSession(t.app, role);
      expect((await s.get('/verwaltung/bescheinigungen')).statusCode, role).toBe(200);
    }
  });

  it('lists newest first and finds by code (any spelling) or case number', async () => {
    const s = await staffSession(t.app, 'sachbearbeitung');
    const list = await s.get('/verwaltung/bescheinigungen');
    expect(list.body.indexOf('MB-2026-000502')).toBeGreaterThan(0);
    expect(list.body.indexOf('MB-2026-000502')).toBeLessThan(list.body.indexOf('MB-2026-000501'));
    expect(list.body).toContain(formatVerificationCode(first.verificationCode));
    expect(list.body.match(/<h1[\s>]/g)).toHaveLength(1);

    const typed = formatVerificationCode(first.verificationCode).toLowerCase().replace(/-/g, ' ');
    const byCode = await s.get(`/verwaltung/bescheinigungen?q=${encodeURIComponent(typed)}`);
    expect(byCode.statusCode).toBe(200);
    expect(rowsOf(byCode.body)).toBe(1);
    expect(byCode.body).toContain('Đorđe Đorđević');

    const byCase = await s.get('/verwaltung/bescheinigungen?q=000502');
    expect(rowsOf(byCase.body)).toBe(1);
    expect(byCase.body).toContain('Ayşe Yılmaz');

    const none = await s.get('/verwaltung/bescheinigungen?q=%25');
    expect(none.statusCode).toBe(200);
    expect(rowsOf(none.body)).toBe(0);
    expect(none.body).toContain('Keine Bescheinigung passt zur Suche.');
  });

  it('shows the details with the PDF download', async () => {
    const s = await staffSession(t.app, 'teamleitung');
    const detail = await s.get(`/verwaltung/bescheinigungen/${second.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Ayşe Yılmaz');
    expect(detail.body).toContain('MB-2026-000502');
    expect(detail.body).toContain(`href="/verwaltung/bescheinigungen/${second.id}/pdf"`);
    expect(detail.body).toContain('name="grund"');
    const pdf = await s.get(`/verwaltung/bescheinigungen/${second.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(
      'attachment; filename="Meldebescheinigung-MB-2026-000502.pdf"; filename*=UTF-8\'\'Meldebescheinigung-MB-2026-000502.pdf',
    );
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const s = await staffSession(t.app, 'admin');
    for (const id of [
      '00000000-0000-4000-8000-000000000000',
      'kein-uuid',
      "1'; drop table certificates;--",
    ]) {
      expect((await s.get(`/verwaltung/bescheinigungen/${encodeURIComponent(id)}`)).statusCode, id).toBe(404);
      expect((await s.get(`/verwaltung/bescheinigungen/${encodeURIComponent(id)}/pdf`)).statusCode, id).toBe(
        404,
      );
    }
    expect(
      (await s.post(`/verwaltung/bescheinigungen/kein-uuid/widerrufen`, { grund: 'Test' })).statusCode,
    ).toBe(404);
  });

  it('revokes only with a reason; the change is audited', async () => {
    const s = await staffSession(t.app, 'sachbearbeitung');
    const url = `/verwaltung/bescheinigungen/${first.id}/widerrufen`;

    const empty = await s.post(url, { grund: '   ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('id="error-summary"');
    expect(empty.body).toContain('href="#grund"');
    expect(empty.body).toContain('id="grund-error"');
    expect(empty.body).toContain('Bitte geben Sie einen Grund für den Widerruf an.');
    const tooLong = await s.post(url, { grund: 'x'.repeat(501) });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('Der Text ist zu lang.');
    expect(tooLong.body).toContain('x'.repeat(501)); // kept in the field
    expect((await t.services.bescheinigungen.get(first.id)).revokedAt).toBeNull();
    expect(await t.services.audit.list({ entityType: 'certificate', entityId: first.id })).toHaveLength(0);

    const done = await s.post(url, { grund: 'Anschrift war falsch bescheinigt' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/verwaltung/bescheinigungen/${first.id}`);
    const after = await s.get(done.headers.location!);
    expect(after.body).toContain('Die Bescheinigung wurde widerrufen.');
    expect(after.body).toContain('Anschrift war falsch bescheinigt');
    expect(after.body).not.toContain('name="grund"');

    const stored = await t.services.bescheinigungen.get(first.id);
    expect(stored.revokedAt?.toISOString()).toBe(now.toISOString());
    expect(stored.revokedReason).toBe('Anschrift war falsch bescheinigt');
    expect(stored.revokedBy).toBeTruthy();
    const audit = await t.services.audit.list({ entityType: 'certificate', entityId: first.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'certificate.revoke', actorName: stored.revokedBy });
    expect(audit[0]!.actorId).not.toBeNull();
    expect(audit[0]!.after).toMatchObject({ revokedReason: 'Anschrift war falsch bescheinigt' });

    const again = await s.post(url, { grund: 'Noch einmal' });
    expect(again.statusCode).toBe(409);
    expect(await t.services.audit.list({ entityType: 'certificate', entityId: first.id })).toHaveLength(1);

    const list = await s.get('/verwaltung/bescheinigungen');
    expect(list.body).toContain('Widerrufen');
    const check = await t.app.inject({ method: 'GET', url: `/pruefen?code=${first.verificationCode}` });
    expect(check.body).toContain('Widerrufen am');
  });
});
