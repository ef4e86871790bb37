/** The largest id a row can have: ids and revision numbers are 32-bit integers on every dialect (PostgreSQL's `integer`). */
export const MAX_ROW_ID = 2_147_483_647;

/**
 * Reads a row id (or a revision number) from user input: a whole number from 1 to MAX_ROW_ID
 * written without a sign or leading zeros; undefined otherwise. A larger number names no row, and
 * passed to PostgreSQL it would be an error ("out of range for type integer"), not "not found".
 */
export function parseRowId(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= MAX_ROW_ID ? value : undefined;
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) return undefined;
  const id = Number(value);
  return id <= MAX_ROW_ID ? id : undefined;
}
