import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../platform/api/problem.js';
import { actorOf } from '../../platform/audit/actor.js';
import { AppError } from '../../platform/errors/errors.js';
import type { IssuedTicket, Issuer, QueueService } from './queue.service.js';
import type { QueueStreams } from './queue.streams.js';

export interface QueueApiOptions {
  queue: QueueService;
  streams: QueueStreams;
  publicUrl: string;
  /** The registered kiosk or the clerk behind a request; undefined for anybody else. */
  issuerOf(request: FastifyRequest): Promise<Issuer | undefined>;
}

class UnauthorizedError extends AppError {
  constructor(message: string) {
    super(401, 'Nicht angemeldet', message);
  }
}

const ticketSchema = z
  .object({
    id: z.string(),
    number: z.string().describe('As called, e.g. "W 017"'),
    status: z.string(),
    position: z.number().int().describe('Place in the queue (1 = next); 0 when no longer waiting'),
    estimatedWaitMinutes: z.number().int().nullable(),
    ticketUrl: z.string().describe('The live ticket for the phone (contains its secret)'),
  })
  .meta({ id: 'Ticket' });

const calledSchema = z
  .object({ id: z.string(), number: z.string(), counter: z.string(), calledAt: z.string() })
  .meta({ id: 'CalledTicket' });

const locationParams = z.object({ id: z.string().min(1) });

/** A ticket drawn or checked in; 403 when a kiosk acts for another location. */
const issuedResponses = {
  201: ticketSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
};

export function ticketUrl(publicUrl: string, issued: IssuedTicket): string {
  return `${publicUrl}/ticket/${issued.ticket.id}?k=${issued.secret}`;
}

/** Queue API under /api/v1: tickets, check-ins, calling, and the public stream of calls. */
export async function queueApi(app: FastifyInstance, options: QueueApiOptions) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { queue, streams } = options;
  const toTicket = (issued: IssuedTicket) => ({
    id: issued.ticket.id,
    number: issued.ticket.number,
    status: issued.ticket.status,
    position: issued.ticket.status === 'waiting' ? issued.ahead + 1 : 0,
    estimatedWaitMinutes: issued.estimatedWaitMinutes ?? null,
    ticketUrl: ticketUrl(options.publicUrl, issued),
  });

  /** The kiosk or clerk behind the request; anybody else is told where this works (401). */
  const issuerOf = async (request: FastifyRequest, what: string): Promise<Issuer> => {
    const issuer = await options.issuerOf(request);
    if (!issuer) {
      throw new UnauthorizedError(`${what} nur an einem registrierten Kiosk oder bei den Mitarbeitenden.`);
    }
    return issuer;
  };

  api.post(
    '/locations/:id/tickets',
    {
      schema: {
        tags: ['Warteschlange'],
        summary: 'Draw a walk-in ticket (registered kiosk or staff only)',
        params: locationParams,
        body: z.object({
          serviceIds: z.array(z.string().min(1)).min(1).max(5),
          lang: z.enum(['de', 'en']).optional(),
        }),
        response: issuedResponses,
      },
    },
    async (request, reply) => {
      const issuer = await issuerOf(request, 'Wartenummern gibt es');
      const issued = await queue.issueWalkIn(issuer, {
        locationId: request.params.id,
        serviceIds: request.body.serviceIds,
        lang: request.body.lang ?? 'de',
      });
      return reply.code(201).send(toTicket(issued));
    },
  );

  api.post(
    '/locations/:id/check-ins',
    {
      schema: {
        tags: ['Warteschlange'],
        summary: 'Check in a booked appointment by its code; returns its ticket',
        params: locationParams,
        body: z.object({ code: z.string().min(1).max(40) }),
        response: issuedResponses,
      },
    },
    async (request, reply) => {
      const issuer = await issuerOf(request, 'Einchecken geht');
      const issued = await queue.checkIn(issuer, { locationId: request.params.id, code: request.body.code });
      return reply.code(201).send(toTicket(issued));
    },
  );

  api.post(
    '/counters/:id/call-next',
    {
      schema: {
        tags: ['Warteschlange'],
        summary: 'Call the next person for this counter (staff); 204 when nobody waits',
        params: z.object({ id: z.string().min(1) }),
        response: {
          200: calledSchema,
          204: z.null(),
          401: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const staff = await app.identifyStaff(request);
      if (!staff) throw new UnauthorizedError('Bitte melden Sie sich in der Verwaltung an.');
      const called = await queue.callNext(actorOf(staff), request.params.id);
      if (!called) return reply.code(204).send(null);
      const counter = await queue.counter(request.params.id);
      return reply.send({
        id: called.id,
        number: called.number,
        counter: counter.name,
        calledAt: (called.lastCalledAt ?? new Date()).toISOString(),
      });
    },
  );

  api.get(
    '/locations/:id/calls/stream',
    {
      schema: {
        tags: ['Warteschlange'],
        summary: 'Server-sent events of the calls at a location (numbers and counters only)',
        description:
          'text/event-stream. First `event: snapshot` with the latest calls, then `event: call` with ' +
          '`{number, counter, calledAt}` for every call. Reconnect with EventSource (retry 2 s).',
        params: locationParams,
        response: { 404: problemSchema },
      },
    },
    async (request, reply) => {
      const location = await queue.location(request.params.id);
      await streams.attachDisplay(request, reply, location.id);
      return reply;
    },
  );
}
