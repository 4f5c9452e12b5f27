import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FieldDefinition, PageDefinition } from './antraege.definition.js';
import { JPEG, PDF, PNG } from './antraege.test-support.js';
import { checkUpload, multipartLimits, typeList } from './antraege.uploads.js';

const incoming = (filename: string, data: Buffer, truncated = false) => ({ filename, data, truncated });

describe('checkUpload', () => {
  it('recognises the type by content, not by the name', async () => {
    const png = await checkUpload(incoming('scan.pdf', PNG), ['application/pdf', 'image/png'], 1000);
    expect(png).toMatchObject({ ok: true, filename: 'scan.pdf', contentType: 'image/png', size: PNG.length });
    expect(await checkUpload(incoming('scan.pdf', PNG), ['application/pdf'], 1000)).toEqual({
      ok: false,
      problem: 'type',
    });
    expect(await checkUpload(incoming('brief.png', PDF), ['application/pdf'], 1000)).toMatchObject({
      ok: true,
      contentType: 'application/pdf',
    });
    expect(await checkUpload(incoming('foto.jpg', JPEG), ['image/jpeg'], 1000)).toMatchObject({
      ok: true,
      contentType: 'image/jpeg',
    });
  });

  it('refuses text, empty files and files above the limit', async () => {
    const text = Buffer.from('Dies ist kein PDF, nur Text.\n');
    expect(await checkUpload(incoming('text.pdf', text), ['application/pdf'], 1000)).toEqual({
      ok: false,
      problem: 'type',
    });
    expect(await checkUpload(incoming('leer.pdf', Buffer.alloc(0)), ['application/pdf'], 1000)).toEqual({
      ok: false,
      problem: 'empty',
    });
    expect(await checkUpload(incoming('gross.png', PNG), ['image/png'], PNG.length - 1)).toEqual({
      ok: false,
      problem: 'size',
    });
    expect(await checkUpload(incoming('abgeschnitten.png', PNG, true), ['image/png'], 1000)).toEqual({
      ok: false,
      problem: 'size',
    });
  });

  it('gives a sha256 of the content', async () => {
    const result = await checkUpload(incoming('a.png', PNG), ['image/png'], 1000);
    expect(result.ok && result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('typeList', () => {
  it('names the accepted types in words', () => {
    expect(typeList(['image/png', 'application/pdf', 'image/jpeg'], 'oder')).toBe('PDF, JPEG oder PNG');
    expect(typeList(['application/pdf'], 'or')).toBe('PDF');
    expect(typeList(['image/png', 'application/pdf'], 'or')).toBe('PDF or PNG');
  });
});

describe('multipartLimits', () => {
  const file = (name: string, maxBytes: number): FieldDefinition => ({
    name,
    kind: 'file',
    label: { de: name },
    accept: ['image/png'],
    maxBytes,
    maxFiles: 3,
  });
  const page = (fields: PageDefinition['fields']): PageDefinition => ({
    id: 'p',
    title: { de: 'P' },
    fields,
    schema: z.object({}),
  });

  it('allows one file per file field, as large as the largest field allows and never above the cap', () => {
    const text: FieldDefinition = { name: 'notiz', kind: 'text', label: { de: 'Notiz' } };
    const two = page([file('a', 2_000), text, file('b', 5_000)]);
    expect(multipartLimits(two, 10_000)).toEqual({ files: 2, fileSize: 5_000 });
    expect(multipartLimits(two, 3_000)).toEqual({ files: 2, fileSize: 3_000 });
    expect(multipartLimits(page([text]), 10_000)).toEqual({ files: 0, fileSize: 0 });
    expect(multipartLimits(undefined, 10_000)).toEqual({ files: 0, fileSize: 0 });
  });
});
