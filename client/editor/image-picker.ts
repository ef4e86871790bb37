/** An image from the media library, as GET /api/newsroom/media?q= answers. */
export interface MediaImage {
  id: number;
  url: string;
  width: number;
  height: number;
  alt: string;
}

/** A small panel that searches the media library and inserts the chosen image. */
export function createImagePicker(insert: (image: MediaImage) => void): { element: HTMLElement; open(): void } {
  const panel = document.createElement('div');
  panel.className = 'story-image-picker';
  panel.hidden = true;
  panel.innerHTML = `
    <label for="image-search">Search images</label>
    <input id="image-search" type="search">
    <button type="button" class="nr-button nr-button-secondary" data-search>Search</button>
    <button type="button" class="nr-button nr-button-secondary" data-close>Close</button>
    <p class="nr-meta" aria-live="polite" data-message></p>
    <ul class="story-image-results"></ul>`;
  const input = panel.querySelector<HTMLInputElement>('input')!;
  const message = panel.querySelector<HTMLElement>('[data-message]')!;
  const results = panel.querySelector<HTMLUListElement>('ul')!;

  async function search(): Promise<void> {
    message.textContent = 'Searching…';
    results.replaceChildren();
    try {
      const response = await fetch(`/api/newsroom/media?q=${encodeURIComponent(input.value)}`, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(String(response.status));
      const images = (await response.json()) as MediaImage[];
      message.textContent = images.length === 0 ? 'No images found. Upload one under Media.' : `${images.length} images.`;
      for (const image of images) {
        const item = document.createElement('li');
        const choose = document.createElement('button');
        choose.type = 'button';
        choose.className = 'nr-button nr-button-secondary';
        const thumbnail = document.createElement('img');
        thumbnail.src = image.url;
        thumbnail.alt = '';
        thumbnail.width = 96;
        choose.append(thumbnail, document.createTextNode(`Insert “${image.alt || `image ${image.id}`}”`));
        choose.addEventListener('click', () => {
          insert(image);
          panel.hidden = true;
        });
        item.append(choose);
        results.append(item);
      }
    } catch {
      message.textContent = 'The media library could not be searched.';
    }
  }

  panel.querySelector('[data-search]')!.addEventListener('click', () => void search());
  panel.querySelector('[data-close]')!.addEventListener('click', () => {
    panel.hidden = true;
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void search();
    }
  });

  return {
    element: panel,
    open() {
      panel.hidden = false;
      input.focus();
      void search();
    },
  };
}
