import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../api/problem.js';
import type { CaptchaService } from './captcha.service.js';

/**
 * An ALTCHA v2 challenge as the widget expects it. Loose objects: every parameter is covered by the
 * signature, so nothing may be dropped on the way out.
 */
export const captchaChallengeSchema = z
  .looseObject({
    parameters: z
      .looseObject({
        algorithm: z.string().describe('Key derivation algorithm (SHA-256)'),
        nonce: z.string(),
        salt: z.string(),
        cost: z.number().int(),
        keyLength: z.number().int(),
        keyPrefix: z.string().describe('Hex prefix the derived key must start with'),
        keySignature: z.string().optional(),
        expiresAt: z.number().optional().describe('Unix time (seconds) after which the challenge is void'),
      })
      .describe('Signed challenge parameters'),
    signature: z.string().optional().describe('HMAC over the parameters'),
  })
  .meta({ id: 'CaptchaChallenge', description: 'ALTCHA proof-of-work challenge (v2)' });

export interface CaptchaRoutesOptions {
  captcha: CaptchaService;
  /** Optional rate limit for the challenge endpoint (e.g. `rateLimitHook(limiter, {group: 'captcha', …})`). */
  limit?: preHandlerAsyncHookHandler;
}

/**
 * `GET /captcha/challenge` — register under the `/api/v1` prefix (→ /api/v1/captcha/challenge), the URL
 * the widget's `challenge` attribute points to.
 */
export async function captchaRoutes(app: FastifyInstance, { captcha, limit }: CaptchaRoutesOptions) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/captcha/challenge',
    {
      ...(limit ? { preHandler: limit } : {}),
      schema: {
        tags: ['Captcha'],
        summary: 'A fresh proof-of-work challenge for the ALTCHA widget (solve once, submit once)',
        response: { 200: captchaChallengeSchema, 429: problemSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const challenge = await captcha.challenge();
      return { ...challenge, parameters: { ...challenge.parameters } };
    },
  );
}
