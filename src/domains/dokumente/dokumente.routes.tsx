import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Citizen pages of ID documents: /ausweisstatus (status query, sign-up for the ready message) (being built). */
export async function dokumenteRoutes(_app: FastifyInstance, _services: Services) {}
