import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { ApiError, sendError } from './error-envelope.ts';

/**
 * Serves the built console. Any GET outside /api that is not a file gets index.html (history fallback),
 * so deep links work; the console's own router renders its 404 page.
 */
export async function registerConsoleAssets(app: FastifyInstance, webDist: string): Promise<void> {
  const indexHtml = path.join(webDist, 'index.html');
  const built = existsSync(indexHtml);
  if (built) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      // The build writes .br and .gz twins (apps/web/build/precompress.ts); a browser that accepts one gets it.
      preCompressed: true,
      setHeaders(reply, filePath) {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') && !pathname.startsWith('/api/') && path.extname(pathname) === '';
    if (!isPage) return sendError(reply, request, new ApiError(404, 'not_found', `no route ${request.method} ${pathname}`));
    if (!built)
      return sendError(reply, request, new ApiError(503, 'unavailable', 'the console is not built; run `npm run build` (npm start does it)'));
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
