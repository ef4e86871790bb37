import { articlePath, checkBodyLimits, formatDisplayTime, type ArticleStatus, type Correction } from '../../content/articles/index.js';
import { describeStatus } from '../../content/stories/index.js';
import type { Section } from '../../content/taxonomy/index.js';
import { collapseWhitespace, htmlToText } from '../../content/text/index.js';
import { can, type NewsroomUser, type StoryAccess } from '../accounts/permissions.js';
import { Button, CheckboxField, CsrfField, ErrorSummary, SelectField, TextAreaField, TextField, type FormState } from '../ui/form-fields.js';
import { libraryImageOptions } from '../ui/library-images.js';
import { NewsroomLayout } from '../ui/newsroom-layout.js';
import type { NewsroomPageContext } from '../ui/page-context.js';
import type { StoryProvenance } from '../../ingest/pipeline/index.js';
import { ProvenancePanel } from '../ingest/provenance-panel.js';
import type { EditorAssets } from './editor-assets.js';
import { EditorPreviews } from './editor-previews.js';
import { describeLength, LENGTH_LIMITS } from './editor-text.js';
import type { SaveConflict } from './save-conflict.js';

/** The story being edited, as the editor page shows it; undefined for a new story. */
export interface EditedStory {
  id: number;
  status: ArticleStatus;
  revision: number;
  access: StoryAccess;
  slug: string;
  urlDate: string | null;
  scheduledFor: string | null;
  modifiedAt: string;
  wordCount: number;
  corrections: Correction[];
}

/** Everything the editor page shows. */
export interface EditorPageProps {
  page: NewsroomPageContext & { user: NewsroomUser };
  story?: EditedStory;
  form: FormState;
  sections: Section[];
  timeZone: string;
  siteUrl: string;
  notice?: string;
  assets: EditorAssets;
  /** Images from the media library to choose the hero image from. */
  heroImages: { id: number; alt: string; url: string }[];
  /** The correction form's text, kept when it was refused. */
  correction?: { value: string; error?: string };
  /** Where a story taken in by ingest came from; undefined for the newsroom's own. */
  provenance?: StoryProvenance;
  /** A save refused because someone else saved meanwhile: who and when. */
  conflict?: SaveConflict;
}

/**
 * The story editor: headline, dek, body and teaser centre stage with live length advice and
 * previews; the story's settings in a side panel (folded away on a phone); a sticky bar with one
 * button per workflow step the user may take. Every part is a plain form first; the island enhances.
 */
