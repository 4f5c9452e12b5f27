import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffSession, type TestApp } from '../../../test/support/test-app.js';

describe('city administration: texts, master data, feedback', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const validForm = (overrides: Record<string, string> = {}) => ({
    name: 'Rheinfeld',
    authority: 'Stadt Rheinfeld – Bürgeramt',
    street: 'Markt 2',
    postalCode: '41460',
    town: 'Rheinfeld',
    phone: '02131 90-0',
    email: 'buergeramt@rheinfeld.example',
    website: '',
    hotline115: 'on',
    logoSvg: '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>',
    imprint_de: 'Neues Impressum.\n\nZweiter Absatz.',
    imprint_en: 'New legal notice.',
    privacy_de: 'Datenschutz.',
    privacy_en: '',
    accessibility_de: 'Barrierefreiheit.',
    accessibility_en: '',
    ...overrides,
  });

  it('lets an admin edit the legal texts; citizens see them at once, and the change is audited', async () => {
    const admin = await staffSession(t.app, 'admin');
    const response = await admin.post('/verwaltung/inhalte', validForm());
    expect(response.statusCode).toBe(303);
    const page = await t.app.inject('/impressum');
    expect(page.body).toContain('<p class="kern-body">Neues Impressum.</p>');
    expect(page.body).toContain('<p class="kern-body">Zweiter Absatz.</p>');
    const english = await t.app.inject({ url: '/impressum', headers: { cookie: 'lang=en' } });
    expect(english.body).toContain('New legal notice.');
    // No English privacy text: the German one is shown, marked as German.
    const privacy = await t.app.inject({ url: '/datenschutz', headers: { cookie: 'lang=en' } });
    expect(privacy.body).toContain('<div lang="de">');
    const logo = await t.app.inject('/stadt/wappen.svg');
    expect(logo.body).toContain('<circle r="4"/>');
    const [entry] = await t.services.audit.list({ entityType: 'city' });
    expect(entry).toMatchObject({ action: 'city.update', actorName: 'Alex Admin' });
    expect((entry!.after as { imprint: { de: string } }).imprint.de).toContain('Neues Impressum');
  });

  it('escapes what the city types: no HTML gets through', async () => {
    const admin = await staffSession(t.app, 'admin');
    await admin.post('/verwaltung/inhalte', validForm({ imprint_de: '<script>alert(1)</script>' }));
    const page = await t.app.inject('/impressum');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('refuses invalid values with German messages and changes nothing', async () => {
    const admin = await staffSession(t.app, 'admin');
    const before = await t.app.inject('/impressum');
    const response = await admin.post(
      '/verwaltung/inhalte',
      validForm({ imprint_de: 'Geändert', postalCode: '123', email: 'nope', logoSvg: '<script/>' }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Es gibt ein Problem');
    expect(response.body).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein');
    expect(response.body).toContain('href="#postalCode"');
    expect(response.body).toContain('href="#logoSvg"');
    const after = await t.app.inject('/impressum');
    expect(after.body).toBe(before.body);
  });

  it('keeps the texts to admins and shows feedback to team leads', async () => {
    const team = await staffSession(t.app, 'teamleitung');
    expect((await team.get('/verwaltung/inhalte')).statusCode).toBe(403);
    await t.services.city.submitFeedback({
      message: 'Kontrast zu schwach',
      pageUrl: '/',
      name: null,
      email: null,
    });
    const list = await team.get('/verwaltung/rueckmeldungen');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Kontrast zu schwach');
    const [feedback] = await t.services.city.listFeedback();
    const done = await team.post(`/verwaltung/rueckmeldungen/${feedback!.id}/erledigt`, {});
    expect(done.statusCode).toBe(303);
    expect((await t.services.city.listFeedback())[0]!.handledAt).toBeInstanceOf(Date);
    const clerk = await staffSession(t.app, 'sachbearbeitung');
    expect((await clerk.get('/verwaltung/rueckmeldungen')).statusCode).toBe(403);
  });
});
