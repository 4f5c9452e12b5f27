import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import type { CitizenIdentity } from '../../platform/eid/citizen.js';
import { NotFoundError } from '../../platform/errors/errors.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { pick } from '../../platform/i18n/localized-text.js';
import { contentDisposition } from '../../platform/mail/mailbox.routes.js';
import { PaymentStartError } from '../../platform/payment/payment.service.js';
import type { Answers, ServiceDefinition, UploadedFile } from './antraege.definition.js';
import { antraegeMessages } from './antraege.messages.js';
import {
  applicablePages,
  findPage,
  previousPage,
  progress,
  SUMMARY,
  visibleFields,
} from './antraege.rules.js';
import { casePath, pagePath, portalPath, servicePath, staffFilePath } from './antraege.service.js';
import { type MultipartLimits, multipartLimits, readMultipart } from './antraege.uploads.js';
import {
  PortalPage,
  ProblemPage,
  RemoveFilePage,
  StepPage,
  type SummaryItem,
  SummaryPage,
} from './antraege.views.js';

type ServiceParams = { Params: { service: string } };
type PageParams = { Params: { service: string; page: string }; Querystring: { zurueck?: string } };
type FileParams = { Params: { service: string; page: string; fileId: string } };

/** A step of a service; its POST is the one route here that takes files. */
const STEP_ROUTE = '/portal/antraege/:service/:page';

/** A multipart limit (files, fields, parts) was reached while reading the body. */
function isLimitError(app: FastifyInstance, error: unknown): boolean {
  const { FilesLimitError, FieldsLimitError, PartsLimitError } = app.multipartErrors;
  return (
    error instanceof FilesLimitError || error instanceof FieldsLimitError || error instanceof PartsLimitError
  );
}

function citizenOf(request: FastifyRequest): CitizenIdentity {
  // Only reached behind requireCitizen, which answers itself when nobody is logged in.
  if (!request.citizen) throw new NotFoundError();
  return request.citizen;
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
}

/**
 * The engine's citizen pages, the same for every service definition: /portal (the list), then per
 * service /portal/antraege/<key> (start), one URL per step (GET shows it from the draft, POST saves it
 * and redirects: post/redirect/get), /zusammenfassung, /absenden; file removal; and the payment of a
 * case waiting for its fee (/portal/antraege/zahlung/<caseId>, from the case page).
 */