export function EditorPage({ page, story, form, sections, timeZone, siteUrl, notice, assets, heroImages, correction, provenance, conflict }: EditorPageProps) {
  const { user } = page;
  const values = form.values;
  const access = story?.access;
  const status = story?.status ?? 'draft';
  const mayPublish = can(user, 'story.publish', access);
  const maySubmit = can(user, 'story.submit', access);
  const mayEdit = !story || can(user, 'story.edit', access);
  const isLive = status === 'published';
  const action = story ? `/newsroom/stories/${story.id}/edit` : '/newsroom/stories/';
  const title = story ? `Edit story` : 'New story';
  const bodyText = bodyTextOf(values.body ?? '');
  const counts = countWords(bodyText);
  const hero = heroImages.find((image) => String(image.id) === values.hero_media_id);
  return (
    <NewsroomLayout page={page} title={title} active="stories" notice={notice} scripts={assets.scripts} stylesheets={assets.stylesheets}>
      {story && (
        <p class="nr-meta">
          Status: <strong>{statusLabel(status)}</strong>
          {status === 'scheduled' && story.scheduledFor && <> for {formatDisplayTime(story.scheduledFor, timeZone)}</>}
          {' · '}revision {story.revision}, saved {formatDisplayTime(story.modifiedAt, timeZone)}
          {' · '}
          <a href={`/newsroom/stories/${story.id}/preview`}>Preview</a>
          {' · '}<a href={`/newsroom/stories/${story.id}/preview-links/`}>Share a preview link</a>
          {' · '}
          <a href={`/newsroom/stories/${story.id}/revisions/`}>Revisions</a>
          {isLive && story.urlDate && (
            <>
              {' · '}
              <a href={siteUrl + articlePath({ urlDate: story.urlDate, slug: story.slug })}>View on the site</a>
            </>
          )}
        </p>
      )}
      {conflict && <ConflictNotice conflict={conflict} />}
      <ErrorSummary errors={form.errors} />
      {provenance && <ProvenancePanel provenance={provenance} timeZone={timeZone} />}
      <form method="post" action={action} class="nr-form story-editor" data-story-id={story ? String(story.id) : undefined} data-status={status}>
        <CsrfField token={page.csrfToken} />
        <input type="hidden" name="revision" value={String(story?.revision ?? 0)} />
        <div class="ed-layout">
          <div class="ed-main">
            <TextField name="title" label="Title" value={values.title} error={form.errors.title} required maxLength={300} />
            <LengthAdvice field="title" text={values.title ?? ''} />
            <TextAreaField name="dek" label="Dek" value={values.dek} error={form.errors.dek} rows={2} hint="The line under the headline." />
            <TextAreaField
              name="body"
              label="Body"
              value={values.body}
              error={form.errors.body}
              rows={18}
              hint="HTML: paragraphs, headings, bold, italic, links, lists, block quotes and images. Anything else is removed when you save."
            />
            <p class="nr-meta" id="body-count">
              {counts.words} words · {counts.characters} characters
            </p>
            <TextAreaField
              name="excerpt"
              label="Teaser"
              value={values.excerpt}
              error={form.errors.excerpt}
              rows={2}
              hint="Shown in listings, feeds, search results and link cards. Leave empty to use the dek or the opening of the body."
            />
            <LengthAdvice field="excerpt" text={values.excerpt ?? ''} />
            <EditorPreviews
              siteUrl={siteUrl}
              title={values.title ?? ''}
              dek={values.dek ?? ''}
              excerpt={values.excerpt ?? ''}
              bodyText={bodyText}
              sectionName={sections.find((section) => section.slug === values.section)?.name ?? ''}
              slug={values.slug ?? ''}
              imageUrl={hero?.url}
              heroUrls={Object.fromEntries(heroImages.map((image) => [String(image.id), image.url]))}
            />
          </div>
          <aside class="ed-panel" aria-label="Story settings">
            <details class="ed-panel-details" open>
              <summary>Story settings</summary>
              <SelectField
                name="section"
                label="Section"
                value={values.section}
                error={form.errors.section}
                options={sections.map((section) => ({ value: section.slug, label: section.name }))}
              />
              <TextField name="bylines" label="Bylines" value={values.bylines} error={form.errors.bylines} hint="Names, separated by commas." />
              <TextField name="topics" label="Topics" value={values.topics} error={form.errors.topics} hint="Topics, separated by commas." />
              <TextField name="tickers" label="Tickers" value={values.tickers} error={form.errors.tickers} hint="Symbols of the companies and markets the story is about, like AAPL, separated by commas." />
              <SelectField
                name="hero_media_id"
                label="Hero image"
                value={values.hero_media_id ?? ''}
                error={form.errors.hero_media_id}
                hint="Shown under the byline, in feeds and link previews. Upload images under Media."
                options={libraryImageOptions(heroImages)}
              />
              <TextField
                name="slug"
                label="Slug"
                value={values.slug}
                error={form.errors.slug}
                hint={story?.urlDate ? 'Part of the story’s address; changing it keeps the old address working.' : 'Part of the story’s address. Leave empty to make it from the headline.'}
              />
              <TextField
                name="canonical_url"
                label="Canonical URL"
                type="url"
                value={values.canonical_url}
                error={form.errors.canonical_url}
                hint="Only when the story was first published elsewhere."
              />
              {isLive && <CheckboxField name="material" label="Material update: show readers an “Updated” time" checked={values.material === 'on'} />}
              {story && !isLive && mayPublish && (
                <TextField
                  name="publish_at"
                  label="Publish at"
                  type="datetime-local"
                  value={values.publish_at}
                  error={form.errors.publish_at}
                  hint={`Date and time in ${timeZone}, to the minute. Used by “Schedule”.`}
                />
              )}
            </details>
          </aside>
        </div>
        <div class="ed-actions" role="group" aria-label="Story actions">
          {(!story || (!isLive && mayEdit)) && <Button name="action" value="save">Save draft</Button>}
          {story && (status === 'draft' || status === 'unpublished') && maySubmit && (
            <Button name="action" value="submit" variant="secondary">Submit for review</Button>
          )}
          {story && !isLive && mayPublish && <Button name="action" value="schedule" variant="secondary">Schedule</Button>}
          {story && status === 'scheduled' && mayPublish && <Button name="action" value="unschedule" variant="secondary">Cancel schedule</Button>}
          {!isLive && mayPublish && <Button name="action" value="publish" variant={story ? 'primary' : 'secondary'}>Publish</Button>}
          {story && isLive && mayPublish && <Button name="action" value="update">Update</Button>}
          {story && isLive && mayPublish && <Button name="action" value="unpublish" variant="danger">Unpublish</Button>}
          <p class="nr-meta ed-save-status" id="autosave-status" aria-live="polite"></p>
        </div>
      </form>
      {story && isLive && can(user, 'story.correct', access) && (
        <section aria-labelledby="correction-title">
          <h2 id="correction-title">Corrections</h2>
          {story.corrections.length > 0 && (
            <ul class="nr-list">
              {story.corrections.map((c) => (
                <li key={c.publishedAt}>
                  {formatDisplayTime(c.publishedAt, timeZone)}: {c.text}
                </li>
              ))}
            </ul>
          )}
          <form method="post" action={`/newsroom/stories/${story.id}/corrections`} class="nr-form">
            <CsrfField token={page.csrfToken} />
            <input type="hidden" name="revision" value={String(story.revision)} />
            <TextAreaField
              name="correction"
              id="field-correction"
              label="Correction"
              value={correction?.value}
              error={correction?.error}
              rows={3}
              hint="Shown to readers under the story, dated now."
            />
            <Button>Add correction</Button>
          </form>
        </section>
      )}
    </NewsroomLayout>
  );
}

