import type { EngineStore } from '../store/engine-store.ts';
import type { WorkerRuntime } from '../runtime/worker-runtime.ts';
import { runHttpRequest } from './http-request.ts';
import { pruneFinishedJobs } from './maintenance-prune.ts';

export const BUILTIN_JOB_TYPES = ['http.request', 'maintenance.prune'] as const;

export function registerBuiltinJobs(runtime: WorkerRuntime, deps: { store: EngineStore }): void {
  runtime.register('http.request', runHttpRequest);
  runtime.register('maintenance.prune', pruneFinishedJobs(deps.store));
}
