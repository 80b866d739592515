import { MalformedFileError } from './analyzer.ts';

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON lockfile's top-level object; anything else is a malformed file. */
export function parseJsonObject(text: string, path: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedFileError(`${path} is not valid JSON`);
  }
  if (!isJsonObject(value)) throw new MalformedFileError(`${path} is not a JSON object`);
  return value;
}

/** The entries of a JSON map whose values are objects (absent or malformed maps have none). */
export function objectEntries(value: unknown): [string, JsonObject][] {
  return isJsonObject(value)
    ? Object.entries(value).filter((entry): entry is [string, JsonObject] => isJsonObject(entry[1]))
    : [];
}
