// The market island (≤ 2 KB): fills the ticker strip's and the quote chips' empty price slots from
// the site's short-cached price data (/markets/strip.json, /markets/quotes.json), with the source
// and delay beside them, and refreshes them every 30 seconds while the tab is visible. The page's
// HTML never holds a price, so a cached page never shows a stale one; without this, they are links.

interface Quote {
  symbol: string;
  price: string;
  move: string | null;
  direction: string | null;
  words: string | null;
  source: string;
  delay: string;
}

const REFRESH_MS = 30_000;

function span(className: string, text: string, isHidden?: boolean): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  if (isHidden) element.setAttribute('aria-hidden', 'true');
  return element;
}

// Fills each root's slots from one fetch of the url.
async function fill(roots: HTMLElement[], url: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) return;
  const { quotes } = (await response.json()) as { quotes: Quote[] };
  for (const root of roots) {
    const labels = new Set<string>();
    for (const quote of quotes) {
      const slot = root.querySelector(`[data-symbol="${quote.symbol}"]`);
      if (!slot) continue;
      slot.querySelector('[data-price]')!.textContent = quote.price;
      const move = slot.querySelector('[data-move]')!;
      move.className = `move ${quote.direction ?? ''}`;
      // Colour is never alone: an arrow and sign for the eye, the change in words for screen readers.
      move.replaceChildren(...(quote.move ? [span('', quote.move, true), span('visually-hidden', quote.words ?? '')] : []));
      labels.add(`${quote.source} · ${quote.delay}`);
    }
    root.querySelector('[data-source]')!.textContent = [...labels].join('; ');
  }
}

// The strip, the story's chips and each live update's quote, one fetch per address (updates that
// arrive later are filled at the next refresh).
function refresh(): void {
  const byUrl = new Map<string, HTMLElement[]>();
  const add = (root: HTMLElement | null, url: string) => root && byUrl.set(url, [...(byUrl.get(url) ?? []), root]);
  add(document.querySelector<HTMLElement>('[data-strip]'), '/markets/strip.json');
  for (const chips of document.querySelectorAll<HTMLElement>('[data-quotes]')) add(chips, `/markets/quotes.json?symbols=${chips.dataset.quotes}`);
  // A failed fetch leaves the slots as they were; the next refresh tries again.
  for (const [url, roots] of byUrl) fill(roots, url).catch(() => undefined);
}

refresh();
setInterval(() => document.visibilityState === 'visible' && refresh(), REFRESH_MS);
document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && refresh());
