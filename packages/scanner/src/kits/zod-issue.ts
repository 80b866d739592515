import type { z } from 'zod';

/** The first issue of a failed parse as `field.path: message`, for refusals that name the bad field. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
}
