import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { RateLimitHook } from '../rate-limit/rate-limit.js';

/**
 * A JSON route whose repeated questions are answered from what this node keeps (release storms,
 * status lookups): `find` returns the sender of a kept answer, or undefined to let the request go the
 * normal way (which keeps it for next time).
 */
export interface EarlyRoute {
  /** URL prefix of the GET requests this route may answer early. */
  prefix: string;
  /** The same per-IP limit as the route itself, so the early answer is no way around it. */
  limit: RateLimitHook;
  find(request: FastifyRequest): ((reply: FastifyReply) => FastifyReply) | undefined;
}

/**
 * One onRequest hook, registered before every plugin: a kept answer is sent after the rate limit, with
 * the API headers, before cookies, page context and the rest of the hook chain are worked out.
 */
export function earlyAnswerHook(
  routes: readonly EarlyRoute[],
  headers: Record<string, string>,
): onRequestAsyncHookHandler {
  return async (request, reply) => {
    if (request.method !== 'GET') return;
    for (const route of routes) {
      if (!request.url.startsWith(route.prefix)) continue;
      const send = route.find(request);
      if (!send) return;
      await route.limit.call(request.server, request, reply);
      if (reply.sent) return reply;
      reply.headers(headers);
      return send(reply);
    }
  };
}
