import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../errors/errors.js';
import type { MailService } from './mail.service.js';
import { MailboxListPage, MailboxMessagePage, type MailboxSettings } from './mailbox.views.js';

export interface MailboxOptions {
  mail: MailService;
  demo: boolean;
}

const ID_RE = /^[1-9]\d{0,14}$/;
const INDEX_RE = /^(0|[1-9]\d{0,3})$/;
const CONTENT_TYPE_RE =
  /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;\s*[a-z0-9_-]+=("[^"\r\n]*"|[^\s;"]+))*$/i;

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 8187). */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'anhang';
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function notFound(): NotFoundError {
  return new NotFoundError('Diese E-Mail oder dieser Anhang ist nicht vorhanden.');
}

/**
 * The outbox as a mailbox (/verwaltung/post). In demo mode (no real SMTP, invented data) anyone may read
 * it, so a person trying the demo can open the links in "their" e-mails; otherwise admins only, because
 * the mails contain citizens' personal data.
 */
export async function mailboxRoutes(app: FastifyInstance, options: MailboxOptions) {
  const { mail, demo } = options;
  const access = demo ? {} : { preHandler: app.requireStaff('admin') };
  const settings = (): MailboxSettings => ({ demo, smtpConfigured: mail.smtpConfigured });

  app.get('/verwaltung/post', access, async (request, reply) => {
    const rows = await mail.list(200);
    return reply.page(<MailboxListPage ctx={request.pageContext()} rows={rows} settings={settings()} />);
  });

  app.get<{ Params: { id: string } }>('/verwaltung/post/:id', access, async (request, reply) => {
    if (!ID_RE.test(request.params.id)) throw notFound();
    const row = await mail.findById(Number(request.params.id));
    if (!row) throw notFound();
    return reply.page(
      <MailboxMessagePage ctx={request.pageContext()} row={row} from={mail.from} settings={settings()} />,
    );
  });

  app.get<{ Params: { id: string; index: string } }>(
    '/verwaltung/post/:id/anhang/:index',
    access,
    async (request, reply) => {
      const { id, index } = request.params;
      if (!ID_RE.test(id) || !INDEX_RE.test(index)) throw notFound();
      const row = await mail.findById(Number(id));
      const attachment = row?.attachments[Number(index)];
      if (!attachment) throw notFound();
      const contentType = CONTENT_TYPE_RE.test(attachment.contentType)
        ? attachment.contentType
        : 'application/octet-stream';
      return reply
        .header('content-type', contentType)
        .header('content-disposition', contentDisposition(attachment.filename))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(attachment.content, 'base64'));
    },
  );
}
