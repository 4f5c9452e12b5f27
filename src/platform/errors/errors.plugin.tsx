import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { LocalizedText } from '../i18n/localized-text.js';
import { ErrorPage } from './error.page.js';
import { AppError, ValidationError } from './errors.js';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: Array<{ field: string; message: string }>;
}

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Title and detail of the page in every language known (German at least). */
interface PageTexts {
  title: LocalizedText;
  detail: LocalizedText;
}

const csrfTexts: PageTexts = {
  title: { de: 'Formular abgelaufen', en: 'Form expired' },
  detail: {
    de: 'Das Formular ist abgelaufen oder wurde nicht von dieser Seite gesendet. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
    en: 'The form has expired or was not sent from this page. Please reload the page and try again.',
  },
};

/** The page's texts: an expected error's own (in its languages), else the problem's German ones. */
function pageTexts(error: FastifyError | AppError, problem: Problem): PageTexts {
  if (error instanceof AppError) return { title: error.localizedTitle, detail: error.localizedMessage };
  if (problem.title === csrfTexts.title.de) return csrfTexts;
  return { title: { de: problem.title }, detail: { de: problem.detail } };
}

function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** Maps anything thrown to a safe answer: expected errors show their message, the rest a generic one. */
function toProblem(error: FastifyError | AppError, request: FastifyRequest): Problem {
  if (error instanceof ValidationError) {
    return {
      type: error.type,
      title: error.title,
      status: error.statusCode,
      detail: error.userMessage,
      errors: Object.entries(error.fieldErrors).map(([field, message]) => ({ field, message })),
    };
  }
  if (error instanceof AppError) {
    return { type: error.type, title: error.title, status: error.statusCode, detail: error.userMessage };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return {
      type: 'about:blank',
      title: 'Ungültige Eingabe',
      status: 422,
      detail: 'Die Anfrage enthält ungültige Werte.',
      errors: fastifyError.validation.map((issue) => ({
        field: String(issue.instancePath || issue.params?.missingProperty || '').replace(/^\//, ''),
        message: issue.message ?? 'ungültig',
      })),
    };
  }
  if (fastifyError.code === 'FST_CSRF_INVALID_TOKEN' || fastifyError.code === 'FST_CSRF_MISSING_SECRET') {
    return {
      type: 'about:blank',
      title: csrfTexts.title.de,
      status: 403,
      detail: csrfTexts.detail.de,
    };
  }
  const status =
    fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500
      ? fastifyError.statusCode
      : 500;
  if (status === 500) {
    request.log.error({ err: error }, 'unexpected error');
    return {
      type: 'about:blank',
      title: 'Interner Fehler',
      status,
      detail: 'Es ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es später noch einmal.',
    };
  }
  return {
    type: 'about:blank',
    title: 'Ungültige Anfrage',
    status,
    detail: 'Die Anfrage konnte nicht verarbeitet werden.',
  };
}

export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
      const problem = toProblem(error, request);
      if (isApi(request)) return sendProblem(reply, { ...problem, instance: request.url.split('?')[0] });
      reply.status(problem.status);
      let ctx: ReturnType<FastifyRequest['pageContext']> | undefined;
      try {
        ctx = request.pageContext();
      } catch {
        // The error happened before the page context existed: plain text is all that is safe.
        return reply.type('text/plain; charset=utf-8').send(`${problem.title}: ${problem.detail}`);
      }
      const texts = pageTexts(error, problem);
      return reply.page(
        <ErrorPage ctx={ctx} status={problem.status} title={texts.title} detail={texts.detail} />,
      );
    });

    app.setNotFoundHandler((request, reply) => {
      const problem: Problem = {
        type: 'about:blank',
        title: 'Nicht gefunden',
        status: 404,
        detail: 'Die angeforderte Seite oder Ressource gibt es nicht.',
      };
      if (isApi(request)) return sendProblem(reply, { ...problem, instance: request.url.split('?')[0] });
      reply.status(404);
      let ctx: ReturnType<FastifyRequest['pageContext']>;
      try {
        ctx = request.pageContext();
      } catch {
        return reply.type('text/plain; charset=utf-8').send('Nicht gefunden');
      }
      return reply.page(<ErrorPage ctx={ctx} status={404} title={problem.title} detail={problem.detail} />);
    });
  },
  { name: 'errors' },
);
