/**
 * Type-ahead for the comma-separated Bylines, Topics and Tickers fields: as you type a name, a native
 * `<datalist>` offers the names that start with it (GET /api/newsroom/suggestions), each option
 * being the whole field with that name completed, so choosing one keeps the names before it.
 */
const DELAY_MS = 200;

/** Adds type-ahead to the fields named (bylines, topics) in the form. */
export function startTypeAhead(form: HTMLFormElement, fields: readonly ('bylines' | 'topics' | 'tickers')[]): void {
  for (const name of fields) {
    const input = form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    if (!input) continue;
    const list = document.createElement('datalist');
    list.id = `${input.id}-suggestions`;
    input.after(list);
    input.setAttribute('list', list.id);
    input.autocomplete = 'off';
    let timer: number | undefined;
    let asked = '';
    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void suggest(), DELAY_MS);
    });
    async function suggest(): Promise<void> {
      const parts = input!.value.split(',');
      const typed = parts.pop()!.trim();
      const before = parts.map((part) => part.trim()).filter(Boolean);
      if (typed.length < 1 || typed === asked) return;
      asked = typed;
      try {
        const response = await fetch(`/api/newsroom/suggestions?field=${name}&q=${encodeURIComponent(typed.slice(0, 100))}`, { credentials: 'same-origin' });
        if (!response.ok) return;
        const { suggestions } = (await response.json()) as { suggestions: string[] };
        list.replaceChildren(
          ...suggestions
            .filter((suggestion) => !before.includes(suggestion))
            .map((suggestion) => Object.assign(document.createElement('option'), { value: [...before, suggestion].join(', ') })),
        );
      } catch {
        // No suggestions this time: the field works as plain text.
      }
    }
  }
}
