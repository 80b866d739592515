/**
 * An SDK worker for the crash matrix, run as a child process against SDK_SERVER_URL with a short lease; its
 * `sdk.crash` handler works `payload.ms`. Prints `ready` once registered; EXECOPS_FAULT_POINT makes it kill itself.
 */
import { TEST_ADMIN_TOKEN } from '@execops/engine/testing';
import { Worker } from '@execops/worker';
import { SDK_CRASH_JOB_TYPE, SDK_LEASE_SECONDS } from './sdk-crash-settings.ts';

const url = process.env.SDK_SERVER_URL;
if (!url) throw new Error('SDK_SERVER_URL is not set');
const worker = new Worker({ url, token: TEST_ADMIN_TOKEN, concurrency: 4, leaseSeconds: SDK_LEASE_SECONDS, pollWaitMs: 500 });
worker.register<{ ms: number }>(SDK_CRASH_JOB_TYPE, async ({ payload }) => {
  await new Promise((resolve) => setTimeout(resolve, payload.ms));
  return { pid: process.pid };
});
worker.installSignalHandlers();
await worker.start();
process.stdout.write(`ready ${worker.workerId}\n`);
await worker.stopped;
process.exit(0);
