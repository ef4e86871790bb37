import { formatDisplayTime } from '../../content/articles/index.js';
import { LIVE_UPDATE_MAX_CHARACTERS, type LiveCoverage, type LiveUpdate } from '../../content/live/index.js';
import { Button, CsrfField, ErrorSummary, SelectField, TextAreaField, TextField } from '../ui/form-fields.js';
import { libraryImageOptions } from '../ui/library-images.js';
import { NewsroomLayout } from '../ui/newsroom-layout.js';
import type { NewsroomPageContext } from '../ui/page-context.js';

/** What the live desk shows. */
export interface LiveDeskView {
  storyId: number;
  title: string;
  /** The story's public address, when it is published. */
  publicPath: string | null;
  coverage: LiveCoverage | undefined;
  updates: LiveUpdate[];
  /** The newest images of the media library, to pick one for an update. */
  images: { id: number; alt: string }[];
  form: { values: Record<string, string>; errors: Record<string, string> };
  notice?: string;
  timeZone: string;
}

/**
 * /newsroom/stories/{id}/live/: a compact form to post an update at the top (text, optional image
 * from the library and instrument to quote), then the updates newest first, each with edit, pin and delete; and the
 * buttons to go live and to end coverage.
 */
export function LiveDeskPage({ page, view }: { page: NewsroomPageContext; view: LiveDeskView }) {
  const { storyId, coverage, form } = view;
  const base = `/newsroom/stories/${storyId}/live`;
  const isLive = coverage?.state === 'live';
  return (
    <NewsroomLayout page={page} title={`Live: ${view.title}`} active="stories" notice={view.notice}>
      <p>
        <a href={`/newsroom/stories/${storyId}/edit`}>Back to the editor</a>
        {view.publicPath && (
          <>
            {' · '}
            <a href={view.publicPath}>Reader page</a>
          </>
        )}
      </p>
      <p>
        <strong>{isLive ? 'Live' : coverage ? 'Coverage ended' : 'Not live'}</strong>
        {!view.publicPath && ' · Readers see the updates once the story is published.'}
      </p>
      {isLive ? (
        <>
          <form method="post" action={`${base}/updates`} class="nr-live-post">
            <CsrfField token={page.csrfToken} />
            <ErrorSummary errors={form.errors} />
            <TextAreaField name="text" label="New update" rows={4} maxLength={LIVE_UPDATE_MAX_CHARACTERS} value={form.values.text} error={form.errors.text} required hint="Plain text; a blank line starts a new paragraph." />
            <TextField name="quote" label="Quote an instrument (symbol, optional)" value={form.values.quote} error={form.errors.quote} maxLength={30} />
            <SelectField name="image" label="Image (optional)" value={form.values.image ?? ''} error={form.errors.image} hint="The newest images of the library; upload images under Media." options={imageChoices(view.images, form.values.image)} />
            <Button>Post update</Button>
          </form>
          <form method="post" action={`${base}/end`}>
            <CsrfField token={page.csrfToken} />
            <Button variant="danger">End coverage</Button>
          </form>
        </>
      ) : (
        <form method="post" action={`${base}/start`}>
          <CsrfField token={page.csrfToken} />
          <Button>{coverage ? 'Go live again' : 'Go live'}</Button>
        </form>
      )}
      <h2>Updates</h2>
      {view.updates.length === 0 && <p>No updates yet.</p>}
      <ol class="nr-live-updates" reversed>
        {view.updates.map((update) => (
          <li key={update.id} id={`update-${update.id}`}>
            <p>
              <strong>{formatDisplayTime(update.postedAt, view.timeZone)}</strong> · {update.authorName}
              {update.isPinned && ' · Key point'}
              {update.quoteSymbol && ` · ${update.quoteSymbol}`}
            </p>
            <div dangerouslySetInnerHTML={{ __html: update.bodyHtml }} />
            <details>
              <summary>Edit</summary>
              <form method="post" action={`${base}/updates/${update.id}/edit`}>
                <CsrfField token={page.csrfToken} />
                <input type="hidden" name="quote" value={update.quoteSymbol ?? ''} />
                <input type="hidden" name="image" value={update.mediaId === null ? '' : String(update.mediaId)} />
                <TextAreaField id={`text-${update.id}`} name="text" label="Text" rows={3} maxLength={LIVE_UPDATE_MAX_CHARACTERS} value={textOf(update.bodyHtml)} required />
                <Button variant="secondary">Save</Button>
              </form>
            </details>
            <form method="post" action={`${base}/updates/${update.id}/pin`} class="nr-inline">
              <CsrfField token={page.csrfToken} />
              <input type="hidden" name="pinned" value={update.isPinned ? '0' : '1'} />
              <Button variant="secondary">{update.isPinned ? 'Unpin' : 'Pin as key point'}</Button>
            </form>
            <form method="post" action={`${base}/updates/${update.id}/delete`} class="nr-inline">
              <CsrfField token={page.csrfToken} />
              <Button variant="danger">Delete</Button>
            </form>
          </li>
        ))}
      </ol>
    </NewsroomLayout>
  );
}

// The editable text of an update: its paragraphs back as plain text with blank lines.
function textOf(bodyHtml: string): string {
  return bodyHtml
    .split('</p>')
    .map((paragraph) => paragraph.replace(/<[^>]*>/g, '').replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))))
    .filter(Boolean)
    .join('\n\n');
}

// No image, then the library's newest; an id sent back with a refused form stays chosen even if it is not among them.
function imageChoices(images: LiveDeskView['images'], chosen: string | undefined): { value: string; label: string }[] {
  const choices = libraryImageOptions(images);
  if (chosen && !choices.some((choice) => choice.value === chosen)) choices.push({ value: chosen, label: `Image ${chosen}` });
  return choices;
}
