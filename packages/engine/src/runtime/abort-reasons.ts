// Shared with the HTTP worker SDK, so it lives in the contract package.
export { abortedJobError, JobAbortedError, type AbortReason } from '@execops/contract';
