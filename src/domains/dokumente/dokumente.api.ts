import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Public JSON API of ID documents under /api/v1 (being built). */
export async function dokumenteApi(_app: FastifyInstance, _services: Services) {}
