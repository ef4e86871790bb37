import { articlePath, type ArticleSummary } from '../../content/articles/index.js';

/** The "Most read" block: the stories read most in the last 24 hours, numbered; nothing when there are none yet. */
export function MostReadBlock({ stories }: { stories: ArticleSummary[] }) {
  if (stories.length === 0) return null;
  return (
    <section class="most-read" aria-labelledby="most-read-title">
      <h2 id="most-read-title">Most read</h2>
      <ol class="most-read-list">
        {stories.map((story) => (
          <li key={story.id}>
            <a href={articlePath(story)}>{story.title}</a>
          </li>
        ))}
      </ol>
    </section>
  );
}
