import { z } from 'zod';

const DECIMAL_INT = /^-?\d{1,15}$/;

/**
 * An integer query parameter. `z.coerce.number()` alone reads "0x10" as 16, "1e3" as 1000 and "" as 0; a query
 * string value must be plain decimal digits. Numbers pass through, so the same schema parses already-typed input.
 */
export function queryInt(min: number, max: number) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value;
    if (DECIMAL_INT.test(value)) return Number(value);
    ctx.addIssue({ code: 'custom', input: value, message: `expected a decimal integer, got "${value.slice(0, 40)}"` });
    return z.NEVER;
  }, z.int().min(min).max(max));
}
