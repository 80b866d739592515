/** A failed API call: the server's error envelope, or a description of what went wrong on the way. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly traceId: string | null,
    /** The envelope's `details`, e.g. `{field: "cron"}` on a 422. */
    readonly details?: unknown,
  ) {
    super(message);
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }

  /** The request field a validation error names (`details.field`), if it names one. */
  get field(): string | undefined {
    const details = this.details;
    if (typeof details !== 'object' || details === null || !('field' in details)) return undefined;
    return typeof details.field === 'string' ? details.field : undefined;
  }
}
