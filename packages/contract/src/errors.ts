import { z } from 'zod';

export const ErrorCode = z.enum([
  'bad_request',
  'unauthorized',
  'forbidden',
  'validation_failed',
  'invalid_cursor',
  'not_found',
  'conflict',
  'lease_lost',
  'payload_too_large',
  'too_many_jobs',
  'unsupported_media_type',
  'rate_limited',
  'internal',
  'unavailable',
  'kit_rejected',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      traceId: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorEnvelope' });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
