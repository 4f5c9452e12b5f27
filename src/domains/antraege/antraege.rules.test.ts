import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ServiceDefinition, UploadedFile } from './antraege.definition.js';
import {
  applicablePages,
  checkApplication,
  checkDefinition,
  checkPage,
  cleanFilename,
  findPage,
  formatBytes,
  mayVisit,
  mergeAnswers,
  nextPage,
  previousPage,
  progress,
  readPageValues,
  SUMMARY,
  visibleFields,
  withFiles,
} from './antraege.rules.js';
import { testDefinition } from './antraege.test-support.js';

const definition = testDefinition();
const page = (id: string) => findPage(definition, id)!;
const file: UploadedFile = {
  id: '3f0f7c1e-2b1a-4c55-9a61-0d5f1e2a3b4c',
  filename: 'scan.png',
  contentType: 'image/png',
  size: 70,
  sha256: 'abc',
};

describe('pages and conditions', () => {
  it('skips a page whose condition is false, in both directions', () => {
    const a = { weg: 'a' };
    expect(applicablePages(definition, a).map((p) => p.id)).toEqual(['wahl', 'nachweis']);
    expect(nextPage(definition, a, 'wahl')?.id).toBe('nachweis');
    expect(previousPage(definition, a, 'nachweis')?.id).toBe('wahl');
    expect(previousPage(definition, a, SUMMARY)?.id).toBe('nachweis');
    expect(nextPage(definition, a, 'nachweis')).toBeUndefined();
    expect(previousPage(definition, a, 'wahl')).toBeUndefined();

    const b = { weg: 'b' };
    expect(nextPage(definition, b, 'wahl')?.id).toBe('extra');
    expect(nextPage(definition, b, 'extra')?.id).toBe('nachweis');
    expect(previousPage(definition, b, 'nachweis')?.id).toBe('extra');
  });

  it('shows a field only when its condition holds for the other answers', () => {
    expect(visibleFields(page('nachweis'), { weg: 'a' }).map((f) => f.name)).toEqual(['nachweis']);
    expect(visibleFields(page('nachweis'), { weg: 'b' }).map((f) => f.name)).toEqual([
      'nachweis',
      'kommentar',
    ]);
  });
});

describe('reading and merging answers', () => {
  it('trims text, keeps check boxes as a list and a missing choice as undefined', () => {
    expect(readPageValues(page('extra'), { notiz: '  hallo ', themen: 'x' }, { weg: 'b' })).toEqual({
      notiz: 'hallo',
      themen: ['x'],
    });
    expect(readPageValues(page('extra'), { themen: ['x', 'z'] }, { weg: 'b' })).toEqual({
      notiz: '',
      themen: ['x', 'z'],
    });
    expect(readPageValues(page('wahl'), {}, {})).toEqual({ weg: undefined });
  });

  it('does not read a hidden field, even when it is posted', () => {
    expect(readPageValues(page('nachweis'), { kommentar: 'x' }, { weg: 'a' })).toEqual({ nachweis: [] });
  });

  it("replaces the page's own answers and keeps the others; files are not kept in the answers", () => {
    const before = { weg: 'b', notiz: 'alt', themen: ['x'], kommentar: 'k' };
    expect(mergeAnswers(before, page('extra'), { notiz: 'neu' })).toEqual({
      weg: 'b',
      notiz: 'neu',
      kommentar: 'k',
    });
    expect(mergeAnswers(before, page('nachweis'), { nachweis: [file] })).toEqual({
      weg: 'b',
      notiz: 'alt',
      themen: ['x'],
    });
  });

  it('puts the uploaded files into their field', () => {
    expect(withFiles(definition, { weg: 'a' }, [{ ...file, field: 'nachweis' }])).toEqual({
      weg: 'a',
      nachweis: [file],
    });
    expect(withFiles(definition, { weg: 'a' }, [])).toEqual({ weg: 'a', nachweis: [] });
  });
});

