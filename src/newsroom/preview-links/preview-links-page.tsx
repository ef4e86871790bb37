import { formatDisplayTime } from '../../content/articles/index.js';
import { Button, CsrfField, ErrorSummary, NewsroomLayout, SelectField, TextField, type FormState, type NewsroomPageContext } from '../ui/index.js';
import { MAX_PREVIEW_LINK_NOTE, PREVIEW_LINK_LIFETIMES } from './preview-link.js';
import type { PreviewLinkListing } from './preview-link-store.js';

/** Props of a story's preview links page. */
export interface PreviewLinksPageProps {
  page: NewsroomPageContext;
  story: { id: number; title: string; isPublished: boolean };
  links: PreviewLinkListing[];
  form: FormState;
  /** A link just made: its address, shown this once. */
  issued?: { url: string; note: string; expiresAt: string };
  notice?: string;
  timeZone: string;
}

/** /newsroom/stories/{id}/preview-links/: the story's live links (who made them, until when, last opened), a revoke button each, and the form that makes one. */
export function PreviewLinksPage({ page, story, links, form, issued, notice, timeZone }: PreviewLinksPageProps) {
  const base = `/newsroom/stories/${story.id}/preview-links/`;
  const time = (iso: string) => <time dateTime={iso}>{formatDisplayTime(iso, timeZone)}</time>;
  return (
    <NewsroomLayout page={page} title={`Preview links for “${story.title}”`} active="stories" notice={notice}>
      <p>
        <a href={`/newsroom/stories/${story.id}/edit`}>Back to the editor</a>
      </p>
      <p>
        A preview link lets someone without an account (a source, a lawyer) read this story's latest saved version, marked as a preview, until the link
        expires or is revoked. Anyone holding the link can read it: send it only to the person it is for. Revoking a link stops it at once.
        {story.isPublished && ' This story is published: its links lead to the public article.'}
      </p>
      {issued && (
        <section aria-labelledby="new-link" class="nr-notice" role="status">
          <h2 id="new-link">New preview link</h2>
          <p>Copy this link now: it is not stored and will not be shown again. {`It works until ${formatDisplayTime(issued.expiresAt, timeZone)}.`}</p>
          <p>
            <label for="issued-link">Link to copy</label>
            <br />
            <input id="issued-link" type="url" readonly value={issued.url} spellcheck={false} autocomplete="off" size={60} />
          </p>
        </section>
      )}
      <section aria-labelledby="links-list">
        <h2 id="links-list">Live links</h2>
        {links.length === 0 ? (
          <p>No live links.</p>
        ) : (
          <table class="nr-table">
            <thead>
              <tr>
                <th scope="col">For</th>
                <th scope="col">Made</th>
                <th scope="col">Works until</th>
                <th scope="col">Last opened</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {links.map((link) => (
                <tr key={link.id}>
                  <td>{link.note || '(no note)'}</td>
                  <td>
                    {time(link.createdAt)}
                    {link.createdByName ? ` by ${link.createdByName}` : ''}
                  </td>
                  <td>{time(link.expiresAt)}</td>
                  <td>{link.lastOpenedAt ? time(link.lastOpenedAt) : 'Not yet'}</td>
                  <td>
                    <form method="post" action={`${base}${link.id}/revoke/`} class="nr-inline-form">
                      <CsrfField token={page.csrfToken} />
                      <Button variant="danger">{`Revoke the link ${link.note ? `for ${link.note}` : `made ${formatDisplayTime(link.createdAt, timeZone)}`}`}</Button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="make-link" class="nr-narrow">
        <h2 id="make-link">Make a link</h2>
        <ErrorSummary errors={form.errors} />
        <form method="post" action={base} novalidate>
          <CsrfField token={page.csrfToken} />
          <SelectField
            name="lifetime"
            label="Works for"
            options={PREVIEW_LINK_LIFETIMES.map(({ value, label }) => ({ value, label }))}
            value={form.values.lifetime}
            error={form.errors.lifetime}
          />
          <TextField
            name="note"
            label="Note (optional)"
            value={form.values.note}
            error={form.errors.note}
            hint="Who the link is for, e.g. “for legal”: shown in this list, never to the reader."
            maxLength={MAX_PREVIEW_LINK_NOTE}
          />
          <Button>Make a link</Button>
        </form>
      </section>
    </NewsroomLayout>
  );
}
