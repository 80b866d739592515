import type { DeadLetterStatus, ErrorClass } from '@execops/contract';

export interface DeadLetterFilterOptions {
  status?: DeadLetterStatus[] | undefined;
  type?: string | undefined;
  cluster?: string | undefined;
  class?: ErrorClass[] | undefined;
  retryable?: 'true' | 'false' | undefined;
  since?: string | undefined;
  before?: string | undefined;
  text?: string | undefined;
}

/** The dead-letter filter the API takes, from the CLI's filter flags (shared by list, bulk actions and export). */
export function deadLetterFilter(options: DeadLetterFilterOptions): Record<string, string> {
  return {
    ...(options.status ? { status: options.status.join(',') } : {}),
    ...(options.type ? { jobType: options.type } : {}),
    ...(options.cluster ? { cluster: options.cluster } : {}),
    ...(options.class ? { class: options.class.join(',') } : {}),
    ...(options.retryable ? { retryable: options.retryable } : {}),
    ...(options.since ? { deadLetteredAfter: options.since } : {}),
    ...(options.before ? { deadLetteredBefore: options.before } : {}),
    ...(options.text ? { text: options.text } : {}),
  };
}
