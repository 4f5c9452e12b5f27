import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { actorOf } from '../../platform/audit/actor.js';
import { ValidationError } from '../../platform/errors/errors.js';
import { formValues, parseForm } from '../../platform/forms/forms.js';
import { contentDisposition } from '../../platform/mail/mailbox.routes.js';
import { ADMIN_BASE, certificatePath, DetailPage, ListPage } from './bescheinigungen.admin.views.js';
import { REVOKE_REASON_MAX } from './bescheinigungen.service.js';

type IdParams = { Params: { id: string } };

const revokeSchema = z.object({
  grund: z.string('required').min(1, 'required').max(REVOKE_REASON_MAX, 'tooLong'),
});

const single = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';

/** A file name without anything a file system or header would trip over. */
const safeName = (text: string) => text.replace(/[^A-Za-z0-9-]+/g, '_').replace(/^_+|_+$/g, '');

/**
 * Staff pages under /verwaltung/bescheinigungen (admin, teamleitung, sachbearbeitung): list and search,
 * details with the PDF, and revocation with a mandatory reason (audited by the service).
 */
export async function bescheinigungenAdminRoutes(app: FastifyInstance, services: Services) {
  const { bescheinigungen } = services;
  const clerks = { preHandler: app.requireStaff('admin', 'teamleitung', 'sachbearbeitung') };

  app.get<{ Querystring: Record<string, unknown> }>(ADMIN_BASE, clerks, async (request, reply) => {
    const query = single(request.query.q).trim().slice(0, 100);
    const certificates = await bescheinigungen.list({ query });
    return reply.page(<ListPage ctx={request.pageContext()} certificates={certificates} query={query} />);
  });

  const detail = async (
    request: FastifyRequest<IdParams>,
    form?: { values: { grund?: string }; errors: Record<string, string> },
  ) => {
    const certificate = await bescheinigungen.get(request.params.id);
    return (
      <DetailPage
        ctx={request.pageContext()}
        certificate={certificate}
        sealIntact={await bescheinigungen.sealIntact(certificate)}
        values={form?.values}
        errors={form?.errors}
      />
    );
  };

  app.get<IdParams>(`${ADMIN_BASE}/:id`, clerks, async (request, reply) => reply.page(await detail(request)));

  app.get<IdParams>(`${ADMIN_BASE}/:id/pdf`, clerks, async (request, reply) => {
    const certificate = await bescheinigungen.get(request.params.id);
    const pdf = await bescheinigungen.pdf(certificate.id);
    const filename = `${safeName(certificate.title) || 'Bescheinigung'}-${safeName(certificate.caseNumber)}.pdf`;
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', contentDisposition(filename))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(pdf));
  });

  app.post<IdParams>(`${ADMIN_BASE}/:id/widerrufen`, clerks, async (request, reply) => {
    const values = { grund: single(formValues(request.body).grund) };
    const form = parseForm(revokeSchema, request.body, 'de');
    if (!form.ok) {
      const errors =
        values.grund === '' ? { grund: 'Bitte geben Sie einen Grund für den Widerruf an.' } : form.errors;
      return reply.status(422).page(await detail(request, { values, errors }));
    }
    try {
      await bescheinigungen.revoke(request.params.id, form.data.grund, actorOf(request.staff));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.status(422).page(await detail(request, { values, errors: error.fieldErrors }));
    }
    return reply.redirectWithFlash(certificatePath(request.params.id), 'Die Bescheinigung wurde widerrufen.');
  });
}
