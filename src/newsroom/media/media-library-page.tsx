import { formatDisplayTime } from '../../content/articles/index.js';
import { fallbackFormat, mediaUrl, pickVariant, srcsetFor, type MediaItem } from '../../content/media/index.js';
import { Button, ErrorSummary, NewsroomLayout, TextAreaField, TextField, type FormState, type NewsroomPageContext } from '../ui/index.js';

/** What the media library page shows. */
export interface MediaLibraryProps {
  page: NewsroomPageContext;
  items: MediaItem[];
  query: string;
  form: FormState;
  notice?: string;
  timeZone: string;
}

/** A thumbnail with its srcset: the browser picks the width it needs. */
function Thumbnail({ item }: { item: MediaItem }) {
  const format = fallbackFormat(item);
  const small = pickVariant(item, format, 320)!;
  return (
    <img
      src={mediaUrl(small.fileKey)}
      srcset={srcsetFor(item, format)}
      sizes="(max-width: 600px) 50vw, 220px"
      width={small.width}
      height={small.height}
      alt={item.alt}
      loading="lazy"
      decoding="async"
    />
  );
}

/** /newsroom/media/: the upload form, a search box and the grid of images with their alt text. */
export function MediaLibraryPage({ page, items, query, form, notice, timeZone }: MediaLibraryProps) {
  const fileError = form.errors.file;
  return (
    <NewsroomLayout page={page} title="Media library" active="media" notice={notice}>
      <section aria-labelledby="upload-title" class="nr-panel">
        <h2 id="upload-title">Upload an image</h2>
        <ErrorSummary errors={form.errors} />
        {/* The token rides in the action URL: the upload is checked before its body is read. */}
        <form method="post" action={`/newsroom/media/?_csrf=${encodeURIComponent(page.csrfToken)}`} enctype="multipart/form-data">
          <div class="nr-field">
            <label for="field-file">Image file</label>
            <p class="nr-hint" id="field-file-hint">
              JPEG, PNG, WebP or AVIF, up to 15 MB.{fileError ? '' : ' After a problem, choose the file again: browsers do not keep it.'}
            </p>
            <input
              id="field-file"
              name="file"
              type="file"
              accept="image/jpeg,image/png,image/webp,image/avif"
              required
              aria-invalid={fileError ? 'true' : undefined}
              aria-describedby={fileError ? 'field-file-hint field-file-error' : 'field-file-hint'}
            />
            {fileError && (
              <p class="nr-field-error" id="field-file-error">
                {fileError}
              </p>
            )}
          </div>
          <TextField
            name="alt"
            label="Alt text"
            hint="What the image shows, for readers who cannot see it."
            value={form.values.alt}
            error={form.errors.alt}
            maxLength={500}
            required
          />
          <TextAreaField name="caption" label="Caption" value={form.values.caption} error={form.errors.caption} rows={2} maxLength={1000} />
          <TextField name="credit" label="Credit" hint="Photographer or agency, e.g. Jane Roe / Fortune Sky." value={form.values.credit} error={form.errors.credit} maxLength={200} />
          <Button>Upload</Button>
        </form>
      </section>

      <section aria-labelledby="library-title">
        <h2 id="library-title">Images</h2>
        <form method="get" action="/newsroom/media/" role="search">
          <TextField name="q" label="Search media" type="search" value={query} hint="Words from the alt text, caption, credit or file name." />
          <Button variant="secondary">Search</Button>
        </form>
        {items.length === 0 ? (
          <p class="nr-meta">{query ? `No images match “${query}”.` : 'No images yet: upload the first one above.'}</p>
        ) : (
          <ul class="nr-media-grid">
            {items.map((item) => (
              <li key={item.id}>
                <figure>
                  <Thumbnail item={item} />
                  <figcaption>
                    <strong>Image #{item.id}</strong>: {item.alt}
                    {item.caption && <span class="nr-meta"> · {item.caption}</span>}
                    {item.credit && <span class="nr-meta"> · Credit: {item.credit}</span>}
                    <br />
                    <span class="nr-meta">
                      {item.width} × {item.height} · <time dateTime={item.createdAt}>{formatDisplayTime(item.createdAt, timeZone)}</time>
                    </span>
                  </figcaption>
                </figure>
              </li>
            ))}
          </ul>
        )}
      </section>
    </NewsroomLayout>
  );
}
