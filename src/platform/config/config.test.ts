import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to embedded PGlite in ./data, demo mode, port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.resolve('./data') });
    expect(config.demo).toBe(true);
  });

  it('switches to PostgreSQL with DATABASE_URL and then needs a cookie secret', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x' })).toThrow(/BUERGERAMT_COOKIE_SECRET/);
    const config = loadConfig({
      DATABASE_URL: 'postgres://localhost/x',
      BUERGERAMT_COOKIE_SECRET: 'x'.repeat(32),
    });
    expect(config.database).toMatchObject({ kind: 'postgres', url: 'postgres://localhost/x' });
    expect(config.demo).toBe(false);
  });

  it('names the variable of an invalid value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ BUERGERAMT_DEMO: 'maybe' })).toThrow(/BUERGERAMT_DEMO/);
  });

  it('reads secrets from files (NAME_FILE)', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'config-'));
    const file = path.join(directory, 'secret');
    writeFileSync(file, `${'s'.repeat(40)}\n`);
    const config = loadConfig({ BUERGERAMT_COOKIE_SECRET_FILE: file });
    expect(config.cookieSecret).toBe('s'.repeat(40));
    expect(() => loadConfig({ BUERGERAMT_COOKIE_SECRET_FILE: path.join(directory, 'missing') })).toThrow(
      /BUERGERAMT_COOKIE_SECRET_FILE/,
    );
  });
});
