import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffSession } from '../../../test/support/test-app.js';
import { openTestDatabase } from '../../../test/support/test-database.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../config/config.js';
import type { DatabaseHandle } from '../db/database.js';
import type { MailService } from './mail.service.js';

/** The real app (buildApp wires the mailbox) in demo mode or not. */
async function appWith(demo: boolean): Promise<{
  app: FastifyInstance;
  mail: MailService;
  database: DatabaseHandle;
  close(): Promise<void>;
}> {
  const database = await openTestDatabase();
  const config = loadConfig({
    BUERGERAMT_DEMO: demo ? 'on' : 'off',
    BUERGERAMT_COOKIE_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'silent',
  });
  const { app, services } = await buildApp({
    config,
    database,
    cookieSecret: 'test-secret-test-secret-test-secret-0123',
    logger: false,
  });
  const mail = services.mail;
  await app.ready();
  return {
    app,
    mail,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';

describe('mailbox in demo mode', () => {
  let t: Awaited<ReturnType<typeof appWith>>;
  let id: number;

  beforeAll(async () => {
    t = await appWith(true);
    id = await t.mail.queue(t.database.db, {
      to: 'erika@example.org',
      subject: 'Bitte bestätigen Sie Ihren Termin',
      text: 'Guten Tag,\n\nbitte hier bestätigen: http://localhost:3000/termin/bestaetigen?t=abc&x=1.\n<script>alert(1)</script>',
      attachments: [{ filename: 'Termin am 1. März.ics', contentType: 'text/calendar', content: ics }],
      lang: 'de',
      kind: 'appointment.confirm-link',
      reference: 'a1',
    });
    await t.mail.deliverDue();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the mail for anyone, with the demo banner', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/verwaltung/post' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Demo: hier landen alle E-Mails, weil kein SMTP-Server eingerichtet ist');
    expect(response.body).toContain(`href="/verwaltung/post/${id}"`);
    expect(response.body).toContain('Bitte bestätigen Sie Ihren Termin');
    expect(response.body).toContain('erika@example.org');
    expect(response.body).toContain('Nur gespeichert');
    expect(response.body.match(/<h1/g)).toHaveLength(1);
  });

  it('shows the message with clickable links and escaped text', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/verwaltung/post/${id}` });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('href="http://localhost:3000/termin/bestaetigen?t=abc&amp;x=1"');
    expect(response.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(response.body).not.toContain('<script>alert(1)');
    expect(response.body).toContain(`href="/verwaltung/post/${id}/anhang/0"`);
    expect(response.body).toContain('Termin am 1. März.ics herunterladen');
    expect(response.body).toContain('Bürgeramt &lt;buergeramt@localhost>');
  });

  it('sends an attachment as a download', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/verwaltung/post/${id}/anhang/0` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="Termin am 1. M_rz.ics"; filename*=UTF-8''Termin%20am%201.%20M%C3%A4rz.ics`,
    );
    expect(response.body).toBe(ics);
  });

  it('answers 404 for unknown mails and attachments', async () => {
    for (const url of [
      '/verwaltung/post/999999',
      '/verwaltung/post/abc',
      '/verwaltung/post/0',
      `/verwaltung/post/${id}/anhang/1`,
      `/verwaltung/post/${id}/anhang/-1`,
      '/verwaltung/post/999999/anhang/0',
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
    }
  });
});

describe('mailbox outside demo mode', () => {
  let t: Awaited<ReturnType<typeof appWith>>;
  let id: number;

  beforeAll(async () => {
    t = await appWith(false);
    id = await t.mail.queue(t.database.db, {
      to: 'max@example.org',
      subject: 'Erinnerung',
      text: 'Morgen ist Ihr Termin.',
      attachments: [{ filename: 'termin.ics', contentType: 'text/calendar', content: ics }],
      lang: 'de',
      kind: 'appointment.reminder',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends visitors to the log-in page', async () => {
    for (const url of ['/verwaltung/post', `/verwaltung/post/${id}`, `/verwaltung/post/${id}/anhang/0`]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toMatch(/^\/verwaltung\/anmelden/);
    }
  });

  it('is for admins only', async () => {
    const clerk = await staffSession(t.app, 'sachbearbeitung');
    expect((await clerk.get('/verwaltung/post')).statusCode).toBe(403);
    expect((await clerk.get(`/verwaltung/post/${id}/anhang/0`)).statusCode).toBe(403);

    const admin = await staffSession(t.app, 'admin');
    const list = await admin.get('/verwaltung/post');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Erinnerung');
    expect(list.body).toContain('Wartet auf Versand');
    expect(list.body).not.toContain('Demo: hier landen');
    expect((await admin.get(`/verwaltung/post/${id}`)).statusCode).toBe(200);
    expect((await admin.get(`/verwaltung/post/${id}/anhang/0`)).body).toBe(ics);
  });
});
