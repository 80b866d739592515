import { createHash } from 'node:crypto';
import {
  AnalyzerEntry,
  AnalyzerList,
  AnalyzerParams,
  BaselineList,
  Baseline,
  CancelScanResponse,
  CompareQuery,
  CompareResult,
  ErrorEnvelope,
  ListScansQuery,
  OperatorHeaders,
  PerfBaselineList,
  PerfQuery,
  PerfReport,
  PromoteBaselineRequest,
  RefreshAnalyzersResponse,
  ScanComponentList,
  ScanDetail,
  ScanFindingList,
  ScanList,
  ScanParams,
  ScannerSettings,
  ScanTimeline,
  ScanUpload,
  SCANNER_SETTINGS_LIMITS,
  SetPerfBaselineRequest,
  StartScanRequest,
  StartScanResponse,
} from '@execops/contract';
import { uuidv7, type JobInserter, type Pool } from '@execops/engine';
import {
  AnalyzerRegistry,
  Baselines,
  cancelScan,
  HEALTH_WINDOW_DAYS,
  installedAnalyzers,
  looksLikeTarArchive,
  notAnArchiveMessage,
  readScannerSettings,
  ScannerPerformance,
  ScanStore,
  scanTimeline,
  startScan,
  TargetTooLargeError,
  updateScannerSettings,
  type Analyzer,
} from '@execops/scanner';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestAuth } from '../auth/request-auth.ts';
import { ApiError } from '../error-envelope.ts';
import { requestOperator } from '../operator.ts';
import { perfReportCsv } from '../perf-csv.ts';
import { requestTenant } from '../tenant.ts';

const tags = ['scanner'];
const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 413: ErrorEnvelope, 422: ErrorEnvelope };

export interface ScannerScanRouteOptions {
  pool: Pool;
  insert: JobInserter;
  /** The built-in analyzers; those of the active kit are added at each request. */
  analyzers: readonly Analyzer[];
}

