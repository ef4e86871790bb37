import { clipText, previewAddress, previewDescription, TITLE_PREVIEW_LENGTH } from './editor-text.js';

/** What the previews show; the island updates the same elements as you type. */
export interface EditorPreviewsProps {
  siteUrl: string;
  title: string;
  dek: string;
  excerpt: string;
  bodyText: string;
  sectionName: string;
  slug: string;
  /** The hero image's URL, shown on the link card. */
  imageUrl?: string;
  /** URLs of the images the Hero image list offers, by id: the island swaps the card's image. */
  heroUrls: Record<string, string>;
}

/** A search result (title, address, description) and a social link card (Open Graph image, title, description), as others will show the story. */
export function EditorPreviews(props: EditorPreviewsProps) {
  const description = previewDescription({ excerpt: props.excerpt, dek: props.dek, bodyText: props.bodyText });
  const title = clipText(props.title, TITLE_PREVIEW_LENGTH) || 'Headline';
  const host = props.siteUrl.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return (
    <section class="ed-previews" aria-labelledby="previews-title" data-site-url={props.siteUrl} data-hero-urls={JSON.stringify(props.heroUrls)}>
      <h2 id="previews-title">Previews</h2>
      <figure class="ed-serp">
        <figcaption class="nr-meta">In search results</figcaption>
        <p class="ed-serp-address" data-preview="address">
          {previewAddress({ siteUrl: props.siteUrl, section: props.sectionName, slug: props.slug, title: props.title })}
        </p>
        <p class="ed-serp-title" data-preview="title">{title}</p>
        <p class="ed-serp-description" data-preview="description">{description}</p>
      </figure>
      <figure class="ed-card">
        <figcaption class="nr-meta">As a shared link</figcaption>
        <div class="ed-card-image" data-preview="image">
          {props.imageUrl ? <img src={props.imageUrl} alt="" width={480} height={252} /> : <span class="nr-meta">No hero image</span>}
        </div>
        <p class="ed-card-host">{host}</p>
        <p class="ed-card-title" data-preview="title">{title}</p>
        <p class="ed-card-description" data-preview="description">{description}</p>
      </figure>
    </section>
  );
}
