import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import { actorOf } from '../../platform/audit/actor.js';
import { NotFoundError, ValidationError } from '../../platform/errors/errors.js';
import { checkbox, formValues } from '../../platform/forms/forms.js';
import { pick } from '../../platform/i18n/localized-text.js';
import type { StaffIdentity } from '../../platform/views/page-context.js';
import { type CaseStatus, caseStatuses } from './case-handlers.js';
import {
  type Names,
  type QueueFilter,
  QueuePage,
  STAFF_BASE,
  StaffCasePage,
  staffCasePath,
} from './vorgaenge.admin.views.js';
import { sendCaseFile } from './vorgaenge.routes.js';
import { openStatuses } from './vorgaenge.rules.js';

type IdParams = { Params: { id: string } };

const single = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '';

/** The queue's filter from the query string; anything unknown falls back to the default. */
export function queueFilter(query: Record<string, unknown>): QueueFilter {
  const status = single(query.status);
  return {
    service: single(query.leistung),
    status: status === 'alle' || (caseStatuses as readonly string[]).includes(status) ? status : '',
    mine: checkbox(single(query.meine)),
  };
}

/** The approve form's fields for the handler: one string per field (repeated fields joined by commas). */
export function approveForm(body: unknown): Record<string, string> {
  const values = formValues(body);
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    form[key] = Array.isArray(value) ? value.map(String).join(',') : typeof value === 'string' ? value : '';
  }
  return form;
}

/** Personal data: no cache keeps these pages. */
const noStore = (reply: FastifyReply): FastifyReply => reply.header('cache-control', 'no-store');

/**
 * Staff pages under /verwaltung/vorgaenge (any member of staff): the work queue and each case with its
 * data, the service's check panel and the actions. The service audits every change.
 */
