import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browserish,
  createTestApp,
  staffSession,
  type TestApp,
} from '../../../test/support/test-app.js';
import { toFormValues } from './leistungen.form.js';

let t: TestApp;
let admin: Browserish;

beforeAll(async () => {
  t = await createTestApp();
  admin = await staffSession(t.app, 'admin');
});

afterAll(async () => {
  await t?.close();
});

const newService: Record<string, string | string[]> = {
  nameDe: 'Hundesteuer anmelden',
  nameEn: 'Register a dog for tax',
  shortDescriptionDe: 'Wer einen Hund hält, meldet ihn zur Hundesteuer an.',
  shortDescriptionEn: 'If you keep a dog, you register it for the dog tax.',
  descriptionDe: 'Erster Absatz.\n\nZweiter Absatz.',
  descriptionEn: '',
  documentsDe: 'Personalausweis\nNachweis der Haftpflichtversicherung',
  documentsEn: 'Identity card',
  fee0LabelDe: 'Steuermarke',
  fee0LabelEn: 'Tax tag',
  fee0Amount: '5,00',
  fee0LegalBasis: 'Hundesteuersatzung § 3',
  durationMinutes: '10',
  bookableOnline: 'on',
  walkIn: 'on',
  hintsDe: 'Die Steuermarke gibt es sofort.',
  hintsEn: 'You get the tax tag right away.',
  keywords: 'Hund, Steuer, dog tax',
  popularity: '1',
  leikaKey: '',
  locationIds: ['nord'],
};

/** The edit form as a browser would send it, with some fields changed. */
async function editFields(
  id: string,
  changes: Record<string, string | string[]>,
): Promise<Record<string, string | string[]>> {
  const leistung = await t.services.leistungen.getForStaff(id);
  const values = toFormValues(leistung, await t.services.leistungen.locationIdsOf(id));
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' || Array.isArray(value)) fields[key] = value as string | string[];
  }
  return { ...fields, ...changes };
}

const auditOf = (id: string) => t.services.audit.list({ entityType: 'leistung', entityId: id });

