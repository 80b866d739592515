export interface DagValidationDetails {
  /** Node keys around a cycle, each depending on the next; the first key repeats at the end. */
  cycle?: string[];
  duplicateKeys?: string[];
  /** `{ node, dependsOn }` pairs naming a key no node has. */
  unknownKeys?: Array<{ node: string; dependsOn: string }>;
  unknownParentIds?: string[];
}

/** A dependency graph that cannot be created (cycle, unknown or duplicate key, unknown parent job); nothing was written. */
export class DagValidationError extends Error {
  constructor(
    message: string,
    readonly details: DagValidationDetails,
  ) {
    super(message);
    this.name = 'DagValidationError';
  }
}
