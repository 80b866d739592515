import { DEAD_LETTER_NOTE_MAX } from '@execops/contract';
import { describe, expect, it } from 'vitest';
import { EntrySearchSchema } from '../src/features/dead-letter-entry/entry-search.ts';
import { resolutionNoteProblem } from '../src/features/dead-letter-entry/resolution-note.ts';
import { newIdempotencyKey } from '../src/features/operator/idempotency-key.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('dead-letter entry search params', () => {
  it('keeps a known tab and drops an unknown one instead of failing the page', () => {
    expect(EntrySearchSchema.parse({ tab: 'replays' })).toEqual({ tab: 'replays' });
    expect(EntrySearchSchema.parse({ tab: 'logs' })).toEqual({});
    expect(EntrySearchSchema.parse({ tab: 7 })).toEqual({});
  });

  it('reads the replay job of the hand-off as text, whatever the router made of it', () => {
    const replayJob = '01a2305f-f65e-7031-b359-027a8876f510';
    expect(EntrySearchSchema.parse({ tab: 'replays', replayJob })).toEqual({ tab: 'replays', replayJob });
    expect(EntrySearchSchema.parse({ replayJob: 123 })).toEqual({ replayJob: '123' });
    expect(EntrySearchSchema.parse({ replayJob: ' ' })).toEqual({});
  });
});

describe('resolution note', () => {
  it('needs text other than blanks', () => {
    expect(resolutionNoteProblem('')).toBe('Write a resolution note.');
    expect(resolutionNoteProblem('  \n ')).toBe('Write a resolution note.');
    expect(resolutionNoteProblem('fixed the upstream URL')).toBeUndefined();
  });

  it('is at most the contract’s length', () => {
    expect(resolutionNoteProblem('x'.repeat(DEAD_LETTER_NOTE_MAX))).toBeUndefined();
    expect(resolutionNoteProblem('x'.repeat(DEAD_LETTER_NOTE_MAX + 1))).toBe(`The note is at most ${DEAD_LETTER_NOTE_MAX} characters.`);
  });
});

describe('idempotency key', () => {
  it('is the platform’s UUID where there is one', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(UUID_V4);
    expect(newIdempotencyKey()).not.toBe(key);
  });

  it('is a UUIDv4 from random bytes outside a secure context', () => {
    const source = { getRandomValues: (bytes: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(bytes) };
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey(source)));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(UUID_V4);
  });

  it('sets the version and variant bits whatever the random bytes are', () => {
    const allOnes = { getRandomValues: (bytes: Uint8Array<ArrayBuffer>) => bytes.fill(0xff) };
    expect(newIdempotencyKey(allOnes)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});
