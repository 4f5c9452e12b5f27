import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { demoDocuments } from '../../demo/documents.data.js';
import { apiStatus } from './dokumente.rules.js';

const clock = new Date('2026-12-03T09:00:00Z');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

const api = (serial: string, query = '') =>
  t.app.inject({ method: 'GET', url: `/api/v1/document-status/${encodeURIComponent(serial)}${query}` });

/** Headers that may differ between any two responses (the clock). */
function comparable(headers: Record<string, unknown>) {
  const { date: _date, ...rest } = headers;
  return rest;
}

describe('GET /api/v1/document-status/{serialNumber}', () => {
  it('returns the status, document type, pickup place and time for a known number, nothing else', async () => {
    const response = await api('L01XR7T2M');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body).toEqual({
      status: 'BEREIT_ZUR_ABHOLUNG',
      documentType: 'personalausweis',
      pickup: { locationId: 'rathaus', name: 'Bürgeramt im Rathaus' },
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/),
    });
    const english = await api('L01XN3W8P', '?lang=en');
    expect(english.json().pickup).toEqual({ locationId: 'nord', name: 'Citizen office North' });
  });

  it('normalises the number (case, spaces, letter O)', async () => {
    for (const input of ['l01xr7t2m', 'L01X R7T2M', 'LO1XR7T2M']) {
      const response = await api(input);
      expect(response.statusCode, input).toBe(200);
      expect(response.json().status).toBe('BEREIT_ZUR_ABHOLUNG');
    }
  });

  it('names every status as the public API does', async () => {
    for (const document of demoDocuments) {
      const response = await api(document.serialNumber);
      expect(response.statusCode).toBe(200);
      expect(response.json().status).toBe(apiStatus(document.history.at(-1)!.status));
      expect(response.json().documentType).toBe(document.documentType);
    }
  });

  it('answers every unknown or malformed number with the same 404 problem, byte for byte', async () => {
    const unknown = await api('L01XFFFFF');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const problem = unknown.json();
    expect(problem).toEqual({
      type: 'about:blank',
      title: 'Nicht gefunden',
      status: 404,
      detail: expect.any(String),
    });
    // Even very long garbage gets the same neutral 404 (the app allows path parameters up to 500 characters).
    for (const input of ['L01XFFFFA', 'x', 'hallo welt', '12345678', 'L01XR7T2MM', 'Z'.repeat(400), '%%%']) {
      const response = await api(input);
      expect(response.statusCode, input).toBe(404);
      expect(response.body, input).toBe(unknown.body);
      expect(comparable(response.headers), input).toEqual(comparable(unknown.headers));
    }
    // With the language parameter, too.
    const english = await api('L01XFFFFA', '?lang=en');
    expect(english.body).toBe(unknown.body);
  });

  it('answers a repeated question from the kept answers exactly as the first time', async () => {
    const paths = [
      '/api/v1/document-status/L01XH5J9V',
      '/api/v1/document-status/L01XH5J9V?lang=en',
      '/api/v1/document-status/l01x%20h5j9v',
      '/api/v1/document-status/T22000129',
      '/api/v1/document-status/hallo',
    ];
    for (const path of paths) {
      const first = await t.app.inject(path);
      const again = await t.app.inject(path);
      expect(again.statusCode, path).toBe(first.statusCode);
      expect(again.body, path).toBe(first.body);
      for (const header of ['content-type', 'cache-control', 'x-content-type-options']) {
        expect(again.headers[header], `${path} ${header}`).toBe(first.headers[header]);
      }
    }
  });

  it('never returns anything personal', async () => {
    for (const document of demoDocuments) {
      for (const lang of ['de', 'en']) {
        const { body } = await api(document.serialNumber, `?lang=${lang}`);
        expect(body).not.toContain(document.applicantName.split(' ')[0]);
        expect(body).not.toContain(document.applicantName.split(' ')[1]);
        expect(body).not.toContain(document.applicantBirthDate);
        if (document.contactEmail) expect(body).not.toContain(document.contactEmail);
        expect(Object.keys(JSON.parse(body)).sort()).toEqual([
          'documentType',
          'pickup',
          'status',
          'updatedAt',
        ]);
      }
    }
  });

  it('is described in the OpenAPI document with its 200, 404 and 429 answers', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/openapi.json' })).json();
    const operation = spec.paths['/api/v1/document-status/{serialNumber}']?.get;
    expect(operation).toBeDefined();
    expect(operation.tags).toEqual(['Ausweisstatus']);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '404', '429']));
    expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['serialNumber', 'lang']),
    );
  });
});
