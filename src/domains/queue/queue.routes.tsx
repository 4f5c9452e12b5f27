import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Citizen pages of the queue (kiosk, phone ticket, call display); filled in by the queue pages work. */
export async function queueRoutes(_app: FastifyInstance, _services: Services) {}
