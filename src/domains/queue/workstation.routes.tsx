import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** The clerk's workstation under /verwaltung/platz and the queue settings (work in progress). */
export async function workstationRoutes(_app: FastifyInstance, _services: Services) {}
