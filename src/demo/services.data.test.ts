import { describe, expect, it } from 'vitest';
import { demoServices, type LocalizedText, type ServiceSeed } from './services.data.js';

const REQUIRED_IDS = [
  'personalausweis',
  'reisepass',
  'kinderreisepass',
  'vorlaeufiger-personalausweis',
  'eid-karte',
  'ausweis-abholung',
  'anmeldung-ummeldung',
  'abmeldung',
  'meldebescheinigung',
  'fuehrungszeugnis',
  'gewerbezentralregister-auskunft',
  'beglaubigung',
  'haushaltsbescheinigung',
  'lebensbescheinigung',
  'bewohnerparkausweis',
  'fischereischein',
  'fahrzeugschein-adressaenderung',
  'briefwahl',
  'fundsachen',
  'verlustmeldung-ausweis',
  'statusabfrage-ausweis',
  'uebermittlungssperre',
  'auskunftssperre',
  'melderegisterauskunft',
];

function byId(id: string): ServiceSeed {
  const service = demoServices.find((s) => s.id === id);
  if (!service) throw new Error(`service ${id} missing`);
  return service;
}

function allTexts(service: ServiceSeed): Array<[string, LocalizedText]> {
  return [
    ['name', service.name],
    ['shortDescription', service.shortDescription],
    ['description', service.description],
    ...service.documents.map((d, i): [string, LocalizedText] => [`documents[${i}]`, d]),
    ...service.hints.map((h, i): [string, LocalizedText] => [`hints[${i}]`, h]),
    ...service.fees.map((f, i): [string, LocalizedText] => [`fees[${i}].label`, f.label]),
  ];
}

describe('demo service catalogue', () => {
  it('has at least 22 services', () => {
    expect(demoServices.length).toBeGreaterThanOrEqual(22);
  });

  it('uses unique kebab-case ids', () => {
    const ids = demoServices.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('contains every required service', () => {
    const ids = new Set(demoServices.map((s) => s.id));
    for (const id of REQUIRED_IDS) expect(ids, id).toContain(id);
  });

  it('has non-empty German and English texts everywhere', () => {
    for (const service of demoServices) {
      for (const [field, text] of allTexts(service)) {
        expect(text.de.trim(), `${service.id}.${field}.de`).not.toBe('');
        expect(text.en.trim(), `${service.id}.${field}.en`).not.toBe('');
      }
    }
  });

  it('has real English translations for descriptions', () => {
    for (const service of demoServices) {
      expect(service.shortDescription.en, service.id).not.toBe(service.shortDescription.de);
      expect(service.description.en, service.id).not.toBe(service.description.de);
    }
  });

  it('keeps short descriptions short and descriptions at 2 to 4 paragraphs', () => {
    for (const service of demoServices) {
      for (const lang of ['de', 'en'] as const) {
        expect(service.shortDescription[lang].length, `${service.id}.${lang}`).toBeLessThanOrEqual(160);
        const paragraphs = service.description[lang].split('\n\n');
        expect(paragraphs.length, `${service.id}.${lang}`).toBeGreaterThanOrEqual(2);
        expect(paragraphs.length, `${service.id}.${lang}`).toBeLessThanOrEqual(4);
        for (const p of paragraphs) expect(p.trim(), `${service.id}.${lang}`).not.toBe('');
      }
    }
  });

  it('has fees as non-negative integer cents with a legal basis', () => {
    for (const service of demoServices) {
      for (const f of service.fees) {
        expect(Number.isInteger(f.amountCents), service.id).toBe(true);
        expect(f.amountCents, service.id).toBeGreaterThanOrEqual(0);
        expect(f.legalBasis.trim(), service.id).not.toBe('');
      }
    }
  });

  it('has counter durations of 5 to 45 minutes in steps of 5', () => {
    for (const service of demoServices) {
      expect(service.durationMinutes, service.id).toBeGreaterThanOrEqual(5);
      expect(service.durationMinutes, service.id).toBeLessThanOrEqual(45);
      expect(service.durationMinutes % 5, service.id).toBe(0);
    }
  });

  it('offers every service at the main office and only at known locations', () => {
    for (const service of demoServices) {
      expect(service.locationIds, service.id).toContain('rathaus');
      expect(new Set(service.locationIds).size, service.id).toBe(service.locationIds.length);
      for (const loc of service.locationIds) expect(['rathaus', 'nord'], service.id).toContain(loc);
    }
  });

  it('has popularity between 1 and 100 and lower-case keywords', () => {
    for (const service of demoServices) {
      expect(Number.isInteger(service.popularity), service.id).toBe(true);
      expect(service.popularity, service.id).toBeGreaterThanOrEqual(1);
      expect(service.popularity, service.id).toBeLessThanOrEqual(100);
      expect(service.keywords.length, service.id).toBeGreaterThan(0);
      expect(new Set(service.keywords).size, service.id).toBe(service.keywords.length);
      for (const k of service.keywords) {
        expect(k, service.id).toBe(k.toLowerCase());
        expect(k.trim(), service.id).not.toBe('');
      }
    }
  });

  it('uses 14-digit LeiKa keys or null', () => {
    for (const service of demoServices) {
      if (service.leikaKey !== null) expect(service.leikaKey, service.id).toMatch(/^\d{14}$/);
    }
    expect(byId('statusabfrage-ausweis').leikaKey).toBe('99008001015000');
  });

  it('offers the Meldebescheinigung online, free electronically and for 9 EUR on paper', () => {
    const service = byId('meldebescheinigung');
    expect(service.onlineApplication).toBe(true);
    const paper = service.fees.find((f) => /papier/i.test(f.label.de));
    expect(paper?.amountCents).toBe(900);
    expect(paper?.label.en).toMatch(/paper/i);
    const electronic = service.fees.find((f) => /elektronisch/i.test(f.label.de));
    expect(electronic?.amountCents).toBe(0);
  });

  it('models the abolished Kinderreisepass as information only', () => {
    const service = byId('kinderreisepass');
    expect(service.bookableOnline).toBe(false);
    expect(service.walkIn).toBe(false);
    expect(service.fees).toEqual([]);
    expect(service.description.de).toContain('2024');
  });

  it('charges the 2026 fees for identity cards and passports', () => {
    const ausweis = byId('personalausweis').fees.map((f) => f.amountCents);
    expect(ausweis).toEqual(expect.arrayContaining([4600, 2760]));
    const pass = byId('reisepass').fees.map((f) => f.amountCents);
    expect(pass).toEqual(expect.arrayContaining([7000, 3750]));
    expect(byId('fuehrungszeugnis').fees[0]?.amountCents).toBe(1300);
    expect(byId('gewerbezentralregister-auskunft').fees[0]?.amountCents).toBe(1300);
  });

  it('keeps online-only and information services out of online booking', () => {
    expect(byId('statusabfrage-ausweis').bookableOnline).toBe(false);
    expect(byId('ausweis-abholung').walkIn).toBe(true);
  });
});
