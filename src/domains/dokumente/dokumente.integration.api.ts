import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Integration API for the register software (service-account key) under /api/v1 (being built). */
export async function dokumenteIntegrationApi(_app: FastifyInstance, _services: Services) {}
