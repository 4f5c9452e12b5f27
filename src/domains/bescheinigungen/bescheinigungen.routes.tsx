import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Services } from '../../app.js';
import { type RateLimitRule, rateLimitHook } from '../../platform/rate-limit/rate-limit.js';
import {
  CODE_MAX_INPUT,
  formatVerificationCode,
  normaliseVerificationCode,
} from './bescheinigungen.rules.js';
import { VERIFY_PATH, type VerifyAnswer, VerifyPage } from './bescheinigungen.views.js';

type Query = Record<string, string | string[] | undefined>;

/** Checks per IP: plenty for a landlord comparing a few documents, nothing for guessing 80-bit codes. */
export const VERIFY_RATE_LIMIT: RateLimitRule = {
  group: 'certificate-verify',
  limit: 30,
  windowSeconds: 600,
};

/** The public verification page /pruefen (German and English, no JavaScript). */
export async function bescheinigungenRoutes(app: FastifyInstance, services: Services) {
  const { bescheinigungen } = services;

  // At start-up: the demo key is generated (once per installation), a configured key recorded; without
  // any, the operators are told that nothing can be issued.
  app.addHook('onReady', async () => {
    if ((await bescheinigungen.prepare()) === 'unavailable') {
      app.log.warn(
        'BUERGERAMT_SEAL_KEY_FILE ist nicht gesetzt: Bescheinigungen können nicht ausgestellt werden (Prüfung bestehender bleibt möglich).',
      );
    }
  });

  // Only checks count, not the empty form.
  const limit = rateLimitHook(services.rateLimiter, VERIFY_RATE_LIMIT);
  const limitChecks: preHandlerAsyncHookHandler = async function (request, reply) {
    if ((request.query as Query).code === undefined) return;
    return limit.call(this, request, reply);
  };

  app.get<{ Querystring: Query }>(VERIFY_PATH, { preHandler: limitChecks }, async (request, reply) => {
    const ctx = request.pageContext();
    // The code is in the URL: not kept by caches, not passed on as referrer.
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const raw = request.query.code;
    if (raw === undefined) return reply.page(<VerifyPage ctx={ctx} answer={{ kind: 'none' }} value="" />);
    const input = (Array.isArray(raw) ? (raw[0] ?? '') : raw).trim();
    if (input === '') {
      return reply.status(422).page(<VerifyPage ctx={ctx} answer={{ kind: 'empty' }} value="" />);
    }
    const normalised = normaliseVerificationCode(input);
    const echo = normalised ? formatVerificationCode(normalised) : input.slice(0, CODE_MAX_INPUT);
    const result = await bescheinigungen.verify(input);
    const answer: VerifyAnswer =
      result.state === 'unknown'
        ? { kind: 'unknown', echo }
        : result.state === 'revoked'
          ? { kind: 'revoked', certificate: result.certificate, revokedAt: result.revokedAt }
          : { kind: 'genuine', certificate: result.certificate };
    return reply.page(<VerifyPage ctx={ctx} answer={answer} value={echo} />);
  });
}
