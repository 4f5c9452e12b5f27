import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { Heading, Link, Table, Text } from '../views/kern.js';
import { CitizenLayout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';

interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
}

function ApiDocsPage({ ctx, spec }: { ctx: PageContext; spec: OpenApiDocument }) {
  const rows = Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => [
      <code>{method.toUpperCase()}</code>,
      <code>{path}</code>,
      operation.summary ?? '',
    ]),
  );
  return (
    <CitizenLayout ctx={ctx} title="API">
      <Heading level={1}>{spec.info.title}</Heading>
      <Text>{spec.info.description ?? ''}</Text>
      <Text>
        Version {spec.info.version}. <Link href="/api/docs/openapi.json">OpenAPI 3.1 (JSON)</Link>
      </Text>
      <Table caption="Endpunkte / Endpoints" head={['Methode', 'Pfad', 'Beschreibung']} rows={rows} />
    </CitizenLayout>
  );
}

/** OpenAPI 3.1 generated from the routes' zod schemas, plus a readable, server-rendered overview. */
export const apiPlugin = fp<{ publicUrl: string }>(
  async (app: FastifyInstance, options) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Bürgeramt API',
          version: '1.0.0',
          description:
            'Schnittstelle des Bürgeramts: Leistungen, Standorte und Öffnungszeiten, Termine, Warteschlange, Ausweisstatus und die Integration für Fachverfahren. Fehler sind application/problem+json (RFC 9457).',
        },
        servers: [{ url: options.publicUrl }],
        components: {
          securitySchemes: {
            // Integrations (e.g. the register software) send a service account's key; kiosks their credential.
            bearer: {
              type: 'http',
              scheme: 'bearer',
              description: 'API key of a service account or device credential',
            },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    app.get('/api/docs/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    app.get('/api/docs', { schema: { hide: true } }, async (request, reply) => {
      return reply.page(
        <ApiDocsPage ctx={request.pageContext()} spec={app.swagger() as unknown as OpenApiDocument} />,
      );
    });
  },
  { name: 'api' },
);
