import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';
import { NotFoundError } from '../../platform/errors/errors.js';
import { parseForm } from '../../platform/forms/forms.js';
import { PopularServices } from '../leistungen/leistungen.views.js';
import { LocationsOverview } from '../locations/locations.views.js';
import { feedbackSchema } from './city.form.js';
import { cityMessages } from './city.messages.js';
import { ContentPageView, FeedbackPage, HomePage } from './city.views.js';

export async function cityRoutes(app: FastifyInstance, services: Services) {
  app.get('/', async (request, reply) => {
    const ctx = request.pageContext();
    const [popular, locations] = await Promise.all([
      services.leistungen.popular(6),
      services.locations.overview(),
    ]);
    return reply.page(
      <HomePage
        ctx={ctx}
        popular={<PopularServices ctx={ctx} services={popular} />}
        locations={<LocationsOverview ctx={ctx} locations={locations} />}
      />,
    );
  });

  const contentPages = [
    ['/impressum', 'imprint', 'imprintTitle'],
    ['/datenschutz', 'privacy', 'privacyTitle'],
    ['/barrierefreiheit', 'accessibility', 'accessibilityTitle'],
  ] as const;
  for (const [path, page, titleKey] of contentPages) {
    app.get(path, async (request, reply) => {
      const ctx = request.pageContext();
      const t = cityMessages(ctx.lang);
      const text = await services.city.content(page);
      return reply.page(
        <ContentPageView ctx={ctx} title={t(titleKey)} text={text}>
          {page === 'accessibility' ? (
            <p class="kern-body">
              <a class="kern-link" href="/barrierefreiheit/rueckmeldung">
                {t('feedbackLink')}
              </a>
            </p>
          ) : null}
        </ContentPageView>,
      );
    });
  }

  app.get('/barrierefreiheit/rueckmeldung', async (request, reply) => {
    const referer = request.headers.referer;
    const pageUrl = referer && !referer.endsWith('/barrierefreiheit/rueckmeldung') ? referer : '';
    return reply.page(<FeedbackPage ctx={request.pageContext()} values={{ pageUrl }} />);
  });

  app.post('/barrierefreiheit/rueckmeldung', async (request, reply) => {
    const form = parseForm(feedbackSchema, request.body, request.lang);
    if (!form.ok) {
      return reply
        .status(422)
        .page(<FeedbackPage ctx={request.pageContext()} values={form.values} errors={form.errors} />);
    }
    await services.city.submitFeedback({
      message: form.data.message,
      pageUrl: form.data.pageUrl,
      name: form.data.name,
      email: form.data.email,
    });
    return reply.redirectWithFlash('/barrierefreiheit', cityMessages(request.lang)('feedbackThanks'));
  });

  // The coat of arms is stored as SVG; served as an image (never inlined) so it cannot run script.
  app.get('/stadt/wappen.svg', async (_request, reply) => {
    const city = await services.city.get();
    if (!city.logoSvg) throw new NotFoundError();
    return reply
      .type('image/svg+xml')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .header('cache-control', 'public, max-age=3600')
      .send(city.logoSvg);
  });
}