export async function vorgaengeAdminRoutes(app: FastifyInstance, services: Services) {
  const { vorgaenge, staff: staffService } = services;
  const anyStaff = { preHandler: app.requireStaff() };
  const clerk = (request: FastifyRequest) => request.staff as StaffIdentity;

  async function names(): Promise<Names> {
    const accounts = await staffService.list();
    const staffNames = new Map(accounts.map((account) => [account.id, account.displayName]));
    const handlers = new Map(vorgaenge.registeredHandlers().map((handler) => [handler.serviceKey, handler]));
    return {
      service: (key) => {
        const handler = handlers.get(key);
        return handler ? pick(handler.title, 'de') : key;
      },
      staff: (id) => (id ? (staffNames.get(id) ?? 'Unbekannt') : '–'),
    };
  }

  async function casePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: { errors?: Record<string, string>; values?: Record<string, unknown>; status?: number } = {},
  ) {
    const record = await vorgaenge.findById(id);
    if (!record) throw new NotFoundError('Diesen Vorgang gibt es nicht.');
    const handler = vorgaenge.registeredHandlers().find((h) => h.serviceKey === record.serviceKey);
    const staff = clerk(request);
    // The panel belongs to the approve form: only the clerk who has taken the case gets it (and its
    // look-ups, audited in their name).
    const decides = record.status === 'in_progress' && record.assignedTo === staff.id;
    const [events, allNames, panel, downloads] = await Promise.all([
      vorgaenge.timeline(record.id, { includeInternal: true }),
      names(),
      decides && handler?.staffPanel
        ? handler.staffPanel(record, {
            errors: form.errors,
            values: form.values,
            staff,
            audit: (entry) => vorgaenge.audited(actorOf(staff), entry),
          })
        : Promise.resolve(null),
      handler?.downloads ? handler.downloads(record) : Promise.resolve([]),
    ]);
    return noStore(reply)
      .status(form.status ?? 200)
      .page(
        <StaffCasePage
          ctx={request.pageContext()}
          record={record}
          events={events}
          names={allNames}
          panel={panel}
          downloads={downloads}
          finishLabel={handler?.finishLabel ?? 'Abschließen'}
          handlerKnown={Boolean(handler)}
          errors={form.errors}
          values={form.values}
        />,
      );
  }

  app.get<{ Querystring: Record<string, unknown> }>(STAFF_BASE, anyStaff, async (request, reply) => {
    const filter = queueFilter(request.query);
    const status: CaseStatus | readonly CaseStatus[] | undefined =
      filter.status === ''
        ? openStatuses
        : filter.status === 'alle'
          ? undefined
          : (filter.status as CaseStatus);
    const [cases, allNames] = await Promise.all([
      vorgaenge.list({
        ...(filter.service ? { serviceKey: filter.service } : {}),
        ...(status ? { status } : {}),
        ...(filter.mine ? { assignedTo: clerk(request).id } : {}),
      }),
      names(),
    ]);
    return noStore(reply).page(
      <QueuePage
        ctx={request.pageContext()}
        cases={cases}
        filter={filter}
        services={vorgaenge
          .registeredHandlers()
          .map((handler) => ({ key: handler.serviceKey, title: handler.title }))}
        names={allNames}
      />,
    );
  });

  app.get<IdParams>(`${STAFF_BASE}/:id`, anyStaff, async (request, reply) =>
    casePage(request, reply, request.params.id),
  );

  // The files the citizen gets, for the clerk too: a paper certificate is printed from here.
  app.get<{ Params: { id: string; fileId: string } }>(
    `${STAFF_BASE}/:id/dateien/:fileId`,
    anyStaff,
    async (request, reply) => {
      const record = await vorgaenge.findById(request.params.id);
      if (!record) throw new NotFoundError('Diesen Vorgang gibt es nicht.');
      return sendCaseFile(services, record, request.params.fileId, reply);
    },
  );

  app.post<IdParams>(`${STAFF_BASE}/:id/uebernehmen`, anyStaff, async (request, reply) => {
    const record = await vorgaenge.take(request.params.id, clerk(request));
    return reply.redirectWithFlash(staffCasePath(record.id), 'Sie bearbeiten den Vorgang jetzt.');
  });

  app.post<IdParams>(`${STAFF_BASE}/:id/genehmigen`, anyStaff, async (request, reply) => {
    const form = approveForm(request.body);
    try {
      const record = await vorgaenge.approve(request.params.id, clerk(request), form);
      const message =
        record.status === 'completed' ? 'Genehmigt: Der Vorgang ist erledigt.' : 'Der Vorgang ist genehmigt.';
      return reply.redirectWithFlash(staffCasePath(record.id), message);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return casePage(request, reply, request.params.id, {
        errors: error.fieldErrors,
        values: form,
        status: 422,
      });
    }
  });

  app.post<IdParams>(`${STAFF_BASE}/:id/ablehnen`, anyStaff, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const record = await vorgaenge.reject(request.params.id, clerk(request), single(values.reason));
      return reply.redirectWithFlash(staffCasePath(record.id), 'Der Antrag ist abgelehnt.');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return casePage(request, reply, request.params.id, { errors: error.fieldErrors, values, status: 422 });
    }
  });

  app.post<IdParams>(`${STAFF_BASE}/:id/abschliessen`, anyStaff, async (request, reply) => {
    const record = await vorgaenge.finish(request.params.id, clerk(request));
    return reply.redirectWithFlash(staffCasePath(record.id), 'Der Vorgang ist abgeschlossen.');
  });

  app.post<IdParams>(`${STAFF_BASE}/:id/notiz`, anyStaff, async (request, reply) => {
    const values = formValues(request.body);
    try {
      await vorgaenge.note(request.params.id, clerk(request), single(values.note));
      return reply.redirectWithFlash(staffCasePath(request.params.id), 'Die Notiz ist gespeichert.');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return casePage(request, reply, request.params.id, { errors: error.fieldErrors, values, status: 422 });
    }
  });
}
