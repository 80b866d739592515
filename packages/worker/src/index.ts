export { Worker, SDK_VERSION, type WorkerOptions, type StopCause } from './worker.ts';
export type { WorkerHandler, WorkerJobContext } from './job-run.ts';
export { WorkerApiError } from './client.ts';
export { PermanentJobError } from '@execops/contract';
