import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { problemSchema } from '../../platform/api/problem.js';
import { AppError, ForbiddenError } from '../../platform/errors/errors.js';
import type { ServiceAccount } from '../../platform/service-accounts/service-accounts.repository.js';
import {
  type ServiceAccountScope,
  serviceAccountActor,
} from '../../platform/service-accounts/service-accounts.service.js';
import { apiStatus } from './dokumente.rules.js';
import type { DocumentActor } from './dokumente.service.js';
import { type DocumentStatus, documentStatuses } from './dokumente.tables.js';

class UnauthorizedError extends AppError {
  constructor(message: string) {
    super(401, 'Nicht angemeldet', message);
  }
}

const AUTH_DESCRIPTION =
  'Nur für Dienstkonten (angelegt unter /verwaltung/dienstkonten) mit der Berechtigung `documents:write`: ' +
  'Kopfzeile `Authorization: Bearer <API-Schlüssel>`. Ohne oder mit ungültigem Schlüssel 401, ohne die ' +
  'Berechtigung 403. / Service accounts with scope `documents:write` only: send `Authorization: Bearer <key>`.';

/** The table's names (lower case) and the public API's names (upper case) are both accepted. */
const statusInput = z
  .enum([...documentStatuses, ...documentStatuses.map((status) => status.toUpperCase())] as [
    string,
    ...string[],
  ])
  .describe('New status, e.g. BEREIT_ZUR_ABHOLUNG or bereit_zur_abholung');

const statusResponse = z
  .object({
    serialNumber: z.string(),
    status: z.string().describe('The new status (upper case, as in the public status API)'),
    statusChangedAt: z.string().describe('ISO 8601'),
  })
  .meta({ id: 'DocumentStatusChange' });

const deliveryResponse = z
  .object({
    updated: z.number().int().describe('How many documents became ready for pickup'),
    results: z.array(
      z.object({
        serialNumber: z.string().describe('Normalised (upper case, digit 0 for letter O)'),
        result: z
          .enum(['recognised', 'unknown', 'duplicate', 'malformed', 'not_allowed'])
          .describe('recognised = now ready; not_allowed = its current status cannot become ready'),
        status: z.string().optional().describe('The current status when not_allowed'),
      }),
    ),
  })
  .meta({ id: 'DocumentDelivery' });

const problems = { 401: problemSchema, 403: problemSchema, 422: problemSchema };

/** The bearer key of a request, or undefined. */
function bearerKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
}

/**
 * Integration API for the register software and scanner apps under /api/v1, authenticated with a
 * service account's API key. Every change is recorded in the document's history and the audit log with
 * the service account as actor (source 'api').
 */
export async function dokumenteIntegrationApi(app: FastifyInstance, services: Services) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { dokumente, serviceAccounts } = services;

  /** The service account behind the request with `scope`: 401 without a valid key, 403 without the scope. */
  async function accountWith(
    request: FastifyRequest,
    reply: FastifyReply,
    scope: ServiceAccountScope,
  ): Promise<ServiceAccount> {
    const key = bearerKey(request);
    if (!key) {
      reply.header('www-authenticate', 'Bearer realm="buergeramt"');
      throw new UnauthorizedError('Diese Schnittstelle braucht den API-Schlüssel eines Dienstkontos.');
    }
    const account = await serviceAccounts.authenticate(key);
    if (!account) {
      reply.header('www-authenticate', 'Bearer realm="buergeramt", error="invalid_token"');
      throw new UnauthorizedError('Der API-Schlüssel ist ungültig oder gesperrt.');
    }
    if (!account.scopes.includes(scope)) {
      reply.header(
        'www-authenticate',
        `Bearer realm="buergeramt", error="insufficient_scope", scope="${scope}"`,
      );
      throw new ForbiddenError(`Diesem Dienstkonto fehlt die Berechtigung ${scope}.`);
    }
    return account;
  }

  const actorOf = (account: ServiceAccount): DocumentActor => ({
    source: 'api',
    actor: serviceAccountActor(account),
  });

  api.put(
    '/documents/:serialNumber/status',
    {
      schema: {
        tags: ['Ausweisdokumente (Integration)'],
        security: [{ bearer: [] }],
        summary: 'Set the status of an ID document (register software; service-account key)',
        description: `${AUTH_DESCRIPTION} Unbekannte Seriennummer 404, unzulässiger Statuswechsel 409.`,
        params: z.object({ serialNumber: z.string().min(1).max(40) }),
        body: z.object({ status: statusInput }),
        response: { 200: statusResponse, ...problems, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const account = await accountWith(request, reply, 'documents:write');
      const to = request.body.status.toLowerCase() as DocumentStatus;
      const document = await dokumente.changeStatusBySerial(
        actorOf(account),
        request.params.serialNumber,
        to,
      );
      return reply.send({
        serialNumber: document.serialNumber,
        status: apiStatus(document.status),
        statusChangedAt: document.statusChangedAt.toISOString(),
      });
    },
  );

  api.post(
    '/documents/deliveries',
    {
      schema: {
        tags: ['Ausweisdokumente (Integration)'],
        security: [{ bearer: [] }],
        summary: 'Report a delivery from the Bundesdruckerei: the listed documents become ready for pickup',
        description: `${AUTH_DESCRIPTION} Jede Nummer wird einzeln eingeordnet; die erkannten werden in einer Transaktion abholbereit.`,
        body: z.object({ serialNumbers: z.array(z.string().max(40)).min(1).max(1000) }),
        response: { 200: deliveryResponse, ...problems },
      },
    },
    async (request, reply) => {
      const account = await accountWith(request, reply, 'documents:write');
      const delivery = await dokumente.receiveDelivery(actorOf(account), request.body.serialNumbers);
      return reply.send({
        updated: delivery.updated,
        results: delivery.results.map((result) => ({
          serialNumber: result.serial,
          result: result.kind,
          ...(result.kind === 'not_allowed' ? { status: apiStatus(result.status) } : {}),
        })),
      });
    },
  );
}
