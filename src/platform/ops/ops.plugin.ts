import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface OpsOptions {
  ping(): Promise<void>;
}

/**
 * Liveness, readiness and Prometheus metrics. Request logging stays lean: only server errors and
 * slow requests are logged, so hot routes are not dominated by log I/O.
 */
export const opsPlugin = fp<OpsOptions>(
  async (app: FastifyInstance, options) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });

    // A callback hook, not an async one: it runs for every answer, and needs no promise.
    app.addHook('onResponse', (request, reply, done) => {
      const seconds = reply.elapsedTime / 1000;
      const route = request.routeOptions.url ?? 'unmatched';
      duration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
      if (reply.statusCode >= 500 || seconds > 1) {
        request.log.warn(
          {
            method: request.method,
            // The route pattern, not the URL: URLs can carry codes that open personal data (/pruefen?code=…).
            route,
            status: reply.statusCode,
            ms: Math.round(reply.elapsedTime),
          },
          'request',
        );
      }
      done();
    });

    app.get('/healthz', { logLevel: 'silent' }, async () => ({ status: 'ok' }));
    app.get('/readyz', { logLevel: 'silent' }, async (_request, reply) => {
      try {
        await options.ping();
        return { status: 'ok', database: 'reachable' };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: 'unreachable' });
      }
    });
    app.get('/metrics', { logLevel: 'silent' }, async (_request, reply) => {
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  },
  { name: 'ops' },
);
