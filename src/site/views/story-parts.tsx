import { articlePath, formatDisplayTime, formatIsoWithOffset, type ArticleSummary } from '../../content/articles/index.js';

/** A time as readers see it ("2023-05-26 03:46") with the full instant and offset for machines. */
export function TimeStamp({ iso, timeZone }: { iso: string; timeZone: string }) {
  return <time dateTime={formatIsoWithOffset(iso, timeZone)}>{formatDisplayTime(iso, timeZone)}</time>;
}

/** A story's meta line: its section as a kicker (when asked) and its time. */
function StoryMeta({ story, timeZone, showSection }: { story: ArticleSummary; timeZone: string; showSection: boolean }) {
  return (
    <p class="meta">
      {showSection && (
        <>
          <a class="kicker" href={`/${story.sectionSlug}/`}>{story.sectionName}</a>{' '}
        </>
      )}
      <TimeStamp iso={story.publishedAt} timeZone={timeZone} />
    </p>
  );
}

/** The lead story: its section, time, a large headline and its teaser. */
export function LeadStory({ story, timeZone, showSection = true }: { story: ArticleSummary; timeZone: string; showSection?: boolean }) {
  return (
    <article class="lead" aria-labelledby="lead-title">
      <StoryMeta story={story} timeZone={timeZone} showSection={showSection} />
      <h2 id="lead-title">
        <a href={articlePath(story)}>{story.title}</a>
      </h2>
      <p class="teaser">{story.teaser}</p>
    </article>
  );
}

/** A list of stories with title, time and teaser. */
export function StoryList({
  stories,
  timeZone,
  headingLevel = 3,
  showSection = false,
  showTeaser = true,
}: {
  stories: ArticleSummary[];
  timeZone: string;
  headingLevel?: 2 | 3;
  showSection?: boolean;
  showTeaser?: boolean;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="story-list">
      {stories.map((story) => (
        <li key={story.id}>
          <StoryMeta story={story} timeZone={timeZone} showSection={showSection} />
          <Heading>
            <a href={articlePath(story)}>{story.title}</a>
          </Heading>
          {showTeaser && <p class="teaser">{story.teaser}</p>}
        </li>
      ))}
    </ul>
  );
}

/** Newer/older page links for a listing. */
export function Pager({ basePath, page, hasOlder }: { basePath: string; page: number; hasOlder: boolean }) {
  if (page === 1 && !hasOlder) return null;
  const href = (n: number) => (n === 1 ? basePath : `${basePath}?page=${n}`);
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? <a href={href(page - 1)} rel="prev">← Newer stories</a> : <span />}
      {hasOlder ? <a href={href(page + 1)} rel="next">Older stories →</a> : <span />}
    </nav>
  );
}
