import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import type { CitizenIdentity } from '../../platform/eid/citizen.js';
import { NotFoundError } from '../../platform/errors/errors.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import type { CaseRecord } from './case-handlers.js';
import { CasePage, MY_AREA, MyCasesPage, type PaymentReturn } from './vorgaenge.views.js';

type CaseParams = { Params: { id: string }; Querystring: { zahlung?: string } };
type FileParams = { Params: { id: string; fileId: string } };

const paymentReturns: readonly string[] = ['PAYED', 'FAILED', 'CANCELED'] satisfies PaymentReturn[];

/** Pages with personal data: never cached, never passed on as referrer. */
const noStore = (reply: FastifyReply): FastifyReply =>
  reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

/** `attachment` with an ASCII fallback name and the exact name per RFC 6266 / RFC 8187. */
export function attachmentHeader(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Sends one of the files a case's service offers (the citizen's certificate; the clerk's print copy). */
export async function sendCaseFile(
  { vorgaenge }: Pick<Services, 'vorgaenge'>,
  record: CaseRecord,
  fileId: string,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const handler = vorgaenge.registeredHandlers().find((h) => h.serviceKey === record.serviceKey);
  if (!handler?.downloads || !handler.download) throw new NotFoundError();
  const listed = (await handler.downloads(record)).find((file) => file.id === fileId);
  if (!listed) throw new NotFoundError();
  const file = await handler.download(record, listed.id);
  if (!file) throw new NotFoundError();
  return noStore(reply)
    .header('content-type', file.contentType)
    .header('content-disposition', attachmentHeader(listed.filename))
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(file.body));
}

/**
 * The citizen's own area (eID log-in, any trust level): their applications and each case's page with
 * status, what happens next, the history, downloads and — while the fee is unpaid — the way to pay.
 * Someone else's case looks exactly like one that does not exist.
 */
export async function vorgaengeRoutes(app: FastifyInstance, services: Services) {
  const { vorgaenge } = services;
  const citizenOnly = { preHandler: app.requireCitizen() };

  const citizenOf = (request: FastifyRequest): CitizenIdentity => {
    // requireCitizen ran before: without a citizen the request never gets here.
    if (!request.citizen) throw new NotFoundError();
    return request.citizen;
  };

  const titleOf = (serviceKey: string): LocalizedText =>
    vorgaenge.registeredHandlers().find((handler) => handler.serviceKey === serviceKey)?.title ?? {
      de: serviceKey,
    };

  const ownCase = async (request: FastifyRequest, id: string): Promise<CaseRecord> => {
    const record = await vorgaenge.findForSubject(citizenOf(request).subject, id);
    if (!record) throw new NotFoundError();
    return record;
  };

  app.get(MY_AREA, citizenOnly, async (request, reply) => {
    const citizen = citizenOf(request);
    const cases = await vorgaenge.listForSubject(citizen.subject);
    const servicesToApply = vorgaenge
      .registeredHandlers()
      .flatMap((handler) => (handler.startUrl ? [{ title: handler.title, href: handler.startUrl }] : []));
    return noStore(reply).page(
      <MyCasesPage
        ctx={request.pageContext()}
        name={`${citizen.givenNames} ${citizen.familyName}`}
        cases={cases}
        titles={titleOf}
        services={servicesToApply}
      />,
    );
  });

  app.get<CaseParams>(`${MY_AREA}/vorgaenge/:id`, citizenOnly, async (request, reply) => {
    const record = await ownCase(request, request.params.id);
    const handler = vorgaenge.registeredHandlers().find((h) => h.serviceKey === record.serviceKey);
    const [events, downloads] = await Promise.all([
      vorgaenge.timeline(record.id, { includeInternal: false }),
      handler?.downloads ? handler.downloads(record) : Promise.resolve([]),
    ]);
    const outcome = request.query.zahlung;
    return noStore(reply).page(
      <CasePage
        ctx={request.pageContext()}
        record={record}
        serviceTitle={titleOf(record.serviceKey)}
        events={events}
        downloads={downloads}
        payment={outcome && paymentReturns.includes(outcome) ? (outcome as PaymentReturn) : undefined}
      />,
    );
  });

  app.get<FileParams>(`${MY_AREA}/vorgaenge/:id/dateien/:fileId`, citizenOnly, async (request, reply) => {
    const record = await ownCase(request, request.params.id);
    return sendCaseFile(services, record, request.params.fileId, reply);
  });
}
