import { resolveLegacyPath } from '@execops/contract';
import type { FastifyInstance } from 'fastify';

/** Old console URLs get a 308 to their canonical page, query kept (browsers re-attach the fragment). */
export function registerLegacyRedirects(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const [pathname = '/', query] = splitUrl(request.url);
    if (pathname.startsWith('/api/')) return;
    const target = resolveLegacyPath(pathname);
    if (target && target !== pathname) return reply.redirect(query ? `${target}?${query}` : target, 308);
  });
}

function splitUrl(url: string): [string, string | undefined] {
  const at = url.indexOf('?');
  return at === -1 ? [url, undefined] : [url.slice(0, at), url.slice(at + 1)];
}
