import { describe, expect, it } from 'vitest';
import { PeriodicTask } from '../../src/runtime/periodic-task.ts';
import { waitFor } from '../support/wait.ts';

describe('PeriodicTask', () => {
  it('reports a task that throws before returning a promise to onError, and keeps running', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const task = new PeriodicTask(
      () => {
        calls++;
        throw new Error('sync failure');
      },
      5,
      (error) => errors.push(error),
    );
    task.start();
    try {
      await waitFor(async () => errors.length >= 2);
    } finally {
      await task.stop();
    }
    expect(calls).toBe(errors.length);
    expect(errors.every((error) => error instanceof Error && error.message === 'sync failure')).toBe(true);
  });

  it('runs one at a time, and stop() waits for the run in flight', async () => {
    let inFlight = 0;
    let most = 0;
    let finished = 0;
    const task = new PeriodicTask(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight--;
      finished++;
    }, 2);
    task.start();
    await waitFor(async () => inFlight === 1);
    await task.stop();
    expect(inFlight).toBe(0);
    expect(most).toBe(1);
    expect(finished).toBeGreaterThanOrEqual(1);
  });
});