/** Scans, their results, baselines, the analyzer registry, performance and settings (`/scanner/...`). */
export const scannerScanRoutes: FastifyPluginAsyncZod<ScannerScanRouteOptions> = async (app, { pool, insert, analyzers }) => {
  const scans = new ScanStore(pool);
  const baselines = new Baselines(pool);
  const registry = new AnalyzerRegistry(pool, analyzers);
  const performance = new ScannerPerformance(pool);
  const catalog = () => installedAnalyzers(pool, analyzers);

  // Uploads arrive as the raw archive; the parser exists only inside this plugin.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: SCANNER_SETTINGS_LIMITS.maxUploadBytes }, (_request, body, done) =>
    done(null, body),
  );

  app.get(
    '/scanner/settings',
    { schema: { tags, summary: 'The scanner settings', response: { 200: ScannerSettings, 400: ErrorEnvelope } } },
    async () => readScannerSettings(pool, await catalog()),
  );

  app.put(
    '/scanner/settings',
    {
      schema: {
        tags,
        summary: 'Replace the scanner settings (every field; 422 names each invalid one in details.fields)',
        headers: OperatorHeaders,
        body: z.unknown().describe('ScannerSettingsInput'),
        response: { 200: ScannerSettings, ...errors },
      },
    },
    async (request) => updateScannerSettings(pool, request.body, await catalog(), requestTenant(request), requestOperator(request)),
  );

  app.post(
    '/scanner/uploads',
    {
      bodyLimit: SCANNER_SETTINGS_LIMITS.maxUploadBytes,
      schema: {
        tags,
        summary: 'Upload an archive to scan (application/octet-stream: tar, tar.gz, docker save, OCI layout)',
        querystring: z.strictObject({ fileName: z.string().trim().min(1).max(255) }),
        response: { 201: ScanUpload, ...errors },
      },
    },
    async (request, reply) => {
      const content = request.body;
      if (!Buffer.isBuffer(content) || content.length === 0) {
        throw new ApiError(400, 'bad_request', 'send the archive as the body with Content-Type: application/octet-stream');
      }
      const { maxTargetBytes } = await readScannerSettings(pool, await catalog());
      if (content.length > maxTargetBytes) throw new TargetTooLargeError(content.length, maxTargetBytes);
      if (!looksLikeTarArchive(content)) {
        throw new ApiError(422, 'validation_failed', notAnArchiveMessage(request.query.fileName));
      }
      const upload = await scans.saveUpload({
        id: uuidv7(),
        tenant: requestTenant(request),
        fileName: request.query.fileName,
        content,
        sha256: createHash('sha256').update(content).digest('hex'),
        actor: requestAuth(request).actor,
      });
      return reply.status(201).send(upload);
    },
  );

  app.post(
    '/scanner/scans',
    { schema: { tags, summary: 'Start a scan: its pipeline (resolve → analyzers → match → report → compare) is queued', body: StartScanRequest, response: { 201: StartScanResponse, ...errors } } },
    async (request, reply) =>
      reply.status(201).send(
        await startScan(pool, insert, await catalog(), { tenant: requestTenant(request), request: request.body, actor: requestAuth(request).actor, trigger: 'manual' }),
      ),
  );

  app.get(
    '/scanner/scans',
    { schema: { tags, summary: 'Scans of the tenant, newest first', querystring: ListScansQuery, response: { 200: ScanList, 400: ErrorEnvelope } } },
    async (request) => ({ items: await scans.list(requestTenant(request), request.query) }),
  );

  app.get(
    '/scanner/scans/:id',
    { schema: { tags, summary: 'One scan with its analyzer runs', params: ScanParams, response: { 200: ScanDetail, ...errors } } },
    async (request) => scans.get(requestTenant(request), request.params.id),
  );

  app.get(
    '/scanner/scans/:id/events',
    {
      schema: {
        tags,
        summary: "The scan's events, oldest first: its stage timeline (the same events stream live on topic scans:<id>)",
        params: ScanParams,
        response: { 200: ScanTimeline, ...errors },
      },
    },
    async (request) => {
      const tenant = requestTenant(request);
      await scans.summary(tenant, request.params.id);
      return { items: await scanTimeline(pool, tenant, request.params.id) };
    },
  );

  app.post(
    '/scanner/scans/:id/cancel',
    {
      schema: {
        tags,
        summary: "Cancel a queued or running scan: its unfinished pipeline jobs are canceled (running ones asked to stop); 409 once it finished",
        params: ScanParams,
        headers: OperatorHeaders,
        response: { 200: CancelScanResponse, ...errors },
      },
    },
    async (request) => cancelScan(pool, requestTenant(request), request.params.id, requestOperator(request)),
  );

  app.get(
    '/scanner/scans/:id/components',
    { schema: { tags, summary: 'Components the scan found', params: ScanParams, response: { 200: ScanComponentList, ...errors } } },
    async (request) => ({ items: await scans.components(requestTenant(request), request.params.id) }),
  );

  app.get(
    '/scanner/scans/:id/findings',
    { schema: { tags, summary: 'Findings of the scan', params: ScanParams, response: { 200: ScanFindingList, ...errors } } },
    async (request) => ({ items: await scans.findings(requestTenant(request), request.params.id) }),
  );

  app.get(
    '/scanner/scans/:id/sbom',
    { schema: { tags, summary: 'The CycloneDX JSON report, byte for byte (a download)', params: ScanParams, response: { 200: z.string(), ...errors } } },
    async (request, reply) => {
      const report = await scans.report(requestTenant(request), request.params.id);
      if (report === null) throw new ApiError(409, 'conflict', 'the scan has no report yet');
      reply.header('content-disposition', `attachment; filename="scan-${request.params.id}.cdx.json"`);
      return reply.type('application/vnd.cyclonedx+json').serializer((body: string) => body).send(report);
    },
  );

  app.get(
    '/scanner/scans/:id/compare',
    {
      schema: { tags, summary: "New, fixed and unchanged findings against the target's baseline (or ?against=)", params: ScanParams, querystring: CompareQuery, response: { 200: CompareResult, ...errors } },
    },
    async (request) => baselines.compare(requestTenant(request), request.params.id, request.query.against),
  );

  app.get(
    '/scanner/baselines',
    { schema: { tags, summary: 'Baselines of the tenant, one per target', response: { 200: BaselineList, 400: ErrorEnvelope } } },
    async (request) => ({ items: await baselines.list(requestTenant(request)) }),
  );

  app.post(
    '/scanner/baselines',
    { schema: { tags, summary: "Promote a finished scan to its target's baseline", headers: OperatorHeaders, body: PromoteBaselineRequest, response: { 200: Baseline, ...errors } } },
    async (request) => baselines.promote(requestTenant(request), request.body.scanId, requestOperator(request)),
  );

  app.get(
    '/scanner/analyzers',
    { schema: { tags, summary: 'The analyzer registry with health from recorded runs', response: { 200: AnalyzerList, 400: ErrorEnvelope } } },
    async () => ({ items: await registry.list(), healthWindowDays: HEALTH_WINDOW_DAYS }),
  );

  for (const action of ['enable', 'disable'] as const) {
    app.post(
      `/scanner/analyzers/:id/${action}`,
      { schema: { tags, summary: `${action === 'enable' ? 'Enable' : 'Disable'} an analyzer for the next scans`, params: AnalyzerParams, headers: OperatorHeaders, response: { 200: AnalyzerEntry, ...errors } } },
      async (request) => registry.setEnabled(request.params.id, action === 'enable', requestTenant(request), requestOperator(request)),
    );
  }

  app.post(
    '/scanner/analyzers/refresh',
    { schema: { tags, summary: "Re-probe every analyzer (its self-check on a built-in sample)", headers: OperatorHeaders, response: { 200: RefreshAnalyzersResponse, ...errors } } },
    async (request) => ({ items: await registry.refresh(requestTenant(request), requestOperator(request)) }),
  );

  app.get(
    '/scanner/performance',
    { schema: { tags, summary: 'Scan and per-analyzer durations against their baselines, with the regression ratio', querystring: PerfQuery, response: { 200: PerfReport, 400: ErrorEnvelope } } },
    async (request) => performance.report(request.query),
  );

  app.get(
    '/scanner/performance/export',
    { schema: { tags, summary: 'The performance points as CSV (a download)', querystring: PerfQuery, response: { 200: z.string().describe('text/csv'), 400: ErrorEnvelope } } },
    async (request, reply) => {
      const report = await performance.report(request.query);
      reply.header('content-disposition', `attachment; filename="scanner-performance-${report.until.replace(/[:.]/g, '-')}.csv"`);
      return reply.type('text/csv; charset=utf-8').serializer((body: string) => body).send(perfReportCsv(report));
    },
  );

  app.get(
    '/scanner/performance/baselines',
    { schema: { tags, summary: 'Performance baselines per metric', response: { 200: PerfBaselineList, 400: ErrorEnvelope } } },
    async () => ({ items: await performance.baselines() }),
  );

  app.post(
    '/scanner/performance/baselines',
    { schema: { tags, summary: 'Set every metric’s performance baseline from a window', headers: OperatorHeaders, body: SetPerfBaselineRequest, response: { 200: PerfBaselineList, ...errors } } },
    async (request) => ({ items: await performance.setBaseline(request.body, requestTenant(request), requestOperator(request)) }),
  );
};
