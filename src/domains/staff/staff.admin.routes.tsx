import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import { ConflictError, ValidationError } from '../../platform/errors/errors.js';
import { parseForm } from '../../platform/forms/forms.js';
import { AuditLogPage } from './audit.page.js';
import { parseNewUser, parsePasswordReset, userDetailsSchema } from './staff.form.js';
import { EditUserPage, NewUserPage, RetireUserPage, UserListPage, userPath } from './users.page.js';

type IdParams = { Params: { id: string } };

function actor(request: FastifyRequest) {
  // requireStaff ran before every handler here, so there is a staff member.
  return request.staff!;
}

/** Staff accounts (admin only) and the audit log (admin and team leads). */
export async function staffAdminRoutes(app: FastifyInstance, services: Services) {
  const { staff } = services;
  const adminOnly = { preHandler: app.requireStaff('admin') };

  app.get('/verwaltung/benutzer', adminOnly, async (request, reply) => {
    const users = await staff.list();
    return reply.page(<UserListPage ctx={request.pageContext()} users={users} now={new Date()} />);
  });

  app.get('/verwaltung/benutzer/neu', adminOnly, async (request, reply) => {
    return reply.page(<NewUserPage ctx={request.pageContext()} />);
  });

  app.post('/verwaltung/benutzer/neu', adminOnly, async (request, reply) => {
    const ctx = request.pageContext();
    const form = parseNewUser(request.body, 'de');
    if (!form.ok)
      return reply.status(422).page(<NewUserPage ctx={ctx} values={form.values} errors={form.errors} />);
    try {
      const created = await staff.create(actor(request), form.data);
      return reply.redirectWithFlash(
        userPath(created),
        `Das Benutzerkonto ${created.username} wurde angelegt.`,
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const values = { ...form.data, password: '', passwordRepeat: '' };
      return reply.status(422).page(<NewUserPage ctx={ctx} values={values} errors={error.fieldErrors} />);
    }
  });

  app.get<IdParams>('/verwaltung/benutzer/:id', adminOnly, async (request, reply) => {
    const user = await staff.get(request.params.id);
    return reply.page(<EditUserPage ctx={request.pageContext()} user={user} now={new Date()} />);
  });

  app.post<IdParams>('/verwaltung/benutzer/:id', adminOnly, async (request, reply) => {
    const ctx = request.pageContext();
    const user = await staff.get(request.params.id);
    if (user.retiredAt)
      throw new ConflictError('Dieses Konto ist stillgelegt und kann nicht mehr geändert werden.');
    const form = parseForm(userDetailsSchema, request.body, 'de');
    if (!form.ok) {
      return reply
        .status(422)
        .page(
          <EditUserPage ctx={ctx} user={user} now={new Date()} values={form.values} errors={form.errors} />,
        );
    }
    try {
      await staff.update(actor(request), user.id, form.data);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply
        .status(422)
        .page(
          <EditUserPage
            ctx={ctx}
            user={user}
            now={new Date()}
            values={{ ...form.data, email: form.data.email ?? '' }}
            errors={error.fieldErrors}
          />,
        );
    }
    return reply.redirectWithFlash(userPath(user), 'Die Angaben wurden gespeichert.');
  });

  app.post<IdParams>('/verwaltung/benutzer/:id/passwort', adminOnly, async (request, reply) => {
    const ctx = request.pageContext();
    const user = await staff.get(request.params.id);
    const form = parsePasswordReset(request.body, 'de');
    if (!form.ok) {
      return reply
        .status(422)
        .page(<EditUserPage ctx={ctx} user={user} now={new Date()} passwordErrors={form.errors} />);
    }
    try {
      await staff.resetPassword(actor(request), user.id, form.data.password);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply
        .status(422)
        .page(<EditUserPage ctx={ctx} user={user} now={new Date()} passwordErrors={error.fieldErrors} />);
    }
    // Resetting one's own password ends one's own session as well.
    if (user.id === actor(request).id) {
      return reply.redirectWithFlash(
        '/verwaltung/anmelden',
        'Ihr Passwort wurde geändert. Bitte melden Sie sich neu an.',
      );
    }
    return reply.redirectWithFlash(
      userPath(user),
      'Das Passwort wurde zurückgesetzt. Alle Anmeldungen dieses Kontos wurden beendet.',
    );
  });

  app.get<IdParams>('/verwaltung/benutzer/:id/stilllegen', adminOnly, async (request, reply) => {
    const user = await staff.get(request.params.id);
    if (user.retiredAt) return reply.redirect(userPath(user), 303);
    const problem =
      user.id === actor(request).id ? 'Sie können Ihr eigenes Konto nicht stilllegen.' : undefined;
    return reply.page(<RetireUserPage ctx={request.pageContext()} user={user} problem={problem} />);
  });

  app.post<IdParams>('/verwaltung/benutzer/:id/stilllegen', adminOnly, async (request, reply) => {
    const ctx = request.pageContext();
    const user = await staff.get(request.params.id);
    try {
      await staff.retire(actor(request), user.id);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return reply.status(409).page(<RetireUserPage ctx={ctx} user={user} problem={error.userMessage} />);
    }
    return reply.redirectWithFlash('/verwaltung/benutzer', `Das Konto ${user.username} wurde stillgelegt.`);
  });

  app.get<{ Querystring: { typ?: string; seite?: string } }>(
    '/verwaltung/protokoll',
    { preHandler: app.requireStaff('admin', 'teamleitung') },
    async (request, reply) => {
      const typ = typeof request.query.typ === 'string' ? request.query.typ.trim().slice(0, 60) : '';
      const page = Number.parseInt(typeof request.query.seite === 'string' ? request.query.seite : '1', 10);
      const [data, entityTypes] = await Promise.all([
        staff.audit({ entityType: typ || undefined, page: Number.isFinite(page) ? page : 1 }),
        staff.auditEntityTypes(),
      ]);
      return reply.page(
        <AuditLogPage ctx={request.pageContext()} data={data} typ={typ} entityTypes={entityTypes} />,
      );
    },
  );
}
