import type { z } from 'zod';
import { PermanentJobError } from '../runtime/job-handler.ts';

/** A payload that does not match its schema will never succeed, so it fails the job without retries. */
export function parsePayload<Schema extends z.ZodType>(schema: Schema, payload: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
  throw new PermanentJobError(`invalid payload: ${issues}`, 'invalid_payload');
}
