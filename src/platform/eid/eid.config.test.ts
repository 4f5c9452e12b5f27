import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.js';

const production = { DATABASE_URL: 'postgres://db/buergeramt', BUERGERAMT_COOKIE_SECRET: 'x'.repeat(32) };
const broker = {
  BUERGERAMT_OIDC_ISSUER: 'https://id.example.de/realms/buerger',
  BUERGERAMT_OIDC_CLIENT_ID: 'buergeramt',
  BUERGERAMT_OIDC_CLIENT_SECRET: 's3cret',
};

function problemOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('citizen log-in configuration', () => {
  test('a complete broker configuration; scopes default to openid profile address', () => {
    expect(loadConfig({ ...production, ...broker }).eid).toEqual({
      kind: 'oidc',
      issuer: 'https://id.example.de/realms/buerger',
      clientId: 'buergeramt',
      clientSecret: 's3cret',
      scopes: 'openid profile address',
    });
  });

  test('the client secret may come from a file; scopes are configurable', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eid-config-'));
    const file = path.join(dir, 'secret');
    writeFileSync(file, 'from-file\n');
    const { BUERGERAMT_OIDC_CLIENT_SECRET: _ignored, ...rest } = broker;
    const config = loadConfig({
      ...production,
      ...rest,
      BUERGERAMT_OIDC_CLIENT_SECRET_FILE: file,
      BUERGERAMT_OIDC_SCOPES: 'openid  profile address bundid',
    });
    expect(config.eid).toMatchObject({ clientSecret: 'from-file', scopes: 'openid profile address bundid' });
  });

  test('demo mode without an issuer uses the built-in dev IdP; production without one is off', () => {
    expect(
      loadConfig({ BUERGERAMT_DEMO: 'on', BUERGERAMT_PUBLIC_URL: 'https://demo.example.de/' }).eid,
    ).toEqual({
      kind: 'dev-idp',
      issuer: 'https://demo.example.de/dev-idp',
      clientId: 'buergeramt-demo',
      scopes: 'openid profile address',
    });
    expect(loadConfig(production).eid).toEqual({ kind: 'off' });
    // A configured broker wins in demo mode, too.
    expect(loadConfig({ BUERGERAMT_DEMO: 'on', ...broker }).eid.kind).toBe('oidc');
  });

  test('half configurations stop start-up, naming the missing variable', () => {
    expect(problemOf({ ...production, ...broker, BUERGERAMT_OIDC_CLIENT_SECRET: '' })).toContain(
      'BUERGERAMT_OIDC_CLIENT_SECRET: required with BUERGERAMT_OIDC_ISSUER',
    );
    expect(problemOf({ ...production, BUERGERAMT_OIDC_ISSUER: broker.BUERGERAMT_OIDC_ISSUER })).toContain(
      'BUERGERAMT_OIDC_CLIENT_ID: required',
    );
    expect(
      problemOf({ ...production, BUERGERAMT_OIDC_CLIENT_ID: 'x', BUERGERAMT_OIDC_CLIENT_SECRET: 'y' }),
    ).toContain('BUERGERAMT_OIDC_ISSUER: required with BUERGERAMT_OIDC_CLIENT_ID');
    expect(problemOf({ BUERGERAMT_DEMO: 'on', BUERGERAMT_OIDC_CLIENT_SECRET: 'y' })).toContain(
      'BUERGERAMT_OIDC_ISSUER: required with BUERGERAMT_OIDC_CLIENT_SECRET',
    );
    expect(problemOf({ ...production, BUERGERAMT_OIDC_SCOPES: 'openid' })).toContain(
      'BUERGERAMT_OIDC_ISSUER: required with BUERGERAMT_OIDC_SCOPES',
    );
    expect(problemOf({ ...production, ...broker, BUERGERAMT_OIDC_SCOPES: 'profile address' })).toContain(
      'BUERGERAMT_OIDC_SCOPES: must contain "openid"',
    );
  });

  test('the issuer must use https, except on localhost', () => {
    expect(problemOf({ ...production, ...broker, BUERGERAMT_OIDC_ISSUER: 'http://id.example.de' })).toContain(
      'BUERGERAMT_OIDC_ISSUER: must be an https:// URL',
    );
    expect(problemOf({ ...production, ...broker, BUERGERAMT_OIDC_ISSUER: 'not a url' })).toContain(
      'BUERGERAMT_OIDC_ISSUER',
    );
    const local = loadConfig({
      ...production,
      ...broker,
      BUERGERAMT_OIDC_ISSUER: 'http://localhost:8080/realms/x',
    });
    expect(local.eid).toMatchObject({ kind: 'oidc', issuer: 'http://localhost:8080/realms/x' });
  });
});
