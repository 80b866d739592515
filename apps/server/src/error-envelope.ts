import type { ErrorCode, ErrorEnvelope } from '@execops/contract';
import {
  DagValidationError,
  DeadLetterConflictError,
  DeadLetterNotFoundError,
  InvalidCursorError,
  JobNotFoundError,
  JobStateConflictError,
  LeaseLostError,
  PayloadTooLargeError,
  QueueStateConflictError,
  QuotaExistsError,
  QuotaNotFoundError,
  RunNotFoundError,
  ScheduleConflictError,
  ScheduleNotFoundError,
  ScheduleValidationError,
  TooManyEntriesError,
  TooManyJobsError,
  WorkerNotFoundError,
  WorkerStateConflictError,
  TokenConflictError,
  TokenNotFoundError,
} from '@execops/engine';
import { ScannerConflictError, ScannerNotFoundError, ScannerValidationError, TargetTooLargeError } from '@execops/scanner';
import { KitConflictError, KitNotFoundError, KitRejectedError, TrustKeyNotFoundError } from '@execops/scanner';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** An error the API reports as-is: an HTTP status, a stable code and an operator-readable message. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'bad_request' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request' },
};

/**
 * PostgreSQL's refusals of text it cannot store (a NUL character, in a string or a JSON \u0000 escape). Input
 * validation lets such text through, so the database is where it is caught; the statement's transaction is rolled back.
 */
const UNSTORABLE_TEXT_SQLSTATES = new Set(['22021', '22P05']);

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      location: error.validationContext ?? 'request',
      path: v.instancePath || '/',
      message: v.message ?? 'invalid',
    }));
    const first = issues[0];
    const where = first ? `${first.location} ${first.path}` : 'request';
    return new ApiError(400, 'validation_failed', `invalid ${where}: ${first?.message ?? 'invalid value'}`, { issues });
  }
  if (error instanceof InvalidCursorError) return new ApiError(400, 'invalid_cursor', error.message);
  if (error instanceof PayloadTooLargeError) return new ApiError(413, 'payload_too_large', error.message);
  if (error instanceof JobNotFoundError) return new ApiError(404, 'not_found', error.message);
  if (error instanceof WorkerNotFoundError) return new ApiError(404, 'not_found', error.message);
  if (error instanceof WorkerStateConflictError) return new ApiError(409, 'conflict', error.message);
  if (error instanceof JobStateConflictError) return new ApiError(409, 'conflict', error.message);
  if (error instanceof LeaseLostError) return new ApiError(409, 'lease_lost', error.message);
  if (error instanceof QuotaNotFoundError) return new ApiError(404, 'not_found', error.message);
  if (error instanceof QuotaExistsError) return new ApiError(409, 'conflict', error.message);
  if (error instanceof QueueStateConflictError) return new ApiError(409, 'conflict', error.message);
  if (error instanceof TooManyJobsError) return new ApiError(422, 'too_many_jobs', error.message);
  if (error instanceof DeadLetterNotFoundError) return new ApiError(404, 'not_found', error.message);
  if (error instanceof DeadLetterConflictError) return new ApiError(409, 'conflict', error.message);
  // An entry is a failed job, so a too-large selection of entries shares the jobs' code.
  if (error instanceof TooManyEntriesError) return new ApiError(422, 'too_many_jobs', error.message);
  if (error instanceof ScheduleNotFoundError || error instanceof RunNotFoundError) return new ApiError(404, 'not_found', error.message);
  if (error instanceof ScheduleConflictError) return new ApiError(409, 'conflict', error.message);
  if (error instanceof ScheduleValidationError) return new ApiError(422, 'validation_failed', error.message, { field: error.field });
  if (error instanceof TokenNotFoundError) return new ApiError(404, 'not_found', error.message);
  if (error instanceof TokenConflictError) return new ApiError(409, 'conflict', error.message);
  if (error instanceof KitRejectedError) return new ApiError(422, 'kit_rejected', error.message, { quarantineId: error.quarantineId, reason: error.code });
  if (error instanceof KitNotFoundError || error instanceof TrustKeyNotFoundError) return new ApiError(404, 'not_found', error.message);
  if (error instanceof KitConflictError) return new ApiError(409, 'conflict', error.message);
  if (error instanceof DagValidationError) return new ApiError(422, 'validation_failed', error.message, error.details);
  if (error instanceof ScannerNotFoundError) return new ApiError(404, 'not_found', error.message);
  if (error instanceof ScannerConflictError) return new ApiError(409, 'conflict', error.message);
  if (error instanceof ScannerValidationError) return new ApiError(422, 'validation_failed', error.message, { fields: error.fields });
  if (error instanceof TargetTooLargeError) return new ApiError(413, 'payload_too_large', error.message);
  const sqlState = (error as { code?: unknown }).code;
  if (typeof sqlState === 'string' && UNSTORABLE_TEXT_SQLSTATES.has(sqlState)) {
    return new ApiError(400, 'bad_request', 'the request contains a NUL character (\\u0000), which cannot be stored');
  }
  const fastifyError = error as Partial<FastifyError>;
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) return new ApiError(known.status, known.code, fastifyError.message ?? known.code);
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500)
    return new ApiError(fastifyError.statusCode, 'bad_request', fastifyError.message ?? 'bad request');
  return new ApiError(500, 'internal', 'internal error; the server log has the details under this traceId');
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: ApiError): FastifyReply {
  const body: ErrorEnvelope = {
    error: { code: error.code, message: error.message, traceId: request.id, ...(error.details ? { details: error.details } : {}) },
  };
  return reply.status(error.statusCode).type('application/json').send(body);
}

export function registerErrorEnvelope(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(reply, request, apiError);
  });
}
