import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Services } from '../../app.js';
import { actorOf } from '../../platform/audit/actor.js';
import { ConflictError, ValidationError } from '../../platform/errors/errors.js';
import { formValues, parseForm } from '../../platform/forms/forms.js';
import { AbholscheinPage, statusUrlOf } from './abholschein.views.js';
import {
  BASE,
  DeliveryPage,
  DestructionPage,
  DetailPage,
  documentPath,
  HandoverPage,
  handoverPath,
  locationNamesOf,
  OverviewPage,
  RecordPage,
  RemindersPage,
} from './dokumente.admin.views.js';
import {
  CONSENT_MESSAGE,
  CSV_MAX_BYTES,
  checklistErrors,
  consentMissing,
  handoverSchema,
  overviewFilter,
  recordSchema,
  scanSchema,
  statusSchema,
} from './dokumente.form.js';
import type { IdDocument } from './dokumente.repository.js';
import { isWellFormedSerial, nextStatuses, normaliseSerial } from './dokumente.rules.js';
import type { DocumentActor } from './dokumente.service.js';

/**
 * `publicUrl`: the address citizens reach the site at (config.publicUrl), for the QR code on the
 * Abholschein. Without it the request's own address is used.
 */
export type DokumenteAdminRoutesOptions = Services & { publicUrl?: string };

type IdParams = { Params: { id: string } };

/** A clerk as the actor of a change (requireStaff ran before every handler here). */
const clerk = (request: FastifyRequest): DocumentActor => ({
  source: 'staff',
  actor: actorOf(request.staff),
});

