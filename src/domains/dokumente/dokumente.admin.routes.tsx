import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Staff pages under /verwaltung/dokumente: record, delivery, handover, lists (being built). */
export async function dokumenteAdminRoutes(_app: FastifyInstance, _services: Services) {}