export async function antraegeRoutes(app: FastifyInstance, services: Services) {
  const engine = services.antraege;

  // Uploads: multipart only in this scope, and read by the hook below (not by the plugin, which would
  // buffer every file part of any POST before anyone looked at who sent it). The plugin's own limits
  // bound the text fields; files and their size are limited per request by the page posted to.
  await app.register(multipart, { throwFileSizeLimit: false, limits: { fields: 100, parts: 110 } });

  // Nothing of a multipart body is read before the route's guard (an onRequest hook of every POST route
  // here) has let the citizen in; then at most one file per file field of the posted step (the form has
  // no `multiple` inputs, and a step takes one file per field), each cut at the field's size (at most
  // BUERGERAMT_UPLOAD_MAX_MB): a larger file gets the field's "too large" message, not a 413.
  app.addHook('preValidation', async (request, reply) => {
    if (!request.isMultipart()) return;
    if (!(await app.identifyCitizen(request))) {
      await app.requireCitizen()(request, reply);
      return reply;
    }
    const page = request.routeOptions.url === STEP_ROUTE ? stepOf(request) : undefined;
    const limits = multipartLimits(page, engine.uploadMaxBytes);
    try {
      request.body = await readMultipart(request, limits);
    } catch (error) {
      if (!isLimitError(app, error)) throw error;
      return tooMuch(request, reply, limits, error instanceof app.multipartErrors.FilesLimitError);
    }
  });

  /** The step of a step URL (for its upload limits), if both service and page exist. */
  const stepOf = (request: FastifyRequest) => {
    const { service, page } = request.params as { service: string; page: string };
    const definition = engine.find(service);
    return definition && findPage(definition, page);
  };

  /** More files (or fields) than the form has: no browser sends that with our pages. */
  const tooMuch = (request: FastifyRequest, reply: FastifyReply, limits: MultipartLimits, files: boolean) => {
    const ctx = request.pageContext();
    const t = antraegeMessages(ctx.lang);
    const { service, page } = request.params as { service?: string; page?: string };
    const back =
      service && engine.find(service)
        ? page && request.routeOptions.url === STEP_ROUTE
          ? pagePath(service, page)
          : servicePath(service)
        : portalPath;
    const message = !files
      ? t('tooMuchText')
      : limits.files > 0
        ? t('tooManyFilesText', { count: limits.files })
        : t('noFilesText');
    return reply
      .status(413)
      .page(
        <ProblemPage
          ctx={ctx}
          title={t(files ? 'tooManyFilesTitle' : 'tooMuchTitle')}
          message={message}
          links={[{ href: back, label: t('back') }]}
        />,
      );
  };

  /**
   * The service of the URL, or 404; then the eID log-in at the service's trust level. POST routes run it
   * as their onRequest hook, so that it answers before any body is read.
   */
  const serviceGuard = async (request: FastifyRequest, reply: FastifyReply) => {
    const { service } = request.params as { service: string };
    const definition = engine.find(service);
    if (!definition) throw new NotFoundError('Diesen Online-Antrag gibt es nicht.');
    return app.requireCitizen(definition.requiredTrustLevel)(request, reply);
  };

  const pageOf = (definition: ServiceDefinition, id: string) => {
    const page = findPage(definition, id);
    if (!page) throw new NotFoundError();
    return page;
  };

  const backFrom = (definition: ServiceDefinition, answers: Record<string, unknown>, pageId: string) => {
    const previous = previousPage(definition, answers, pageId);
    return previous ? pagePath(definition.key, previous.id) : portalPath;
  };

  const stepProgress = (definition: ServiceDefinition, answers: Answers, currentId: string, lang: Lang) =>
    progress(definition, answers, currentId, lang, antraegeMessages(lang)('summaryStep'));

  /**
   * A step page's citizen, service, page and state; `resume` is where to go instead when the page may not
   * be visited yet.
   */
  const visitOf = async (request: FastifyRequest<PageParams>, lang: Lang) => {
    const citizen = citizenOf(request);
    const definition = engine.get(request.params.service);
    const page = pageOf(definition, request.params.page);
    const state = await engine.state(citizen.subject, definition);
    const resume = engine.mayVisit(definition, state.answers, page.id, lang)
      ? undefined
      : engine.resumePath(definition, state.answers, lang);
    return { citizen, definition, page, state, resume };
  };

  app.get(portalPath, async (request, reply) =>
    reply.page(
      <PortalPage ctx={request.pageContext()} definitions={engine.list()} citizen={request.citizen} />,
    ),
  );

  // The catalogue links "apply online" as /portal/<leistung>: the application of that service, if any.
  app.get<ServiceParams>(`${portalPath}/:service`, async (request, reply) =>
    reply.redirect(
      engine.find(request.params.service) ? servicePath(request.params.service) : portalPath,
      303,
    ),
  );

  app.get<ServiceParams>(
    '/portal/antraege/:service',
    { preHandler: serviceGuard },
    async (request, reply) => {
      const definition = engine.get(request.params.service);
      const state = await engine.state(citizenOf(request).subject, definition);
      return reply.redirect(engine.resumePath(definition, state.answers, request.lang), 303);
    },
  );

  app.get<ServiceParams>(
    `/portal/antraege/:service/${SUMMARY}`,
    { preHandler: serviceGuard },
    async (request, reply) => {
      const ctx = request.pageContext();
      const citizen = citizenOf(request);
      const definition = engine.get(request.params.service);
      const state = await engine.state(citizen.subject, definition);
      if (!state.draft) return reply.redirect(pagePath(definition.key, definition.pages[0]!.id), 303);
      const check = engine.check(definition, state.answers, ctx.lang);
      if (!check.complete) return reply.redirect(pagePath(definition.key, check.page.id), 303);
      const answers = check.answers;
      const items: SummaryItem[] = definition
        .summary(answers, { citizen, lang: ctx.lang })
        .map((row) => ({ row }));
      for (const page of applicablePages(definition, answers)) {
        for (const field of visibleFields(page, answers)) {
          if (field.kind !== 'file') continue;
          items.push({
            row: { label: field.label, value: '', page: page.id },
            files: (answers[field.name] as UploadedFile[] | undefined) ?? [],
          });
        }
      }
      return reply.page(
        <SummaryPage
          ctx={ctx}
          definition={definition}
          items={items}
          citizen={citizen}
          draftId={state.draft.id}
          progress={stepProgress(definition, answers, SUMMARY, ctx.lang)}
          backHref={backFrom(definition, answers, SUMMARY)}
          feeCents={definition.payment?.(answers)?.amountCents ?? null}
          nextSteps={definition.nextSteps?.(answers) ?? []}
        />,
      );
    },
  );

  app.post<ServiceParams>(
    '/portal/antraege/:service/absenden',
    { onRequest: serviceGuard },
    async (request, reply) => {
      const ctx = request.pageContext();
      const t = antraegeMessages(ctx.lang);
      const definition = engine.get(request.params.service);
      const result = await engine.submit(citizenOf(request), definition, bodyOf(request).entwurf, ctx.lang);
      if (result.kind === 'redirect') {
        return result.flash
          ? reply.redirectWithFlash(result.url, result.flash)
          : reply.redirect(result.url, 303);
      }
      if (result.kind === 'unavailable') {
        return reply
          .status(503)
          .page(
            <ProblemPage
              ctx={ctx}
              title={pick(result.title, ctx.lang)}
              message={pick(result.message, ctx.lang)}
              links={[{ href: pagePath(definition.key, SUMMARY), label: t('tryAgain') }]}
            />,
          );
      }
      const number = result.caseRecord.number;
      return reply
        .status(503)
        .page(
          <ProblemPage
            ctx={ctx}
            title={t('paymentFailedTitle')}
            message={t('paymentFailedText', { number })}
            links={[{ href: casePath(result.caseRecord.id), label: t('toCase', { number }) }]}
          />,
        );
    },
  );

  app.get<PageParams>(
    '/portal/antraege/:service/:page',
    { preHandler: serviceGuard },
    async (request, reply) => {
      const ctx = request.pageContext();
      const { citizen, definition, page, state, resume } = await visitOf(request, ctx.lang);
      if (resume) return reply.redirect(resume, 303);
      const sentCase = state.draft ? undefined : await engine.lastSentCase(citizen.subject, definition);
      return reply.page(
        <StepPage
          ctx={ctx}
          definition={definition}
          page={page}
          fields={visibleFields(page, state.answers)}
          form={{ values: state.answers, errors: {} }}
          files={state.files}
          progress={stepProgress(definition, state.answers, page.id, ctx.lang)}
          backHref={backFrom(definition, state.answers, page.id)}
          backToSummary={request.query.zurueck === SUMMARY}
          sentCase={sentCase}
          uploadMaxBytes={engine.uploadMaxBytes}
        />,
      );
    },
  );

  app.post<PageParams>(STEP_ROUTE, { onRequest: serviceGuard }, async (request, reply) => {
    const ctx = request.pageContext();
    const { citizen, definition, page, resume } = await visitOf(request, ctx.lang);
    if (resume) return reply.redirect(resume, 303);
    const body = bodyOf(request);
    const backToSummary = body.zurueck === SUMMARY;
    const result = await engine.savePage(citizen, definition, page, body, ctx.lang, backToSummary);
    if (result.ok) return reply.redirect(result.next, 303);
    const answers = result.state.answers;
    return reply
      .status(422)
      .page(
        <StepPage
          ctx={ctx}
          definition={definition}
          page={page}
          fields={visibleFields(page, answers)}
          form={{ values: result.values, errors: result.errors }}
          files={result.state.files}
          progress={stepProgress(definition, answers, page.id, ctx.lang)}
          backHref={backFrom(definition, answers, page.id)}
          backToSummary={backToSummary}
          uploadMaxBytes={engine.uploadMaxBytes}
        />,
      );
  });

  const uploadOf = async (request: FastifyRequest<FileParams>) => {
    const definition = engine.get(request.params.service);
    const page = pageOf(definition, request.params.page);
    const state = await engine.state(citizenOf(request).subject, definition);
    const file = state.files.find((candidate) => candidate.id === request.params.fileId);
    if (!file) throw new NotFoundError('Diese Datei gibt es nicht (mehr).');
    return { definition, page, file };
  };

  app.get<FileParams>(
    '/portal/antraege/:service/:page/dateien/:fileId/entfernen',
    { preHandler: serviceGuard },
    async (request, reply) => {
      const { definition, page, file } = await uploadOf(request);
      return reply.page(
        <RemoveFilePage ctx={request.pageContext()} definition={definition} page={page} file={file} />,
      );
    },
  );

  app.post<FileParams>(
    '/portal/antraege/:service/:page/dateien/:fileId/entfernen',
    { onRequest: serviceGuard },
    async (request, reply) => {
      const { definition, page, file } = await uploadOf(request);
      await engine.removeUpload(citizenOf(request).subject, definition, file.id);
      return reply.redirectWithFlash(
        pagePath(definition.key, page.id),
        antraegeMessages(request.lang)('removedFlash'),
      );
    },
  );

  // Staff: a file uploaded with a case (for a service's staff panel to link).
  app.get<{ Params: { caseId: string; fileId: string } }>(
    staffFilePath(':caseId', ':fileId'),
    { preHandler: app.requireStaff() },
    async (request, reply) => {
      const found = await engine.fileOfCase(request.params.caseId, request.params.fileId);
      if (!found) throw new NotFoundError('Diese Datei gibt es nicht.');
      return reply
        .header('content-type', found.file.contentType)
        .header('content-disposition', contentDisposition(found.file.filename))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(found.data);
    },
  );

  // The fee of a case waiting for it (the button on the case page): back to the attempt still open at the
  // provider, or a new one after a failed or cancelled attempt.
  app.post<{ Params: { caseId: string } }>(
    '/portal/antraege/zahlung/:caseId',
    { onRequest: app.requireCitizen() },
    async (request, reply) => {
      const ctx = request.pageContext();
      const t = antraegeMessages(ctx.lang);
      const record = await services.vorgaenge.findForSubject(
        citizenOf(request).subject,
        request.params.caseId,
      );
      if (!record) throw new NotFoundError('Diesen Antrag gibt es nicht.');
      if (record.status !== 'payment_pending')
        return reply.redirectWithFlash(casePath(record.id), t('paidAlready'));
      try {
        return reply.redirect(await engine.startPayment(record, ctx.lang), 303);
      } catch (error) {
        if (!(error instanceof PaymentStartError)) throw error;
        return reply
          .status(503)
          .page(
            <ProblemPage
              ctx={ctx}
              title={t('paymentFailedTitle')}
              message={error.messages[ctx.lang]}
              links={[{ href: casePath(record.id), label: t('toCase', { number: record.number }) }]}
            />,
          );
      }
    },
  );
}