async function qrCodeOf(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The sign-up code is on the page: no cache may keep it. */
const noStore = (reply: FastifyReply): FastifyReply => reply.header('cache-control', 'no-store');

/**
 * Staff pages under /verwaltung/dokumente (any member of staff): overview and search, recording an
 * application with its Abholschein, details with the status changes, the Bundesdruckerei's delivery
 * (scanned or as a CSV list), the handover at the desk, and the lists of uncollected documents and of
 * documents to destroy. Every change goes through the service, which audits it.
 */
export async function dokumenteAdminRoutes(app: FastifyInstance, options: DokumenteAdminRoutesOptions) {
  const { dokumente, locations } = options;
  const anyStaff = { preHandler: app.requireStaff() };

  const publicUrlOf = (request: FastifyRequest) =>
    options.publicUrl ?? `${request.protocol}://${request.host}`;
  const names = async () => locationNamesOf(await locations.listAll());

  async function abholschein(
    request: FastifyRequest,
    reply: FastifyReply,
    issued: { document: IdDocument; signupCode: string },
    reissued: boolean,
  ) {
    const publicUrl = publicUrlOf(request);
    const [location, qrCode] = await Promise.all([
      locations.getForAdmin(issued.document.locationId),
      qrCodeOf(statusUrlOf(publicUrl, issued.document.serialNumber)),
    ]);
    return noStore(reply)
      .status(reissued ? 200 : 201)
      .page(
        <AbholscheinPage
          ctx={request.pageContext()}
          document={issued.document}
          location={location}
          signupCode={issued.signupCode}
          qrCode={qrCode}
          publicUrl={publicUrl}
          reissued={reissued}
        />,
      );
  }

  // ---- overview

  app.get<{ Querystring: Record<string, unknown> }>(BASE, anyStaff, async (request, reply) => {
    const filter = overviewFilter(request.query);
    const [counts, found, all] = await Promise.all([
      dokumente.countByStatus(),
      dokumente.list({ query: filter.q || undefined, status: filter.status, locationId: filter.standort }),
      locations.listAll(),
    ]);
    // A scanned or typed serial number finds its document even when written with O for 0.
    let documents = found;
    const serial = normaliseSerial(filter.q);
    if (
      filter.q &&
      isWellFormedSerial(serial) &&
      !found.some((document) => document.serialNumber === serial)
    ) {
      const exact = await dokumente.findBySerial(serial);
      if (
        exact &&
        (!filter.status || exact.status === filter.status) &&
        (!filter.standort || exact.locationId === filter.standort)
      ) {
        documents = [exact, ...found];
      }
    }
    return reply.page(
      <OverviewPage
        ctx={request.pageContext()}
        counts={counts}
        documents={documents}
        locations={all}
        filter={filter}
      />,
    );
  });

  // ---- record an application

  const recordPage = async (
    request: FastifyRequest,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => (
    <RecordPage
      ctx={request.pageContext()}
      locations={await locations.listAll()}
      values={values}
      errors={errors}
    />
  );

  app.get(`${BASE}/neu`, anyStaff, async (request, reply) => reply.page(await recordPage(request)));

  app.post(`${BASE}/neu`, anyStaff, async (request, reply) => {
    const form = parseForm(recordSchema, request.body, 'de');
    const values = formValues(request.body);
    if (!form.ok) {
      const errors = consentMissing(values)
        ? { ...form.errors, contactConsent: CONSENT_MESSAGE }
        : form.errors;
      return reply.status(422).page(await recordPage(request, values, errors));
    }
    try {
      const issued = await dokumente.record(actorOf(request.staff), form.data);
      return abholschein(request, reply, issued, false);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.status(422).page(await recordPage(request, values, error.fieldErrors));
    }
  });

  // ---- delivery (static paths take precedence over /:id)

  app.get(`${BASE}/lieferung`, anyStaff, async (request, reply) =>
    reply.page(<DeliveryPage ctx={request.pageContext()} />),
  );

  app.post(`${BASE}/lieferung`, anyStaff, async (request, reply) => {
    const values = formValues(request.body);
    const form = parseForm(scanSchema, request.body, 'de');
    if (!form.ok) {
      return reply
        .status(422)
        .page(<DeliveryPage ctx={request.pageContext()} values={values} errors={form.errors} />);
    }
    try {
      const outcome = await dokumente.receiveDelivery(clerk(request), form.data.serials);
      return reply.page(<DeliveryPage ctx={request.pageContext()} outcome={outcome} />);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply
        .status(422)
        .page(<DeliveryPage ctx={request.pageContext()} values={values} errors={error.fieldErrors} />);
    }
  });

  // The CSV upload: multipart only here, in its own scope.
  await app.register(async (upload) => {
    await upload.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: CSV_MAX_BYTES, files: 1, fields: 4, parts: 5 },
    });
    upload.post(`${BASE}/lieferung/datei`, anyStaff, async (request, reply) => {
      const file = (request.body as Record<string, unknown> | undefined)?.file;
      const csv = Buffer.isBuffer(file) ? file.toString('utf8') : '';
      if (csv.trim() === '') {
        return reply
          .status(422)
          .page(
            <DeliveryPage
              ctx={request.pageContext()}
              errors={{ file: 'Bitte wählen Sie eine CSV-Datei mit den Seriennummern aus.' }}
            />,
          );
      }
      try {
        const outcome = await dokumente.receiveDeliveryCsv(clerk(request), csv);
        return reply.page(<DeliveryPage ctx={request.pageContext()} outcome={outcome} />);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const message = Object.values(error.fieldErrors).join(' ');
        return reply
          .status(422)
          .page(
            <DeliveryPage
              ctx={request.pageContext()}
              errors={{ file: `${error.userMessage} ${message}`.trim() }}
            />,
          );
      }
    });
  });

  // ---- handover at the desk

  app.get<{ Querystring: { nummer?: string } }>(`${BASE}/ausgabe`, anyStaff, async (request, reply) => {
    const nummer = typeof request.query.nummer === 'string' ? request.query.nummer.trim().slice(0, 40) : '';
    const ctx = request.pageContext();
    const locationNames = await names();
    if (nummer === '') return reply.page(<HandoverPage ctx={ctx} nummer="" names={locationNames} />);
    if (!isWellFormedSerial(normaliseSerial(nummer))) {
      const lookupError =
        'Die Seriennummer hat 9 Zeichen: Ziffern und die Buchstaben C, F–H, J–N, P, R, T, V–Z.';
      return reply
        .status(422)
        .page(<HandoverPage ctx={ctx} nummer={nummer} lookupError={lookupError} names={locationNames} />);
    }
    const document = await dokumente.findBySerial(nummer);
    if (!document) {
      const lookupError = 'Zu dieser Seriennummer gibt es keinen Eintrag.';
      return reply
        .status(404)
        .page(<HandoverPage ctx={ctx} nummer={nummer} lookupError={lookupError} names={locationNames} />);
    }
    return reply.page(
      <HandoverPage ctx={ctx} nummer={document.serialNumber} document={document} names={locationNames} />,
    );
  });

  app.post<IdParams>(`${BASE}/:id/ausgabe`, anyStaff, async (request, reply) => {
    const document = await dokumente.get(request.params.id);
    const values = formValues(request.body);
    const form = parseForm(handoverSchema, request.body, 'de');
    const again = async (errors: Record<string, string>) =>
      reply
        .status(422)
        .page(
          <HandoverPage
            ctx={request.pageContext()}
            nummer={document.serialNumber}
            document={document}
            names={await names()}
            values={values}
            errors={errors}
          />,
        );
    if (!form.ok) return again({ ...checklistErrors(document.documentType, values), ...form.errors });
    try {
      const updated = await dokumente.handOver(actorOf(request.staff), document.id, form.data);
      return reply.redirectWithFlash(
        handoverPath(),
        `Ausgehändigt: ${updated.serialNumber}. Nächstes Dokument scannen.`,
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return again(error.fieldErrors);
    }
  });

  // ---- lists

  app.get(`${BASE}/erinnerungen`, anyStaff, async (request, reply) => {
    const [documents, locationNames] = await Promise.all([dokumente.uncollected(), names()]);
    return reply.page(
      <RemindersPage
        ctx={request.pageContext()}
        documents={documents}
        names={locationNames}
        reminderDays={dokumente.periods.reminderDays}
      />,
    );
  });

  app.get(`${BASE}/vernichtung`, anyStaff, async (request, reply) => {
    const [documents, locationNames] = await Promise.all([dokumente.destructionList(), names()]);
    return reply.page(
      <DestructionPage
        ctx={request.pageContext()}
        documents={documents}
        names={locationNames}
        destructionDays={dokumente.periods.destructionDays}
      />,
    );
  });

  app.post<IdParams>(`${BASE}/:id/vernichten`, anyStaff, async (request, reply) => {
    const document = await dokumente.changeStatus(clerk(request), request.params.id, 'vernichtet');
    return reply.redirectWithFlash(
      `${BASE}/vernichtung`,
      `Als vernichtet vermerkt: ${document.serialNumber}.`,
    );
  });

  // ---- one document

  app.get<IdParams>(`${BASE}/:id`, anyStaff, async (request, reply) => {
    const document = await dokumente.get(request.params.id);
    const [events, locationNames] = await Promise.all([dokumente.events(document.id), names()]);
    return reply.page(
      <DetailPage
        ctx={request.pageContext()}
        document={document}
        events={events}
        names={locationNames}
        next={nextStatuses(document.status)}
        mayReissue={document.status === 'in_bearbeitung' || document.status === 'bereit_zur_abholung'}
      />,
    );
  });

  app.post<IdParams>(`${BASE}/:id/status`, anyStaff, async (request, reply) => {
    const document = await dokumente.get(request.params.id);
    const form = parseForm(statusSchema, request.body, 'de');
    if (!form.ok) throw new ValidationError(form.errors, 'Bitte wählen Sie einen der angebotenen Status.');
    if (form.data.to === 'ausgehaendigt') {
      throw new ConflictError('Ausgehändigt wird am Schalter mit der Checkliste (Ausgabe).');
    }
    const updated = await dokumente.changeStatus(clerk(request), document.id, form.data.to);
    return reply.redirectWithFlash(documentPath(updated.id), 'Der Status wurde geändert.');
  });

  app.post<IdParams>(`${BASE}/:id/abholschein`, anyStaff, async (request, reply) => {
    const issued = await dokumente.reissueSignupCode(actorOf(request.staff), request.params.id);
    return abholschein(request, reply, issued, true);
  });
}
