import {
  AddTrustKeyRequest,
  ErrorEnvelope,
  ExportKitQuery,
  FeedStatus,
  KIT_LIMITS,
  KitDetail,
  KitIdParams,
  KitList,
  KitSummary,
  ListKitsQuery,
  OperatorHeaders,
  SiteKey,
  TrustKey,
  TrustKeyList,
  TrustKeyParams,
} from '@execops/contract';
import type { Pool } from '@execops/engine';
import { activeFeedInfo, type KitAudit, type KitStore } from '@execops/scanner';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestAuth } from '../auth/request-auth.ts';
import { ApiError } from '../error-envelope.ts';
import { requestOperator } from '../operator.ts';
import { requestTenant } from '../tenant.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
const tags = ['scanner'];
const KIT_CONTENT_TYPES = ['application/gzip', 'application/x-gzip', 'application/octet-stream'];
const MIB = 1024 * 1024;

/** Kits, trust keys and feeds are site-wide; their changes are audited in the tenant the request acted for. */
const audit = (request: FastifyRequest): KitAudit => ({ tenant: requestTenant(request), operator: requestOperator(request) });

/** Offline kits (import, list, rollback, export), the active feed, trust keys and the site's signing key. */
export const scannerKitRoutes: FastifyPluginAsyncZod<{ kits: KitStore; db: Pool }> = async (app, { kits, db }) => {
  // Only this plugin's routes take a raw kit body; everything else stays JSON with the server-wide limit.
  app.addContentTypeParser(KIT_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: KIT_LIMITS.uploadBytes }, (_request, body, done) => done(null, body));

  app.get(
    '/scanner/kits',
    { schema: { tags, summary: 'Every kit: active, previous, superseded and quarantined (with the reason), newest first', querystring: ListKitsQuery, response: { 200: KitList, ...errors } } },
    async (request) => ({ items: await kits.listKits(request.query.status) }),
  );
  app.get(
    '/scanner/kits/quarantine',
    { schema: { tags, summary: 'Refused uploads with the reason code and message, newest first', response: { 200: KitList, ...errors } } },
    async () => ({ items: await kits.listQuarantine() }),
  );
  app.get(
    '/scanner/kits/:id',
    { schema: { tags, summary: 'One kit with its manifest (null when quarantined)', params: KitIdParams, response: { 200: KitDetail, ...errors, 404: ErrorEnvelope } } },
    async (request) => kits.getKit(request.params.id),
  );
  app.post(
    '/scanner/kits/import',
    {
      bodyLimit: KIT_LIMITS.uploadBytes,
      onRequest: async (request) => {
        const length = Number(request.headers['content-length']);
        if (length > KIT_LIMITS.uploadBytes) {
          throw new ApiError(413, 'payload_too_large', `a kit upload is at most ${KIT_LIMITS.uploadBytes / MIB} MiB; this one is ${(length / MIB).toFixed(1)} MiB`);
        }
      },
      schema: {
        tags,
        summary: 'Import a kit (.tar.gz as application/gzip or application/octet-stream): verify, then activate it as a new feed generation. A refused kit is quarantined (422 kit_rejected, details: quarantineId, reason) and nothing else changes',
        headers: OperatorHeaders,
        response: { 201: KitSummary, ...errors, 413: ErrorEnvelope, 415: ErrorEnvelope, 422: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new ApiError(415, 'unsupported_media_type', `send the kit's bytes as ${KIT_CONTENT_TYPES.join(' or ')}`);
      }
      return reply.status(201).send(await kits.importKit(request.body, 'upload', audit(request)));
    },
  );
  app.post(
    '/scanner/kits/rollback',
    { schema: { tags, summary: 'Activate again the kit that was active before the current one', headers: OperatorHeaders, response: { 200: KitSummary, ...errors, 409: ErrorEnvelope } } },
    async (request) => kits.rollback(audit(request)),
  );
  app.post(
    '/scanner/kits/export',
    {
      schema: {
        tags,
        summary: 'Build and sign (site key) a kit of the active feed for another site, as a download; version defaults to the active one + 1 in its last part',
        headers: OperatorHeaders,
        querystring: ExportKitQuery,
        response: { 200: z.custom<Buffer>((value) => Buffer.isBuffer(value)).describe('the kit, application/gzip'), ...errors, 409: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const exported = await kits.exportKit(request.query.version, audit(request));
      return reply.type('application/gzip').header('content-disposition', `attachment; filename="${exported.fileName}"`).send(exported.bytes);
    },
  );
  app.get(
    '/scanner/feed',
    { schema: { tags, summary: 'The active feed: kit, version, age, staleness, generation, advisories per ecosystem (null before any import)', response: { 200: FeedStatus, ...errors } } },
    async () => ({ feed: await activeFeedInfo(db) }),
  );

  app.get(
    '/scanner/trust-keys',
    { schema: { tags, summary: 'Trust keys (Ed25519 JWKs) kits are verified against, with revoked ones', response: { 200: TrustKeyList, ...errors } } },
    async () => ({ items: await kits.listTrustKeys() }),
  );
  app.post(
    '/scanner/trust-keys',
    { schema: { tags, summary: 'Trust a public Ed25519 JWK under a name', headers: OperatorHeaders, body: AddTrustKeyRequest, response: { 201: TrustKey, ...errors, 409: ErrorEnvelope } } },
    async (request, reply) => reply.status(201).send(await kits.addTrustKey(request.body, audit(request))),
  );
  app.post(
    '/scanner/trust-keys/:kid/revoke',
    { schema: { tags, summary: 'Revoke a trust key: kits it signed are refused from now on', headers: OperatorHeaders, params: TrustKeyParams, response: { 200: TrustKey, ...errors, 404: ErrorEnvelope, 409: ErrorEnvelope } } },
    async (request) => kits.revokeTrustKey(request.params.kid, audit(request)),
  );
  app.get(
    '/scanner/site-key',
    { schema: { tags, summary: "The site's signing key (public JWK) for another site to trust; created on first use", response: { 200: SiteKey, ...errors } } },
    async (request) =>
      kits.siteKey({
        tenant: requestTenant(request),
        operator: { actor: requestAuth(request).actor, reason: 'site signing key created on first use', traceId: request.id },
      }),
  );
};
