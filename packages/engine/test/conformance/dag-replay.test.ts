import { describe, expect, it } from 'vitest';
import { JobOperations } from '../../src/operations/job-operations.ts';
import { databaseTargets } from '../support/databases.ts';
import { useDagStore } from './dag-fixture.ts';
import { OPERATOR, TENANT } from './store-fixture.ts';

describe.each(databaseTargets())('DAG replay with downstream on $name PostgreSQL', (target) => {
  const fx = useDagStore(target);
  const ops = () => new JobOperations(fx.db.pool);
  const parentsOf = async (child: string) =>
    (await fx.db.pool.query<{ parent: string }>('SELECT parent FROM job_edges WHERE child = $1 ORDER BY parent', [child])).rows.map((r) => r.parent);
  const blockedEvents = async (jobId: string) =>
    (await fx.db.pool.query(`SELECT data FROM events WHERE subject_id = $1 AND type = 'job.blocked' ORDER BY id`, [jobId])).rows.map((r) => r.data);

  it('puts the skipped children and grandchildren back to blocked, and they run once the new job succeeds', async () => {
    const root = await fx.enqueue({ jobType: 'replay.chain.root' });
    const child = await fx.enqueue({ jobType: 'replay.chain.child', dependsOn: [root] });
    const grandchild = await fx.enqueue({ jobType: 'replay.chain.grandchild', dependsOn: [child] });
    await fx.failNext('replay.chain.root');
    await fx.resolve();
    expect(await fx.states([child, grandchild])).toEqual(['skipped', 'skipped']);

    const replay = await ops().replay(TENANT, root, OPERATOR, { withDownstream: true });
    const newRoot = replay.job.id;
    expect(replay.job).toMatchObject({ state: 'queued', replayOf: root });
    expect([...replay.resetJobIds].sort()).toEqual([child, grandchild].sort());
    expect(await fx.states([child, grandchild])).toEqual(['blocked', 'blocked']);
    expect((await fx.store.getJob(TENANT, child))?.finishedAt).toBeNull();
    expect(await parentsOf(child)).toEqual([newRoot]);
    expect(await fx.edges(root)).toEqual([]);
    expect(await blockedEvents(child)).toEqual([{ reason: 'parent replayed', previousState: 'skipped' }]);
    expect(await blockedEvents(grandchild)).toEqual([{ reason: 'parent replayed', previousState: 'skipped' }]);
    const { rows: audit } = await fx.db.pool.query('SELECT after FROM audit_log WHERE target_id = $1', [root]);
    expect(audit).toEqual([{ after: expect.objectContaining({ replayJobId: newRoot, withDownstream: true, resetJobIds: replay.resetJobIds }) }]);

    expect(await fx.succeed('replay.chain.root')).toBe(newRoot);
    await fx.resolve();
    expect(await fx.states([child, grandchild])).toEqual(['queued', 'blocked']);
    await fx.succeed('replay.chain.child');
    await fx.resolve();
    await fx.succeed('replay.chain.grandchild');
    expect(await fx.states([root, newRoot, child, grandchild])).toEqual(['failed', 'succeeded', 'succeeded', 'succeeded']);
    expect(await fx.eventTypes(grandchild)).toEqual(['job.enqueued', 'job.skipped', 'job.blocked', 'job.unblocked', 'job.started', 'job.succeeded']);
  });

  it('runs a fan-in child once the replayed parent succeeds, counting only that parent as pending', async () => {
    const failing = await fx.enqueue({ jobType: 'replay.fanin.failing' });
    const fine = await fx.enqueue({ jobType: 'replay.fanin.fine' });
    const child = await fx.enqueue({ jobType: 'replay.fanin.child', dependsOn: [failing, fine] });
    await fx.succeed('replay.fanin.fine');
    await fx.failNext('replay.fanin.failing');
    await fx.resolve();
    expect(await fx.state(child)).toBe('skipped');

    const replay = await ops().replay(TENANT, failing, OPERATOR, { withDownstream: true });
    expect(replay.resetJobIds).toEqual([child]);
    expect(await fx.state(child)).toBe('blocked');
    expect(await fx.pendingParents(child)).toBe(1);
    expect(await parentsOf(child)).toEqual([fine, replay.job.id].sort());

    await fx.succeed('replay.fanin.failing');
    await fx.resolve();
    expect(await fx.state(child)).toBe('queued');
    await fx.succeed('replay.fanin.child');
    expect(await fx.state(child)).toBe('succeeded');
  });

  it('leaves a fan-in child skipped when another of its parents failed too', async () => {
    const [first, second] = [await fx.enqueue({ jobType: 'replay.twice.a' }), await fx.enqueue({ jobType: 'replay.twice.b' })];
    const child = await fx.enqueue({ jobType: 'replay.twice.child', dependsOn: [first, second] });
    await fx.failNext('replay.twice.a');
    await fx.failNext('replay.twice.b');
    await fx.resolve();

    const replay = await ops().replay(TENANT, first, OPERATOR, { withDownstream: true });
    expect(replay.resetJobIds).toEqual([]);
    expect(await fx.state(child)).toBe('skipped');
    expect(await parentsOf(child)).toEqual([second, replay.job.id].sort());
  });

  it('gives the new job copies of the original’s parent edges: queued when they succeeded, blocked while one runs', async () => {
    const done = await fx.enqueue({ jobType: 'replay.mid.done' });
    const slow = await fx.enqueue({ jobType: 'replay.mid.slow' });
    const middle = await fx.enqueue({ jobType: 'replay.mid', dependsOn: [done, slow], onParentFailure: 'run' });
    const leaf = await fx.enqueue({ jobType: 'replay.mid.leaf', dependsOn: [middle] });
    await fx.succeed('replay.mid.done');
    await fx.failNext('replay.mid.slow');
    await fx.resolve();
    await fx.failNext('replay.mid');
    await fx.resolve();
    expect(await fx.state(leaf)).toBe('skipped');

    // The failed parent stays failed, but the copied edge says run, so the new job may run at once.
    const replay = await ops().replay(TENANT, middle, OPERATOR, { withDownstream: true });
    expect(replay.job.state).toBe('queued');
    expect(await parentsOf(replay.job.id)).toEqual([done, slow].sort());
    expect(await parentsOf(middle)).toEqual([done, slow].sort());
    expect(await fx.eventTypes(replay.job.id)).toEqual(['job.enqueued', 'job.blocked', 'job.unblocked']);
    expect(replay.resetJobIds).toEqual([leaf]);

    const running = await fx.enqueue({ jobType: 'replay.wait.parent' });
    const waiting = await fx.enqueue({ jobType: 'replay.wait.child', dependsOn: [running] });
    await fx.store.cancel(TENANT, waiting, OPERATOR);
    await fx.claimOne('replay.wait.parent');
    const again = await ops().replay(TENANT, waiting, OPERATOR, { withDownstream: true });
    expect(again.job.state).toBe('blocked');
    expect(await fx.pendingParents(again.job.id)).toBe(1);
  });

  it('replays without downstream as a plain new job: the skipped children stay skipped under the original', async () => {
    const root = await fx.enqueue({ jobType: 'replay.plain.root' });
    const child = await fx.enqueue({ jobType: 'replay.plain.child', dependsOn: [root] });
    await fx.failNext('replay.plain.root');
    await fx.resolve();

    const replay = await ops().replay(TENANT, root, OPERATOR);
    expect(replay.resetJobIds).toEqual([]);
    expect(await fx.edges(replay.job.id)).toEqual([]);
    expect(await parentsOf(child)).toEqual([root]);
    await fx.succeed('replay.plain.root');
    await fx.resolve();
    expect(await fx.state(child)).toBe('skipped');
    expect(await blockedEvents(child)).toEqual([]);
    const { rows: audit } = await fx.db.pool.query('SELECT after FROM audit_log WHERE target_id = $1', [root]);
    expect(audit).toEqual([{ after: expect.objectContaining({ withDownstream: false, resetJobIds: [] }) }]);
  });

  it('serialises two replays of one job with downstream: the children follow exactly one new job', async () => {
    const root = await fx.enqueue({ jobType: 'replay.race.root' });
    const child = await fx.enqueue({ jobType: 'replay.race.child', dependsOn: [root] });
    await fx.failNext('replay.race.root');
    await fx.resolve();

    const both = await Promise.all([1, 2].map(() => ops().replay(TENANT, root, OPERATOR, { withDownstream: true })));
    expect(both.map((r) => r.resetJobIds).sort()).toEqual([[], [child]]);
    const taker = both.find((r) => r.resetJobIds.length > 0)?.job.id;
    expect(await parentsOf(child)).toEqual([taker]);
    expect(await fx.state(child)).toBe('blocked');
    expect(await fx.pendingParents(child)).toBe(1);
  });

  it('treats withDownstream on a job without edges as a plain replay', async () => {
    const lone = await fx.enqueue({ jobType: 'replay.lone' });
    await fx.failNext('replay.lone');
    const replay = await ops().replay(TENANT, lone, OPERATOR, { withDownstream: true });
    expect(replay).toMatchObject({ replayOf: lone, resetJobIds: [], job: { state: 'queued' } });
    expect(await fx.edges(replay.job.id)).toEqual([]);
    expect(await fx.eventTypes(replay.job.id)).toEqual(['job.enqueued']);
  });
});
