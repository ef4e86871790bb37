/**
 * Keeps the headline and teaser length advice and the search and link-card previews current as
 * you type, with the same rules the server renders them by. Screen readers hear a length only when
 * it crosses the recommended limit (a polite announcement), not on every keystroke; the advice is
 * also tied to its field, so it is read when the field is focused.
 */
import { clipText, describeLength, LENGTH_LIMITS, previewAddress, previewDescription, TITLE_PREVIEW_LENGTH } from '../../src/newsroom/stories/editor-text.js';

/** Starts the live advice; `bodyText` reads the body as the rich-text editor holds it. Returns the function to call when the body changes. */
export function startLiveAdvice(form: HTMLFormElement, bodyText: () => string): () => void {
  const field = (name: string) => form.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${name}"]`);
  const announcer = document.createElement('p');
  announcer.className = 'nr-visually-hidden';
  announcer.setAttribute('aria-live', 'polite');
  form.append(announcer);

  const wasOver = new Map<string, boolean>();
  for (const name of ['title', 'excerpt'] as const) {
    const input = field(name);
    const advice = document.getElementById(`field-${name}-count`);
    if (!input || !advice) continue;
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), advice.id].filter(Boolean).join(' '));
    const label = name === 'title' ? 'Title' : 'Teaser';
    const update = () => {
      const { text, isOver } = describeLength(input.value, LENGTH_LIMITS[name]);
      advice.textContent = text;
      advice.classList.toggle('ed-count-over', isOver);
      if (wasOver.has(name) && wasOver.get(name) !== isOver) announcer.textContent = `${label}: ${text}`;
      wasOver.set(name, isOver);
    };
    input.addEventListener('input', update);
    update();
  }

  const previews = form.querySelector<HTMLElement>('.ed-previews');
  if (!previews) return () => {};
  const heroUrls = JSON.parse(previews.dataset.heroUrls ?? '{}') as Record<string, string>;
  const all = (name: string) => previews.querySelectorAll<HTMLElement>(`[data-preview="${name}"]`);
  const value = (name: string) => field(name)?.value ?? '';
  let shownImage = '';
  const refresh = () => {
    const title = clipText(value('title'), TITLE_PREVIEW_LENGTH) || 'Headline';
    const description = previewDescription({ excerpt: value('excerpt'), dek: value('dek'), bodyText: bodyText() });
    const section = field('section') as HTMLSelectElement | null;
    const sectionName = section?.selectedOptions[0]?.textContent ?? '';
    all('title').forEach((element) => (element.textContent = title));
    all('description').forEach((element) => (element.textContent = description));
    all('address').forEach(
      (element) => (element.textContent = previewAddress({ siteUrl: previews.dataset.siteUrl ?? '', section: sectionName, slug: value('slug'), title: value('title') })),
    );
    const imageUrl = heroUrls[value('hero_media_id')] ?? '';
    if (imageUrl !== shownImage) {
      shownImage = imageUrl;
      all('image').forEach((element) => {
        if (!imageUrl) return element.replaceChildren(Object.assign(document.createElement('span'), { className: 'nr-meta', textContent: 'No hero image' }));
        const image = Object.assign(document.createElement('img'), { src: imageUrl, alt: '', width: 480, height: 252 });
        element.replaceChildren(image);
      });
    }
  };
  form.addEventListener('input', refresh);
  form.addEventListener('change', refresh);
  return refresh;
}
