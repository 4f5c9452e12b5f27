import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../audit/actor.js';
import { ValidationError } from '../errors/errors.js';
import { parseForm } from '../forms/forms.js';
import {
  SERVICE_ACCOUNT_NAME_MAX,
  type ServiceAccountsService,
  serviceAccountScopes,
} from './service-accounts.service.js';
import {
  SERVICE_ACCOUNTS_PATH,
  ServiceAccountKeyPage,
  ServiceAccountListPage,
} from './service-accounts.views.js';

/** Messages are codes from validationMessages. Unticked check boxes send nothing: an empty list. */
export const newServiceAccountSchema = z.object({
  name: z.string({ error: 'required' }).trim().min(1, 'required').max(SERVICE_ACCOUNT_NAME_MAX, 'tooLong'),
  scopes: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z
      .array(z.string(), { error: 'choice' })
      .min(1, 'choice')
      .refine(
        (list) => list.every((scope) => (serviceAccountScopes as readonly string[]).includes(scope)),
        'choice',
      ),
  ),
});

/** Service accounts (admin only): create (the key is shown once), list, revoke. */
export async function serviceAccountsRoutes(
  app: FastifyInstance,
  options: { serviceAccounts: ServiceAccountsService },
) {
  const { serviceAccounts } = options;
  const adminOnly = { preHandler: app.requireStaff('admin') };

  async function listPage(
    request: FastifyRequest,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) {
    return (
      <ServiceAccountListPage
        ctx={request.pageContext()}
        accounts={await serviceAccounts.list()}
        values={values}
        errors={errors}
      />
    );
  }

  app.get(SERVICE_ACCOUNTS_PATH, adminOnly, async (request, reply) => reply.page(await listPage(request)));

  app.post(SERVICE_ACCOUNTS_PATH, adminOnly, async (request, reply) => {
    const form = parseForm(newServiceAccountSchema, request.body, 'de');
    if (!form.ok) return reply.status(422).page(await listPage(request, form.values, form.errors));
    try {
      const { account, key } = await serviceAccounts.create(actorOf(request.staff), form.data);
      return reply
        .header('cache-control', 'no-store')
        .page(<ServiceAccountKeyPage ctx={request.pageContext()} account={account} apiKey={key} />);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.status(422).page(await listPage(request, form.data, error.fieldErrors));
    }
  });

  app.post<{ Params: { id: string } }>(
    `${SERVICE_ACCOUNTS_PATH}/:id/sperren`,
    adminOnly,
    async (request, reply) => {
      const account = await serviceAccounts.revoke(actorOf(request.staff), request.params.id);
      return reply.redirectWithFlash(
        SERVICE_ACCOUNTS_PATH,
        `Das Dienstkonto „${account.name}“ wurde gesperrt. Sein Schlüssel funktioniert nicht mehr.`,
      );
    },
  );
}