describe('validation', () => {
  it("uses the field's own words for a code, and the standard text otherwise", () => {
    const de = checkPage(page('extra'), { notiz: '', themen: ['q'] }, 'de');
    expect(de).toEqual({
      ok: false,
      errors: {
        notiz: 'Bitte schreiben Sie eine Notiz.',
        themen: 'Bitte wählen Sie eine der angebotenen Möglichkeiten.',
      },
    });
    const en = checkPage(page('extra'), { notiz: 'x'.repeat(21) }, 'en');
    expect(en).toEqual({ ok: false, errors: { notiz: 'The text is too long.' } });
  });

  it('validates the whole application without the answers of pages no longer applicable', () => {
    const answers = { weg: 'a', notiz: 'von früher', nachweis: [file] };
    expect(checkApplication(definition, answers, 'de')).toEqual({
      complete: true,
      answers: { weg: 'a', nachweis: [file] },
    });
    const open = checkApplication(definition, { weg: 'b', nachweis: [file] }, 'de');
    expect(open.complete).toBe(false);
    expect(!open.complete && open.page.id).toBe('extra');
  });

  it('lets the citizen visit a page only after the applicable pages before it', () => {
    expect(mayVisit(definition, {}, 'wahl', 'de')).toBe(true);
    expect(mayVisit(definition, {}, 'nachweis', 'de')).toBe(false);
    expect(mayVisit(definition, { weg: 'a' }, 'nachweis', 'de')).toBe(true);
    expect(mayVisit(definition, { weg: 'a' }, 'extra', 'de')).toBe(false);
    expect(mayVisit(definition, { weg: 'a' }, SUMMARY, 'de')).toBe(false);
    expect(mayVisit(definition, { weg: 'a', nachweis: [file] }, SUMMARY, 'de')).toBe(true);
  });
});

describe('progress', () => {
  it('counts the applicable pages and the summary and marks what is done', () => {
    const shortWay = progress(definition, { weg: 'a' }, 'nachweis', 'de', 'Prüfen');
    expect(shortWay.number).toBe(2);
    expect(shortWay.total).toBe(3);
    expect(shortWay.steps).toEqual([
      { id: 'wahl', title: 'Welcher Weg?', state: 'done', reachable: true },
      { id: 'nachweis', title: 'Nachweis hochladen', state: 'current', reachable: false },
      { id: SUMMARY, title: 'Prüfen', state: 'open', reachable: false },
    ]);
    const longWay = progress(definition, { weg: 'b', notiz: 'n', nachweis: [file] }, 'wahl', 'en', 'Check');
    expect([longWay.number, longWay.total]).toEqual([1, 4]);
    expect(longWay.steps.map((step) => [step.state, step.reachable])).toEqual([
      ['current', false],
      ['done', true],
      ['done', true],
      ['open', true],
    ]);
  });
});

describe('definitions', () => {
  const base = testDefinition();
  const withPage = (extra: Partial<ServiceDefinition['pages'][number]>): ServiceDefinition => ({
    ...base,
    pages: [...base.pages, { id: 'neu', title: { de: 'Neu' }, fields: [], schema: z.object({}), ...extra }],
  });

  it('accepts the test service and refuses reserved or repeated names', () => {
    expect(() => checkDefinition(base)).not.toThrow();
    expect(() => checkDefinition(withPage({ id: SUMMARY }))).toThrow(/reserved/);
    expect(() => checkDefinition(withPage({ id: 'wahl' }))).toThrow(/used twice/);
    expect(() =>
      checkDefinition(withPage({ fields: [{ name: 'weg', kind: 'text', label: { de: 'Weg' } }] })),
    ).toThrow(/"weg" is used twice/);
    expect(() => checkDefinition({ ...base, key: 'Nicht gut' })).toThrow(/slug/);
  });
});

describe('files', () => {
  it('formats sizes for people', () => {
    expect(formatBytes(512, 'de')).toBe('512 B');
    expect(formatBytes(12_800, 'de')).toBe('13 KB');
    expect(formatBytes(5 * 1024 * 1024, 'de')).toBe('5 MB');
    expect(formatBytes(1.5 * 1024 * 1024, 'de')).toBe('1,5 MB');
    expect(formatBytes(1.5 * 1024 * 1024, 'en')).toBe('1.5 MB');
  });

  it('cleans file names: no directories, no control characters, not too long', () => {
    expect(cleanFilename('C:\\Users\\erika\\scan.pdf')).toBe('scan.pdf');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('a\u0000b\nc.png')).toBe('abc.png');
    expect(cleanFilename('   ')).toBe('datei');
    const long = cleanFilename(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(120);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
