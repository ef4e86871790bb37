import { articlePath, formatDisplayTime, type ArticleSummary } from '../../content/articles/index.js';
import type { Banner, CuratedStory } from '../../content/curation/index.js';
import { Button, CsrfField, ErrorSummary, NewsroomLayout, SelectField, TextField, type FormState, type NewsroomPageContext } from '../ui/index.js';

/** How long a banner may show, offered as choices (minutes → label). */
export const BANNER_DURATIONS: readonly { minutes: number; label: string }[] = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 30, label: '30 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 120, label: '2 hours' },
  { minutes: 360, label: '6 hours' },
  { minutes: 720, label: '12 hours' },
  { minutes: 1440, label: '24 hours' },
];

/** What the front-page editor shows. */
export interface FrontPageEditorProps {
  page: NewsroomPageContext;
  lead: CuratedStory | undefined;
  top: CuratedStory[];
  recent: ArticleSummary[];
  banner: Banner | undefined;
  bannerForm: FormState;
  errors: Record<string, string>;
  notice?: string;
  timeZone: string;
}

/** One button in its own small POST form: works without JavaScript. */
function ActionForm({ token, action, articleId, label, direction, variant = 'secondary' }: { token: string; action: string; articleId: number; label: string; direction?: 'up' | 'down'; variant?: 'secondary' | 'danger' | 'primary' }) {
  return (
    <form method="post" action={`/newsroom/front-page/${action}`} class="nr-inline-form">
      <CsrfField token={token} />
      <input type="hidden" name="articleId" value={String(articleId)} />
      {direction && <input type="hidden" name="direction" value={direction} />}
      <Button variant={variant}>{label}</Button>
    </form>
  );
}

function StoryTitle({ story, timeZone }: { story: ArticleSummary | CuratedStory; timeZone: string }) {
  if ('isPublished' in story && !story.isPublished) {
    return (
      <>
        {story.title}
        <br />
        <span class="nr-meta">Not published: readers do not see it here. Remove it, or publish it again.</span>
      </>
    );
  }
  return (
    <>
      <a href={articlePath(story)}>{story.title}</a>
      <br />
      <span class="nr-meta">
        {story.sectionName} · <time dateTime={story.publishedAt}>{formatDisplayTime(story.publishedAt, timeZone)}</time>
      </span>
    </>
  );
}

/** /newsroom/front-page/: the lead, the ordered top stories, recent stories to pick from, and the banner. */
export function FrontPageEditor({ page, lead, top, recent, banner, bannerForm, errors, notice, timeZone }: FrontPageEditorProps) {
  const token = page.csrfToken;
  const curatedIds = new Set([...(lead ? [lead.id] : []), ...top.map((story) => story.id)]);
  return (
    <NewsroomLayout page={page} title="Front page" active="frontpage" notice={notice}>
      <ErrorSummary errors={errors} />
      <section aria-labelledby="banner-title">
        <h2 id="banner-title">Breaking-news banner</h2>
        {banner ? (
          <div>
            <p>
              Showing on every reader page until <time dateTime={banner.expiresAt}>{formatDisplayTime(banner.expiresAt, timeZone)}</time>:{' '}
              <strong>{banner.text}</strong>
              {banner.url && <> (links to <a href={banner.url}>{banner.url}</a>)</>}
            </p>
            <form method="post" action="/newsroom/front-page/banner/clear" class="nr-inline-form">
              <CsrfField token={token} />
              <Button variant="danger">Clear banner</Button>
            </form>
          </div>
        ) : (
          <p class="nr-meta">No banner is showing.</p>
        )}
        <ErrorSummary errors={bannerForm.errors} idPrefix="banner-" />
        <form method="post" action="/newsroom/front-page/banner">
          <CsrfField token={token} />
          <TextField id="banner-text" name="text" label="Banner text" value={bannerForm.values.text} error={bannerForm.errors.text} maxLength={200} required />
          <TextField
            id="banner-url"
            name="url"
            label="Banner link"
            hint="A page on this site (/2026/01/05/…/) or a full https:// address; leave empty for no link."
            value={bannerForm.values.url}
            error={bannerForm.errors.url}
            maxLength={2000}
          />
          <SelectField
            id="banner-expiresInMinutes"
            name="expiresInMinutes"
            label="Show for"
            value={bannerForm.values.expiresInMinutes ?? '60'}
            error={bannerForm.errors.expiresInMinutes}
            options={BANNER_DURATIONS.map((d) => ({ value: String(d.minutes), label: d.label }))}
          />
          <Button>Raise banner</Button>
        </form>
      </section>

      <section aria-labelledby="lead-title">
        <h2 id="lead-title">Lead story</h2>
        {lead ? (
          <div>
            <p>
              <StoryTitle story={lead} timeZone={timeZone} />
            </p>
            <ActionForm token={token} action="remove" articleId={lead.id} label="Remove" variant="danger" />
          </div>
        ) : (
          <p class="nr-meta">No lead chosen: the front page leads with the latest story.</p>
        )}
      </section>

      <section aria-labelledby="top-title">
        <h2 id="top-title">Top stories</h2>
        {top.length === 0 ? (
          <p class="nr-meta">No top stories chosen: the front page shows the latest stories.</p>
        ) : (
          <ol class="nr-list">
            {top.map((story, index) => (
              <li key={story.id}>
                <StoryTitle story={story} timeZone={timeZone} />
                <div>
                  {index > 0 && <ActionForm token={token} action="move" articleId={story.id} direction="up" label="Move up" />}{' '}
                  {index < top.length - 1 && <ActionForm token={token} action="move" articleId={story.id} direction="down" label="Move down" />}{' '}
                  <ActionForm token={token} action="remove" articleId={story.id} label="Remove" variant="danger" />
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="recent-title">
        <h2 id="recent-title">Recent published stories</h2>
        {recent.length === 0 ? (
          <p class="nr-meta">Nothing has been published yet.</p>
        ) : (
          <table class="nr-table">
            <thead>
              <tr>
                <th scope="col">Story</th>
                <th scope="col">Put on the front page</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((story) => (
                <tr key={story.id}>
                  <th scope="row">
                    <StoryTitle story={story} timeZone={timeZone} />
                  </th>
                  <td>
                    {curatedIds.has(story.id) ? (
                      <span class="nr-meta">{lead?.id === story.id ? 'Lead story' : 'In the top stories'}</span>
                    ) : (
                      <>
                        <ActionForm token={token} action="lead" articleId={story.id} label="Set as lead" />{' '}
                        <ActionForm token={token} action="top" articleId={story.id} label="Add to top stories" />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </NewsroomLayout>
  );
}
