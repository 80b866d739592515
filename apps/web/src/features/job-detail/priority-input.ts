export const PRIORITY_MIN = -1000;
export const PRIORITY_MAX = 1000;

/** A NumberInput's value as a priority, or the message that says why it is not one. */
export function readPriority(value: string | number): { priority: number } | { error: string } {
  const priority = typeof value === 'number' ? value : Number(value.trim());
  if (typeof value === 'string' && value.trim() === '') return { error: 'Enter a priority.' };
  if (!Number.isInteger(priority) || priority < PRIORITY_MIN || priority > PRIORITY_MAX) {
    return { error: `The priority is a whole number from ${PRIORITY_MIN} to ${PRIORITY_MAX}.` };
  }
  return { priority };
}

/** As `readPriority`, but an empty input keeps the server's default priority. */
export function readOptionalPriority(value: string | number): { priority: number | undefined } | { error: string } {
  return value === '' ? { priority: undefined } : readPriority(value);
}
