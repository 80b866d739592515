// BullMQ 6.7.0 on the local Redis, default profile (engine-anchors §8.1): removeOnComplete {count: 1000}; lock
// duration and stalled interval set to the lease every system gets.
import { Queue, Worker, type ConnectionOptions, type JobsOptions, type JobType } from 'bullmq';
import { Redis } from 'ioredis';
import { REDIS } from '../harness/environment.ts';
import { QUEUE, type BenchPayload, type Producer, type SystemAdapter, type SystemSettings } from '../harness/types.ts';

const PREFIX = 'execops-bench';
const connection: ConnectionOptions = { ...REDIS, maxRetriesPerRequest: null };

function jobOptions(settings: SystemSettings): JobsOptions {
  return {
    attempts: settings.maxAttempts,
    backoff: { type: 'fixed', delay: settings.retryDelayMs },
    removeOnComplete: { count: 1000 },
    removeOnFail: false,
  };
}

export const bullmq: SystemAdapter = {
  id: 'bullmq',
  version: '6.7.0',
  describe: (settings) => ({
    profile: 'default',
    concurrency: settings.slots,
    ...jobOptions(settings),
    lockDurationMs: settings.leaseSeconds * 1000,
    stalledIntervalMs: settings.leaseSeconds * 1000,
    redis: settings.profile === 'durable' ? 'appendonly yes, appendfsync always' : 'appendonly yes, appendfsync everysec',
    prefix: PREFIX,
  }),
  async prepareRun() {
    const redis = new Redis(REDIS);
    const saved = [await redis.config('GET', 'appendonly'), await redis.config('GET', 'appendfsync')] as [string, string][];
    redis.disconnect();
    return async () => {
      const restore = new Redis(REDIS);
      for (const [key, value] of saved) await restore.config('SET', key, value);
      restore.disconnect();
    };
  },
  async reset(settings) {
    const redis = new Redis(REDIS);
    try {
      await redis.config('SET', 'appendonly', 'yes');
      await redis.config('SET', 'appendfsync', settings.profile === 'durable' ? 'always' : 'everysec');
      // Only our prefix: the Redis may be shared.
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  },
  async producer(settings): Promise<Producer> {
    const queue = new Queue(QUEUE, { connection, prefix: PREFIX });
    const options = jobOptions(settings);
    const counts = async (...states: JobType[]) => {
      const all = await queue.getJobCounts(...states);
      return Object.values(all).reduce((sum, n) => sum + n, 0);
    };
    return {
      add: async (payload) => void (await queue.add(QUEUE, payload, options)),
      addBulk: async (payloads) => void (await queue.addBulk(payloads.map((data) => ({ name: QUEUE, data, opts: options })))),
      pending: () => counts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children'),
      deadCount: () => counts('failed'),
      transactions: async () => null,
      recover: async () => undefined,
      close: () => queue.close(),
    };
  },
  async worker(settings, handler) {
    const worker = new Worker<BenchPayload>(QUEUE, (job) => handler({ payload: job.data, attempt: job.attemptsMade + 1 }), {
      connection,
      prefix: PREFIX,
      concurrency: settings.slots,
      lockDuration: settings.leaseSeconds * 1000,
      stalledInterval: settings.leaseSeconds * 1000,
    });
    worker.on('error', () => undefined);
    await worker.waitUntilReady();
    return { identity: () => [], stop: () => worker.close() };
  },
};
