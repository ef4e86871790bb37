/** Text made safe inside SVG or HTML, in content and in double-quoted attributes. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A coordinate with at most one decimal: enough for a screen, short in the markup. */
export function coordinate(value: number): string {
  return String(Math.round(value * 10) / 10);
}
