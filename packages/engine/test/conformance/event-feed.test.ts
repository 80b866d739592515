import { describe, expect, it } from 'vitest';
import { currentCursor, formatCursor, parseCursor, readEvents } from '../../src/events/event-feed.ts';
import { databaseTargets } from '../support/databases.ts';
import { waitFor } from '../support/wait.ts';
import { useStore } from './store-fixture.ts';

const insertEvent = `INSERT INTO events (tenant, topic, type, subject_id) VALUES ('feed', 'jobs', $1, 's')`;

describe.each(databaseTargets())('event feed on $name PostgreSQL', (target) => {
  const fx = useStore(target);

  it('never delivers an event ahead of one whose transaction commits later', async () => {
    const start = await currentCursor(fx.db.pool);
    const slow = await fx.db.pool.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(insertEvent, ['slow']); // takes the lower id, commits last
      await fx.db.pool.query(insertEvent, ['fast']);
      expect((await readEvents(fx.db.pool, start, 100)).map((e) => e.type)).toEqual([]);
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    // Other databases' transactions on the same server may hold the horizon back for a moment.
    const events = await waitFor(async () => {
      const read = await readEvents(fx.db.pool, start, 100);
      return read.length === 2 ? read : undefined;
    }, { timeoutMs: 10_000, description: 'both events' });
    expect(events.map((e) => e.type)).toEqual(['slow', 'fast']);
    expect(await readEvents(fx.db.pool, events.at(-1)!.cursor, 100)).toEqual([]);
  });

  it('round-trips cursors and refuses foreign ones', () => {
    const cursor = { xact: '7421', id: 99 };
    expect(parseCursor(formatCursor(cursor))).toEqual(cursor);
    for (const bad of ['', '12', 'a.b', '1.2.3', '-1.4']) expect(parseCursor(bad)).toBeNull();
  });
});
