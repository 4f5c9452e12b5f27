import { describe, expect, it } from 'vitest';
import { LocalSmsSender, normalisePhone, SmsRejectedError, smsBackoffMinutes } from './sms.js';

describe('normalisePhone', () => {
  it('reads German ways of writing a number as E.164', () => {
    expect(normalisePhone('0171 2345678')).toBe('+491712345678');
    expect(normalisePhone('0171/234 56-78')).toBe('+491712345678');
    expect(normalisePhone('(02131) 90-0')).toBe('+492131900');
    expect(normalisePhone('0049 171 2345678')).toBe('+491712345678');
    expect(normalisePhone('+31 6 12345678')).toBe('+31612345678');
  });

  it('leaves what it cannot read for the sender to refuse', () => {
    expect(normalisePhone('12345')).toBe('12345');
  });
});

describe('LocalSmsSender', () => {
  it('accepts an E.164 number, answers with an id and records the message', async () => {
    const sender = new LocalSmsSender();
    const { providerId } = await sender.send('+491712345678', 'Ihr Ausweis ist da.');
    expect(providerId).toMatch(/^local-[0-9a-f-]{36}$/);
    expect(sender.sent).toEqual([{ to: '+491712345678', body: 'Ihr Ausweis ist da.', providerId }]);
    expect(sender.delivers).toBe(false);
  });

  it('refuses numbers that are not E.164 and empty messages for good', async () => {
    const sender = new LocalSmsSender();
    await expect(sender.send('0171 2345678', 'x')).rejects.toBeInstanceOf(SmsRejectedError);
    await expect(sender.send('+4917', 'x')).rejects.toBeInstanceOf(SmsRejectedError);
    await expect(sender.send('+491712345678', '  ')).rejects.toBeInstanceOf(SmsRejectedError);
    expect(sender.sent).toEqual([]);
  });

  it('can be told to fail the next sends, like a provider that is down', async () => {
    const sender = new LocalSmsSender();
    sender.failNext(2);
    await expect(sender.send('+491712345678', 'a')).rejects.toThrow('nicht erreichbar');
    await expect(sender.send('+491712345678', 'b')).rejects.toThrow('nicht erreichbar');
    await expect(sender.send('+491712345678', 'c')).resolves.toMatchObject({
      providerId: expect.any(String),
    });
  });
});

describe('smsBackoffMinutes', () => {
  it('doubles up to an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(smsBackoffMinutes)).toEqual([1, 2, 4, 8, 60, 60, 60]);
  });
});
