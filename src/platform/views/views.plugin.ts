import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import { isLang, type Lang, negotiateLang } from '../i18n/i18n.js';
import type { PageContext, SiteInfo, StaffIdentity } from './page-context.js';
import { renderDocument } from './render.js';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    staff: StaffIdentity | null;
    pageContext(): PageContext;
  }
  interface FastifyReply {
    /** Renders a full HTML page (status 200 unless set before). */
    page(page: VNode): FastifyReply;
    /** Post/redirect/get: remembers a one-time message for the next page, then redirects (303). */
    redirectWithFlash(url: string, message: string): FastifyReply;
  }
}

export interface ViewsOptions {
  demo: boolean;
  siteInfo(): Promise<SiteInfo>;
}

const LANG_COOKIE = 'lang';
const machinePrefixes = ['/assets/', '/api/v1/', '/healthz', '/readyz', '/metrics', '/stadt/wappen.svg'];

function isMachineRoute(url: string): boolean {
  return machinePrefixes.some((prefix) => url.startsWith(prefix));
}
const FLASH_COOKIE = 'flash';

export const viewsPlugin = fp<ViewsOptions>(
  async (app: FastifyInstance, options) => {
    app.decorateRequest('lang', 'de');
    app.decorateRequest('staff', null);
    app.decorateRequest('pageContext', function (this: FastifyRequest): PageContext {
      throw new Error('pageContext is only available after onRequest');
    });

    // Built in onRequest, so that even an early failure (e.g. a rejected CSRF token) renders a proper page.
    // Machine routes (assets, JSON API, probes) skip it: they never render pages and must not need the database.
    app.addHook('onRequest', async (request, reply) => {
      request.lang = negotiateLang(request.cookies[LANG_COOKIE], request.headers['accept-language']);
      if (isMachineRoute(request.url)) return;
      const flashValue = request.cookies[FLASH_COOKIE];
      let flash: string | null = null;
      if (flashValue) {
        const unsigned = request.unsignCookie(flashValue);
        flash = unsigned.valid ? unsigned.value : null;
        reply.clearCookie(FLASH_COOKIE, { path: '/' });
      }
      const site = await options.siteInfo();
      // One token per request: generating twice would replace the secret cookie and break earlier forms.
      let csrfToken: string | undefined;
      const csrf = () => {
        csrfToken ??= reply.generateCsrf();
        return csrfToken;
      };
      request.pageContext = () => ({
        lang: request.lang,
        path: request.url,
        site,
        staff: request.staff,
        // Read when the page is rendered: the eID plugin fills it after this hook.
        citizen: request.citizen ?? null,
        demo: options.demo,
        csrf,
        flash,
      });
    });

    app.decorateReply('page', function (this: FastifyReply, page: VNode) {
      return this.type('text/html; charset=utf-8').send(renderDocument(page));
    });

    app.decorateReply('redirectWithFlash', function (this: FastifyReply, url: string, message: string) {
      this.setCookie(FLASH_COOKIE, message, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        signed: true,
        maxAge: 60,
      });
      return this.redirect(url, 303);
    });

    // Language switch as a plain link: works without JavaScript and keeps the page the citizen was on.
    app.get<{ Params: { code: string }; Querystring: { zurueck?: string } }>(
      '/sprache/:code',
      async (request, reply) => {
        const { code } = request.params;
        const back = request.query.zurueck;
        const target = back?.startsWith('/') && !back.startsWith('//') ? back : '/';
        if (isLang(code)) {
          reply.setCookie(LANG_COOKIE, code, {
            path: '/',
            sameSite: 'lax',
            maxAge: 60 * 60 * 24 * 365,
            httpOnly: true,
          });
        }
        return reply.redirect(target, 303);
      },
    );
  },
  { name: 'views', dependencies: ['security'] },
);
