/** One figure checked against a budget from DESIGN.md. */
export interface BudgetCheck {
  name: string;
  value: number;
  unit: string;
  limit: number;
  /** "max": value must not exceed limit; "min": value must reach it. */
  kind: 'max' | 'min';
  status: 'ok' | 'over' | 'n/a';
}

/** Checks a figure against its budget. */
export function checkBudget(name: string, value: number, unit: string, limit: number, kind: 'max' | 'min'): BudgetCheck {
  const status = Number.isNaN(value) ? 'n/a' : (kind === 'max' ? value <= limit : value >= limit) ? 'ok' : 'over';
  return { name, value, unit, limit, kind, status };
}

/** Formats rows as an aligned plain-text table (first row is the header). */
export function formatTable(rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)));
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Numbers to three significant figures, with thousands separators for big ones. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
