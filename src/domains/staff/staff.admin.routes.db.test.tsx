import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browserish,
  createTestApp,
  demoPasswords,
  staffSession,
  type TestApp,
  visitor,
} from '../../../test/support/test-app.js';
import { ConflictError } from '../../platform/errors/errors.js';
import { lastAdminDemoteMessage, lastAdminRetireMessage } from './staff.service.js';

const strongPassword = 'ein sehr langes passwort';

async function userByName(t: TestApp, username: string) {
  const user = (await t.services.staff.list()).find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no user ${username}`);
  return user;
}

async function auditOf(t: TestApp, id: string) {
  return t.services.audit.list({ entityType: 'staff', entityId: id });
}

async function tryLogin(t: TestApp, username: string, password: string) {
  return visitor(t.app).post('/verwaltung/anmelden', { username, password }, '/verwaltung/anmelden');
}

describe('staff accounts', () => {
  let t: TestApp;
  let admin: Browserish;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await staffSession(t.app, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('access', () => {
    it('lets only admins manage accounts', async () => {
      const clerk = await staffSession(t.app, 'sachbearbeitung');
      expect((await clerk.get('/verwaltung/benutzer')).statusCode).toBe(403);
      expect((await clerk.get('/verwaltung/benutzer/neu')).statusCode).toBe(403);
      const team = await staffSession(t.app, 'teamleitung');
      expect((await team.get('/verwaltung/benutzer')).statusCode).toBe(403);
      const post = await team.post('/verwaltung/benutzer/neu', {
        username: 'eindringling',
        displayName: 'X',
        role: 'admin',
        password: strongPassword,
        passwordRepeat: strongPassword,
      });
      expect(post.statusCode).toBe(403);
      expect((await t.services.staff.list()).map((user) => user.username)).not.toContain('eindringling');
    });

    it('redirects anonymous visitors to the log-in page', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/verwaltung/protokoll?typ=staff' });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(
        '/verwaltung/anmelden?weiter=%2Fverwaltung%2Fprotokoll%3Ftyp%3Dstaff',
      );
    });

    it('lists the accounts in a table for admins', async () => {
      const response = await admin.get('/verwaltung/benutzer');
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<caption class="kern-title">Benutzerkonten (3)</caption>');
      expect(response.body).toContain('Toni Teamleitung');
      expect(response.body).not.toContain('$argon2');
    });

    it('answers 404 for unknown or malformed ids', async () => {
      expect((await admin.get('/verwaltung/benutzer/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
        404,
      );
      expect((await admin.get('/verwaltung/benutzer/kein-uuid')).statusCode).toBe(404);
    });
  });

  describe('create', () => {
    it('creates an account with an argon2id hash and an audit entry', async () => {
      const response = await admin.post('/verwaltung/benutzer/neu', {
        username: 'M.Muster',
        displayName: 'Maria Muster',
        email: 'maria.muster@example.de',
        role: 'sachbearbeitung',
        password: strongPassword,
        passwordRepeat: strongPassword,
      });
      expect(response.statusCode).toBe(303);
      const user = await userByName(t, 'm.muster');
      expect(response.headers.location).toBe(`/verwaltung/benutzer/${user.id}`);
      expect(user).toMatchObject({
        displayName: 'Maria Muster',
        email: 'maria.muster@example.de',
        role: 'sachbearbeitung',
      });
      expect(user).not.toHaveProperty('passwordHash');

      const [entry] = await auditOf(t, user.id);
      expect(entry).toMatchObject({ action: 'staff.create', actorName: 'Alex Admin', before: null });
      expect(entry?.after).toMatchObject({ username: 'm.muster', role: 'sachbearbeitung' });
      expect(JSON.stringify(entry)).not.toContain('argon2');

      const page = await admin.get(response.headers.location as string);
      expect(page.body).toContain('Das Benutzerkonto m.muster wurde angelegt.');

      const login = await tryLogin(t, 'm.muster', strongPassword);
      expect(login.statusCode).toBe(303);
    });

    it('re-renders invalid input with 422, German messages and the values kept, and changes nothing', async () => {
      const before = await t.services.staff.list();
      const auditBefore = await t.services.audit.list({ entityType: 'staff' });
      const response = await admin.post('/verwaltung/benutzer/neu', {
        username: 'neue.kollegin',
        displayName: '',
        email: 'keine-adresse',
        role: 'admin',
        password: 'zu-kurz',
        passwordRepeat: 'zu-kurz',
      });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('Es gibt ein Problem');
      expect(response.body).toContain(
        '<a class="kern-link" href="#displayName">Bitte füllen Sie dieses Feld aus.</a>',
      );
      expect(response.body).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein');
      expect(response.body).toContain('Das Passwort muss mindestens 12 Zeichen lang sein.');
      expect(response.body).toContain('value="neue.kollegin"');
      expect(response.body).toContain('value="keine-adresse"');
      expect(response.body).not.toContain('value="zu-kurz"');
      expect(await t.services.staff.list()).toEqual(before);
      expect(await t.services.audit.list({ entityType: 'staff' })).toEqual(auditBefore);
    });

    it('refuses a user name that is taken', async () => {
      const response = await admin.post('/verwaltung/benutzer/neu', {
        username: 'Teamleitung',
        displayName: 'Doppelt',
        role: 'sachbearbeitung',
        password: strongPassword,
        passwordRepeat: strongPassword,
      });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('Dieser Benutzername ist bereits vergeben');
    });

    it('refuses mismatching passwords', async () => {
      const response = await admin.post('/verwaltung/benutzer/neu', {
        username: 'tippfehler',
        displayName: 'Tipp Fehler',
        role: 'sachbearbeitung',
        password: strongPassword,
        passwordRepeat: `${strongPassword}!`,
      });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('Die beiden Passwörter stimmen nicht überein.');
    });
  });

  describe('edit', () => {
    it('changes name, e-mail and role with an audit entry of the changed fields', async () => {
      const user = await userByName(t, 'teamleitung');
      const response = await admin.post(`/verwaltung/benutzer/${user.id}`, {
        displayName: 'Toni Teamleitung-Neu',
        email: 'toni@example.de',
        role: 'teamleitung',
      });
      expect(response.statusCode).toBe(303);
      expect(await userByName(t, 'teamleitung')).toMatchObject({
        displayName: 'Toni Teamleitung-Neu',
        email: 'toni@example.de',
      });
      const [entry] = await auditOf(t, user.id);
      expect(entry).toMatchObject({
        action: 'staff.update',
        before: { displayName: 'Toni Teamleitung', email: null },
        after: { displayName: 'Toni Teamleitung-Neu', email: 'toni@example.de' },
      });
    });

    it('re-renders invalid changes with 422 and keeps the account as it was', async () => {
      const user = await userByName(t, 'teamleitung');
      const response = await admin.post(`/verwaltung/benutzer/${user.id}`, {
        displayName: '',
        email: 'x@',
        role: 'chef',
      });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('Bitte wählen Sie eine der angebotenen Möglichkeiten.');
      expect(await userByName(t, 'teamleitung')).toEqual(user);
    });

    it('applies a new role at once to running sessions', async () => {
      const clerk = await staffSession(t.app, 'sachbearbeitung');
      expect((await clerk.get('/verwaltung/protokoll')).statusCode).toBe(403);
      const user = await userByName(t, 'sachbearbeitung');
      await admin.post(`/verwaltung/benutzer/${user.id}`, {
        displayName: user.displayName,
        email: '',
        role: 'teamleitung',
      });
      expect((await clerk.get('/verwaltung/protokoll')).statusCode).toBe(200);
      await admin.post(`/verwaltung/benutzer/${user.id}`, {
        displayName: user.displayName,
        email: '',
        role: 'sachbearbeitung',
      });
      expect((await clerk.get('/verwaltung/protokoll')).statusCode).toBe(403);
    });
  });

  describe('password reset', () => {
    it('sets a new password, ends the sessions and audits without the hash', async () => {
      const team = await staffSession(t.app, 'teamleitung');
      expect((await team.get('/verwaltung')).statusCode).toBe(200);
      const user = await userByName(t, 'teamleitung');
      const response = await admin.post(`/verwaltung/benutzer/${user.id}/passwort`, {
        password: strongPassword,
        passwordRepeat: strongPassword,
      });
      expect(response.statusCode).toBe(303);
      expect((await team.get('/verwaltung')).statusCode).toBe(303);
      expect((await tryLogin(t, 'teamleitung', demoPasswords.teamleitung)).statusCode).toBe(401);
      expect((await tryLogin(t, 'teamleitung', strongPassword)).statusCode).toBe(303);

      const [entry] = await auditOf(t, user.id);
      expect(entry).toMatchObject({ action: 'staff.password_reset', after: { password: 'neu gesetzt' } });
      expect(JSON.stringify(entry)).not.toMatch(/argon2|passwordHash/);
    });

    it('refuses a short password with 422 and keeps the old one', async () => {
      const user = await userByName(t, 'm.muster');
      const response = await admin.post(`/verwaltung/benutzer/${user.id}/passwort`, {
        password: 'kurz',
        passwordRepeat: 'kurz',
      });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('Das Passwort muss mindestens 12 Zeichen lang sein.');
      expect((await tryLogin(t, 'm.muster', strongPassword)).statusCode).toBe(303);
    });
  });

  describe('retire', () => {
    it('asks for confirmation first', async () => {
      const user = await userByName(t, 'm.muster');
      const response = await admin.get(`/verwaltung/benutzer/${user.id}/stilllegen`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Konto m.muster stilllegen?');
      expect(response.body).toContain(`action="/verwaltung/benutzer/${user.id}/stilllegen"`);
      expect((await userByName(t, 'm.muster')).retiredAt).toBeNull();
    });

    it('retires an account: sessions end, log-in fails, nothing is deleted, the change is audited', async () => {
      const muster = visitor(t.app);
      await muster.post(
        '/verwaltung/anmelden',
        { username: 'm.muster', password: strongPassword },
        '/verwaltung/anmelden',
      );
      expect((await muster.get('/verwaltung')).statusCode).toBe(200);

      const user = await userByName(t, 'm.muster');
      const response = await admin.post(`/verwaltung/benutzer/${user.id}/stilllegen`, {});
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/verwaltung/benutzer');

      const retired = await userByName(t, 'm.muster');
      expect(retired.retiredAt).toBeInstanceOf(Date);
      expect((await muster.get('/verwaltung')).statusCode).toBe(303);
      const login = await tryLogin(t, 'm.muster', strongPassword);
      expect(login.statusCode).toBe(401);
      expect(login.body).toContain('Benutzername oder Passwort ist falsch.');

      const [entry] = await auditOf(t, user.id);
      expect(entry).toMatchObject({
        action: 'staff.retire',
        before: { retiredAt: null },
        after: { retiredAt: expect.any(String) },
      });

      const page = await admin.get(`/verwaltung/benutzer/${user.id}`);
      expect(page.body).toContain('Dieses Konto ist stillgelegt.');
      const edit = await admin.post(`/verwaltung/benutzer/${user.id}`, { displayName: 'X', role: 'admin' });
      expect(edit.statusCode).toBe(409);
      expect((await userByName(t, 'm.muster')).role).toBe('sachbearbeitung');
    });

    it('does not let admins retire themselves', async () => {
      const self = await userByName(t, 'admin');
      const confirm = await admin.get(`/verwaltung/benutzer/${self.id}/stilllegen`);
      expect(confirm.body).toContain('Sie können Ihr eigenes Konto nicht stilllegen.');
      const response = await admin.post(`/verwaltung/benutzer/${self.id}/stilllegen`, {});
      expect(response.statusCode).toBe(409);
      expect(response.body).toContain('Sie können Ihr eigenes Konto nicht stilllegen.');
      expect((await userByName(t, 'admin')).retiredAt).toBeNull();
    });

    it('rejects a retirement without CSRF token (403) and changes nothing', async () => {
      const user = await userByName(t, 'sachbearbeitung');
      const response = await t.app.inject({
        method: 'POST',
        url: `/verwaltung/benutzer/${user.id}/stilllegen`,
        headers: { cookie: admin.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      expect(response.statusCode).toBe(403);
      expect((await userByName(t, 'sachbearbeitung')).retiredAt).toBeNull();
    });

    it('rejects a new account without CSRF token (403)', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/verwaltung/benutzer/neu',
        headers: { cookie: admin.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          username: 'ohne.token',
          displayName: 'Ohne Token',
          role: 'admin',
          password: strongPassword,
          passwordRepeat: strongPassword,
        }).toString(),
      });
      expect(response.statusCode).toBe(403);
      expect((await t.services.staff.list()).map((user) => user.username)).not.toContain('ohne.token');
    });
  });

  describe('the last active admin', () => {
    it('cannot be demoted', async () => {
      const self = await userByName(t, 'admin');
      const response = await admin.post(`/verwaltung/benutzer/${self.id}`, {
        displayName: 'Alex Admin',
        email: '',
        role: 'teamleitung',
      });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain(lastAdminDemoteMessage);
      expect((await userByName(t, 'admin')).role).toBe('admin');
    });

    it('cannot be retired (service rule, whoever asks)', async () => {
      const lastAdmin = await userByName(t, 'admin');
      const team = await userByName(t, 'teamleitung');
      const actor = { id: team.id, username: team.username, displayName: team.displayName, role: team.role };
      await expect(t.services.staff.retire(actor, lastAdmin.id)).rejects.toThrow(ConflictError);
      await expect(t.services.staff.retire(actor, lastAdmin.id)).rejects.toThrow(lastAdminRetireMessage);
      expect((await userByName(t, 'admin')).retiredAt).toBeNull();
    });

    it('can be demoted or retired once there is another admin', async () => {
      await admin.post('/verwaltung/benutzer/neu', {
        username: 'admin2',
        displayName: 'Zweite Admin',
        role: 'admin',
        password: strongPassword,
        passwordRepeat: strongPassword,
      });
      const second = visitor(t.app);
      await second.post(
        '/verwaltung/anmelden',
        { username: 'admin2', password: strongPassword },
        '/verwaltung/anmelden',
      );

      const first = await userByName(t, 'admin');
      const demote = await second.post(
        `/verwaltung/benutzer/${first.id}`,
        { displayName: first.displayName, email: '', role: 'teamleitung' },
        '/verwaltung',
      );
      expect(demote.statusCode).toBe(303);
      expect((await userByName(t, 'admin')).role).toBe('teamleitung');

      // Now admin2 is the last admin and cannot demote itself either.
      const self = await userByName(t, 'admin2');
      const selfDemote = await second.post(
        `/verwaltung/benutzer/${self.id}`,
        { displayName: self.displayName, email: '', role: 'sachbearbeitung' },
        '/verwaltung',
      );
      expect(selfDemote.statusCode).toBe(422);
      expect(selfDemote.body).toContain(lastAdminDemoteMessage);
    });
  });
});

describe('audit log page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await staffSession(t.app, 'admin');
    for (const name of ['eins', 'zwei', 'drei']) {
      await admin.post('/verwaltung/benutzer/neu', {
        username: `kollege.${name}`,
        displayName: `Kollege ${name}`,
        role: 'sachbearbeitung',
        password: strongPassword,
        passwordRepeat: strongPassword,
      });
    }
    const user = (await t.services.staff.list()).find((candidate) => candidate.username === 'kollege.eins')!;
    await admin.post(`/verwaltung/benutzer/${user.id}`, {
      displayName: 'Kollege Eins',
      email: 'eins@example.de',
      role: 'teamleitung',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists entries with Berlin time, who, action, object and a readable diff', async () => {
    const team = await staffSession(t.app, 'teamleitung');
    const response = await team.get('/verwaltung/protokoll');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<h1 class="kern-heading-x-large">Protokoll</h1>');
    expect(body).toContain('scope="col"');
    expect(body).toContain('Benutzerkonto angelegt');
    expect(body).toContain('Benutzerkonto geändert');
    expect(body).toContain('Alex Admin');
    expect(body).toContain('Benutzer: kollege.eins');
    expect(body).toContain(
      '<li>Name: Kollege eins → Kollege Eins</li><li>E-Mail: – → eins@example.de</li><li>Rolle: Sachbearbeitung → Teamleitung</li>',
    );
    expect(body).toContain(
      '<li>Benutzername: kollege.zwei</li><li>Name: Kollege zwei</li><li>Rolle: Sachbearbeitung</li>',
    );
    expect(body).toMatch(
      /<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]0[12]:00">\d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr<\/time>/,
    );
    expect(body).not.toContain('argon2');
  });

  it('filters by entity type and pages through older entries', async () => {
    const admin = await staffSession(t.app, 'admin');
    const filtered = await admin.get('/verwaltung/protokoll?typ=staff');
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toContain('<option value="staff" selected>Benutzer</option>');
    expect(filtered.body).toContain('Bereich Benutzer, Einträge 1 bis 4');

    const none = await admin.get('/verwaltung/protokoll?typ=gibt-es-nicht');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Es gibt noch keine Einträge.');

    const page = await t.services.staff.audit({ entityType: 'staff', pageSize: 3 });
    expect(page).toMatchObject({ page: 1, hasMore: true });
    expect(page.entries).toHaveLength(3);
    const second = await t.services.staff.audit({ entityType: 'staff', pageSize: 3, page: 2 });
    expect(second).toMatchObject({ page: 2, hasMore: false });
    expect(second.entries).toHaveLength(1);
    expect(second.entries[0]?.action).toBe('staff.create');

    const beyond = await admin.get('/verwaltung/protokoll?typ=staff&seite=7');
    expect(beyond.statusCode).toBe(200);
    expect(beyond.body).toContain('href="/verwaltung/protokoll?typ=staff&amp;seite=6"');
  });

  it('is closed to Sachbearbeitung', async () => {
    const clerk = await staffSession(t.app, 'sachbearbeitung');
    expect((await clerk.get('/verwaltung/protokoll')).statusCode).toBe(403);
  });
});