describe('access', () => {
  it('sends visitors who are not logged in to the log-in page', async () => {
    for (const url of [
      '/verwaltung/leistungen',
      '/verwaltung/leistungen/neu',
      '/verwaltung/leistungen/personalausweis',
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toMatch(/^\/verwaltung\/anmelden/);
    }
  });

  it('forbids staff without the admin role', async () => {
    const clerk = await staffSession(t.app, 'sachbearbeitung');
    expect((await clerk.get('/verwaltung/leistungen')).statusCode).toBe(403);
    expect((await clerk.get('/verwaltung/leistungen/personalausweis')).statusCode).toBe(403);
    const post = await clerk.post('/verwaltung/leistungen/neu', newService);
    expect(post.statusCode).toBe(403);
    const retire = await clerk.post('/verwaltung/leistungen/personalausweis/stilllegen', {});
    expect(retire.statusCode).toBe(403);
    expect((await t.services.leistungen.get('personalausweis')).retiredAt).toBeNull();
    expect(await t.services.leistungen.search('Hundesteuer')).toEqual([]);
  });
});

describe('list and forms', () => {
  it('lists every service for admins', async () => {
    const response = await admin.get('/verwaltung/leistungen');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Personalausweis beantragen');
    expect(response.body).toContain('href="/verwaltung/leistungen/personalausweis"');
    expect(response.body).toContain('href="/verwaltung/leistungen/neu"');
  });

  it('shows the edit form with the current values', async () => {
    const response = await admin.get('/verwaltung/leistungen/personalausweis');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('value="Personalausweis beantragen"');
    expect(html).toContain('value="46,00"');
    expect(html).toMatch(/<input[^>]*name="locationIds"[^>]*value="rathaus"[^>]*checked/);
    expect(html).toContain('name="_csrf"');
    expect(html).toContain('href="/verwaltung/leistungen/personalausweis/stilllegen"');
  });

  it('answers 404 for an unknown service', async () => {
    expect((await admin.get('/verwaltung/leistungen/gibt-es-nicht')).statusCode).toBe(404);
    const post = await admin.post('/verwaltung/leistungen/gibt-es-nicht', newService);
    expect(post.statusCode).toBe(404);
  });
});

describe('create', () => {
  it('creates a service with a readable id, searchable at once, and audits it', async () => {
    const response = await admin.post('/verwaltung/leistungen/neu', newService);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/verwaltung/leistungen');

    const created = await t.services.leistungen.get('hundesteuer-anmelden');
    expect(created).toMatchObject({
      name: { de: 'Hundesteuer anmelden', en: 'Register a dog for tax' },
      description: { de: 'Erster Absatz.\n\nZweiter Absatz.' },
      documents: [
        { de: 'Personalausweis', en: 'Identity card' },
        { de: 'Nachweis der Haftpflichtversicherung' },
      ],
      fees: [
        {
          label: { de: 'Steuermarke', en: 'Tax tag' },
          amountCents: 500,
          legalBasis: 'Hundesteuersatzung § 3',
        },
      ],
      durationMinutes: 10,
      bookableOnline: true,
      walkIn: true,
      onlineApplication: false,
      keywords: ['Hund', 'Steuer', 'dog tax'],
      leikaKey: null,
    });
    expect(created.searchText).toContain('hundesteuer');
    expect(await t.services.leistungen.locationIdsOf('hundesteuer-anmelden')).toEqual(['nord']);
    expect((await t.services.leistungen.search('Hundesteur'))[0]?.id).toBe('hundesteuer-anmelden');

    const [entry] = await auditOf('hundesteuer-anmelden');
    expect(entry).toMatchObject({ action: 'leistung.create', actorName: 'Alex Admin', before: null });
    expect(entry!.after).toMatchObject({
      id: 'hundesteuer-anmelden',
      locationIds: ['nord'],
      durationMinutes: 10,
    });

    const page = await t.app.inject({ method: 'GET', url: '/leistungen/hundesteuer-anmelden' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hundesteuersatzung § 3');
  });

  it('gives a second service with the same name the next free id', async () => {
    const response = await admin.post('/verwaltung/leistungen/neu', newService);
    expect(response.statusCode).toBe(303);
    expect((await t.services.leistungen.get('hundesteuer-anmelden-2')).name.de).toBe('Hundesteuer anmelden');
  });

  it('gives simultaneous services with the same name different ids', async () => {
    const input = {
      name: { de: 'Sperrmüll anmelden' },
      shortDescription: { de: 'Abholung vereinbaren.' },
      description: { de: 'Text.' },
      documents: [],
      fees: [],
      durationMinutes: 5,
      bookableOnline: false,
      walkIn: true,
      onlineApplication: false,
      hints: [],
      keywords: [],
      popularity: 0,
      leikaKey: null,
      locationIds: ['rathaus'],
    };
    const actor = { id: null, name: 'Test' };
    const created = await Promise.all([
      t.services.leistungen.create(actor, input),
      t.services.leistungen.create(actor, input),
    ]);
    expect(created.map((service) => service.id).sort()).toEqual([
      'sperrmuell-anmelden',
      'sperrmuell-anmelden-2',
    ]);
  });

  it('rejects invalid input with German messages and changes nothing', async () => {
    const before = (await t.services.leistungen.list({ includeRetired: true })).length;
    const response = await admin.post('/verwaltung/leistungen/neu', {
      ...newService,
      nameDe: 'Katzensteuer',
      shortDescriptionDe: '',
      fee0Amount: 'fünf Euro',
      durationMinutes: '0',
      leikaKey: '123',
    });
    expect(response.statusCode).toBe(422);
    const html = response.body;
    expect(html).toContain('Es gibt ein Problem');
    expect(html).toContain('href="#shortDescriptionDe"');
    expect(html).toContain('Kurzbeschreibung (Deutsch): Bitte füllen Sie dieses Feld aus.');
    expect(html).toContain('Gebühr 1, Betrag in Euro: Bitte geben Sie einen Betrag in Euro ein');
    expect(html).toContain('Bitte füllen Sie dieses Feld aus.');
    expect(html).toContain('Bitte geben Sie einen Betrag in Euro ein, zum Beispiel 37,00.');
    expect(html).toContain('Bitte geben Sie eine Zahl größer als 0 ein.');
    expect(html).toContain('Der LeiKa-Schlüssel besteht aus genau 14 Ziffern');
    // The submitted values are kept.
    expect(html).toContain('value="Katzensteuer"');
    expect(html).toContain('value="fünf Euro"');
    expect((await t.services.leistungen.list({ includeRetired: true })).length).toBe(before);
    expect(await t.services.leistungen.search('Katzensteuer')).toEqual([]);
  });
});

describe('edit', () => {
  it('saves changes, keeps the search text current and audits before and after', async () => {
    const original = await t.services.leistungen.get('meldebescheinigung');
    const fields = await editFields('meldebescheinigung', {
      nameDe: 'Meldebescheinigung ausstellen lassen',
      durationMinutes: '7',
      keywords: 'Wohnsitznachweis, Zauberwort',
      locationIds: ['rathaus'],
    });
    const response = await admin.post('/verwaltung/leistungen/meldebescheinigung', fields);
    expect(response.statusCode).toBe(303);

    const updated = await t.services.leistungen.get('meldebescheinigung');
    expect(updated.name.de).toBe('Meldebescheinigung ausstellen lassen');
    expect(updated.durationMinutes).toBe(7);
    expect(updated.searchText).toContain('zauberwort');
    expect((await t.services.leistungen.search('Zauberwort'))[0]?.id).toBe('meldebescheinigung');
    expect(await t.services.leistungen.locationIdsOf('meldebescheinigung')).toEqual(['rathaus']);

    const [entry] = await auditOf('meldebescheinigung');
    expect(entry!.action).toBe('leistung.update');
    expect(entry!.before).toMatchObject({
      name: original.name,
      durationMinutes: original.durationMinutes,
      locationIds: ['rathaus', 'nord'],
    });
    expect(entry!.after).toMatchObject({
      name: { de: 'Meldebescheinigung ausstellen lassen' },
      durationMinutes: 7,
      locationIds: ['rathaus'],
    });
  });

  it('changes nothing when the input is invalid', async () => {
    const before = await t.services.leistungen.get('reisepass');
    const auditBefore = (await auditOf('reisepass')).length;
    const fields = await editFields('reisepass', {
      nameDe: '',
      durationMinutes: '20',
      locationIds: ['mond'],
    });
    const response = await admin.post('/verwaltung/leistungen/reisepass', fields);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Bitte wählen Sie nur Standorte aus der Liste.');
    expect(await t.services.leistungen.get('reisepass')).toEqual(before);
    expect((await auditOf('reisepass')).length).toBe(auditBefore);
  });
});

describe('retire', () => {
  it('asks for confirmation, then retires and audits', async () => {
    const confirm = await admin.get('/verwaltung/leistungen/beglaubigung/stilllegen');
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Ja, stilllegen');
    expect(confirm.body).toMatch(
      /<form method="post" action="\/verwaltung\/leistungen\/beglaubigung\/stilllegen"/,
    );
    expect((await t.services.leistungen.get('beglaubigung')).retiredAt).toBeNull();

    const response = await admin.post('/verwaltung/leistungen/beglaubigung/stilllegen', {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/verwaltung/leistungen');

    expect((await t.app.inject({ method: 'GET', url: '/leistungen/beglaubigung' })).statusCode).toBe(404);
    expect((await t.services.leistungen.getForStaff('beglaubigung')).retiredAt).toBeInstanceOf(Date);
    const list = await admin.get('/verwaltung/leistungen');
    expect(list.body).toContain('stillgelegt am');

    const [entry] = await auditOf('beglaubigung');
    expect(entry!.action).toBe('leistung.retire');
    expect(entry!.before).toMatchObject({ retiredAt: null });
    expect((entry!.after as { retiredAt: string | null }).retiredAt).toEqual(expect.any(String));

    const again = await admin.post('/verwaltung/leistungen/beglaubigung/stilllegen', {});
    expect(again.statusCode).toBe(409);
  });
});