/** The length advice under a headline or teaser; the island keeps it current and ties it to its field. */
function LengthAdvice({ field, text }: { field: keyof typeof LENGTH_LIMITS; text: string }) {
  const advice = describeLength(text, LENGTH_LIMITS[field]);
  return (
    <p class={advice.isOver ? 'nr-meta ed-count ed-count-over' : 'nr-meta ed-count'} id={`field-${field}-count`} data-count-for={field}>
      {advice.text}
    </p>
  );
}

/** A refused stale save: who saved, when, and where to see what changed; the form below keeps the person's text. */
function ConflictNotice({ conflict }: { conflict: SaveConflict }) {
  return (
    <div class="nr-error-summary ed-conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">Someone else saved this story</h2>
      <p>{conflict.message}</p>
      <p>
        <a href={conflict.revisionsPath}>See the revisions and what changed</a>
      </p>
    </div>
  );
}

/** "in review", "scheduled"… as the editor shows a status. */
export function statusLabel(status: ArticleStatus): string {
  return status === 'draft' ? 'draft' : describeStatus(status);
}

/** Words and characters of a body (what the live counter shows). */
export function countText(html: string): { words: number; characters: number } {
  return countWords(bodyTextOf(html));
}

/** A body's text, as the counter and the previews read it. */
export function bodyTextOf(html: string): string {
  // The posted body may be anything (this also runs when the form comes back with errors). Its
  // text comes from the HTML parser, in linear time; a body too complex to parse in time is read
  // from its raw text.
  // Text without markup or entities (a body typed without JavaScript) needs no parser at all.
  if (!/[<&]/.test(html)) return collapseWhitespace(html);
  return checkBodyLimits(html) ? collapseWhitespace(html.replace(/<[^<>]*>/g, ' ')) : htmlToText(html);
}

function countWords(text: string): { words: number; characters: number } {
  return { words: text ? text.split(' ').length : 0, characters: text.length };
}
