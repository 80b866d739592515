// Adapters are imported by id at run time, so the root typecheck (which has no peer packages) never reaches the
// peers' adapters; bench's own `npm run typecheck` checks them.
import type { SystemAdapter, SystemId } from '../harness/types.ts';

const MODULES: Record<SystemId, { file: string; exportName: string }> = {
  execops: { file: 'execops', exportName: 'execops' },
  'graphile-worker': { file: 'graphile-worker', exportName: 'graphileWorker' },
  'pg-boss': { file: 'pg-boss', exportName: 'pgBoss' },
  bullmq: { file: 'bullmq', exportName: 'bullmq' },
};

export async function loadSystem(id: SystemId): Promise<SystemAdapter> {
  const { file, exportName } = MODULES[id];
  const module = (await import(`./${file}.ts`)) as Record<string, SystemAdapter | undefined>;
  const adapter = module[exportName];
  if (!adapter) throw new Error(`systems/${file}.ts exports no ${exportName}`);
  return adapter;
}
