/**
 * Console routes: the canonical tree from the product seed, and the one legacy-alias table that both the
 * server (308) and the client router apply.
 */

export const CONSOLE_HOME = '/ops/operations/jobs-queues';

export const canonicalRoutes = {
  jobsQueues: '/ops/operations/jobs-queues',
  jobEngine: '/ops/operations/jobengine',
  jobs: '/ops/operations/jobengine/jobs',
  job: (jobId: string) => `/ops/operations/jobengine/jobs/${encodeURIComponent(jobId)}`,
  jobDag: (jobId: string) => `/ops/operations/jobengine/jobs/${encodeURIComponent(jobId)}/dag`,
  quotas: '/ops/operations/jobengine/quotas',
  deadLetter: '/ops/operations/dead-letter',
  deadLetterQueue: '/ops/operations/dead-letter/queue',
  deadLetterEntry: (entryId: string) => `/ops/operations/dead-letter/entry/${encodeURIComponent(entryId)}`,
  scheduler: '/ops/operations/scheduler',
  runs: '/ops/operations/scheduler/runs',
  runStream: (runId: string) => `/ops/operations/scheduler/runs/${encodeURIComponent(runId)}/stream`,
  schedules: '/ops/operations/scheduler/schedules',
  workers: '/ops/operations/scheduler/workers',
  scannerOps: '/ops/scanner-ops',
  scan: (scanId: string) => `/ops/scanner-ops/scans/${encodeURIComponent(scanId)}`,
  offlineKits: '/ops/scanner-ops/offline-kits',
  baselines: '/ops/scanner-ops/baselines',
  analyzers: '/ops/scanner-ops/analyzers',
  performance: '/ops/scanner-ops/performance',
  scannerSettings: '/ops/scanner-ops/settings',
  /** The console's sign-in page (`?redirect=` the page to return to, `?code=` a first start's one-time code). */
  login: '/login',
} as const;

export const SCANNER_PAGES = ['offline-kits', 'baselines', 'analyzers', 'performance', 'settings'] as const;

/**
 * A legacy prefix and the canonical prefix it maps to. The rest of the path after the prefix is kept
 * (`/ops/jobengine/jobs/42` → `/ops/operations/jobengine/jobs/42`). `pages`, when set, limits which
 * single child segment is kept; any other child lands on the target itself.
 */
export interface LegacyAlias {
  readonly from: string;
  readonly to: string;
  readonly pages?: readonly string[];
}

export const LEGACY_ALIASES: readonly LegacyAlias[] = [
  { from: '/ops/jobengine', to: '/ops/operations/jobengine' },
  { from: '/ops/scheduler', to: '/ops/operations/scheduler' },
  { from: '/ops/scanner', to: '/ops/scanner-ops', pages: SCANNER_PAGES },
  { from: '/platform-ops/jobengine', to: '/ops/operations/jobengine' },
  { from: '/platform-ops/scheduler', to: '/ops/operations/scheduler' },
  { from: '/platform-ops/scanner-ops', to: '/ops/scanner-ops', pages: SCANNER_PAGES },
  { from: '/platform-ops/scanner', to: '/ops/scanner-ops', pages: SCANNER_PAGES },
  { from: '/platform/ops/jobengine', to: '/ops/operations/jobengine' },
  { from: '/platform/ops/scheduler', to: '/ops/operations/scheduler' },
  { from: '/platform/ops/dead-letter', to: '/ops/operations/dead-letter' },
  { from: '/ops/operations', to: CONSOLE_HOME, pages: [] },
  { from: '/ops', to: CONSOLE_HOME, pages: [] },
  { from: '', to: CONSOLE_HOME, pages: [] },
];

function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * The canonical path for a legacy or bare path, or null when the path is not an alias.
 * `/ops/operations` and `/` are treated as aliases of the console home; any other path under them is not.
 */
export function resolveLegacyPath(pathname: string): string | null {
  const path = stripTrailingSlash(pathname);
  for (const alias of LEGACY_ALIASES) {
    if (alias.pages) {
      if (path === alias.from || (alias.from === '' && path === '/')) return alias.to;
      if (!path.startsWith(`${alias.from}/`)) continue;
      const rest = path.slice(alias.from.length + 1);
      if (alias.pages.length === 0) continue;
      const page = rest.split('/')[0] ?? '';
      return alias.pages.includes(page) ? `${alias.to}/${page}` : alias.to;
    }
    if (path === alias.from) return alias.to;
    if (path.startsWith(`${alias.from}/`)) return alias.to + path.slice(alias.from.length);
  }
  return null;
}

/** Every canonical page pattern with `$param` placeholders, in TanStack Router notation. */
export const CANONICAL_PATTERNS = [
  '/ops/operations/jobs-queues',
  '/ops/operations/jobengine',
  '/ops/operations/jobengine/jobs',
  '/ops/operations/jobengine/jobs/$jobId',
  '/ops/operations/jobengine/jobs/$jobId/dag',
  '/ops/operations/jobengine/quotas',
  '/ops/operations/dead-letter',
  '/ops/operations/dead-letter/queue',
  '/ops/operations/dead-letter/entry/$entryId',
  '/ops/operations/scheduler',
  '/ops/operations/scheduler/runs',
  '/ops/operations/scheduler/runs/$runId/stream',
  '/ops/operations/scheduler/schedules',
  '/ops/operations/scheduler/workers',
  '/ops/scanner-ops',
  '/ops/scanner-ops/scans/$scanId',
  '/ops/scanner-ops/offline-kits',
  '/ops/scanner-ops/baselines',
  '/ops/scanner-ops/analyzers',
  '/ops/scanner-ops/performance',
  '/ops/scanner-ops/settings',
] as const;
