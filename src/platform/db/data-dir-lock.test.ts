import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock.js';

describe('data directory lock', () => {
  it('refuses a second owner while the first holds the lock, and frees it on release', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'lock-'));
    const lock = acquireDataDirLock(directory);
    expect(() => acquireDataDirLock(directory)).toThrow(DataDirLockedError);
    lock.release();
    expect(existsSync(path.join(directory, 'buergeramt.lock'))).toBe(false);
    acquireDataDirLock(directory).release();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'lock-'));
    const child = spawn('sleep', ['0']);
    await new Promise((resolve) => child.on('exit', resolve));
    writeFileSync(path.join(directory, 'buergeramt.lock'), String(child.pid));
    const lock = acquireDataDirLock(directory);
    lock.release();
  });
});
