import { textOfUpdate, type LiveCoverage, type LiveUpdate } from '../../content/live/index.js';
import type { MediaItem } from '../../content/media/index.js';
import { LiveQuote } from './market-strip.js';
import { ResponsiveImage } from './responsive-image.js';
import { TimeStamp } from './story-parts.js';

/** An update's facts and its image, as a page or a stream shows it. */
export interface ShownUpdate {
  update: LiveUpdate;
  image?: MediaItem;
}

/** The path of a story's update stream (Server-Sent Events). */
export function liveEventsPath(storyId: number): string {
  return `/live/${storyId}/events`;
}

/** One update: its anchor, time, author, text, image and quote chip. */
export function LiveUpdateEntry({ shown, timeZone }: { shown: ShownUpdate; timeZone: string }) {
  const { update, image } = shown;
  return (
    <li id={`update-${update.id}`} class={update.isPinned ? 'live-update pinned' : 'live-update'}>
      <p class="meta">
        <a href={`#update-${update.id}`}>
          <TimeStamp iso={update.postedAt} timeZone={timeZone} />
        </a>
        {` · ${update.authorName}`}
        {update.isPinned && ' · Key point'}
      </p>
      <div class="live-text" dangerouslySetInnerHTML={{ __html: update.bodyHtml }} />
      {image && image.variants.length > 0 && (
        <figure>
          <ResponsiveImage item={image} sizes="(max-width: 760px) 100vw, 720px" />
          {image.caption && <figcaption>{image.caption}</figcaption>}
        </figure>
      )}
      {update.quoteSymbol && <LiveQuote symbol={update.quoteSymbol} />}
    </li>
  );
}

/**
 * A live story's coverage under its dek: the Live badge (or "Coverage ended"), the key points (pinned
 * updates, linking to their entries), then every update newest first. While live, the list names
 * its stream and the seq it shows, for the live island; a polite status line announces how many
 * updates arrived, not their text.
 */
export function LiveCoverageSection({ coverage, updates, timeZone }: { coverage: LiveCoverage; updates: ShownUpdate[]; timeZone: string }) {
  const isLive = coverage.state === 'live';
  const pinned = updates.filter((shown) => shown.update.isPinned);
  return (
    <section class="live" aria-labelledby="live-title" {...(isLive && { 'data-live': liveEventsPath(coverage.articleId), 'data-seq': String(coverage.lastSeq) })}>
      <h2 id="live-title">
        <span class={isLive ? 'live-badge' : 'live-badge ended'} data-live-badge="">
          {isLive ? 'Live' : 'Coverage ended'}
        </span>{' '}
        Updates
      </h2>
      <p class="visually-hidden" aria-live="polite" data-live-status="" />
      {pinned.length > 0 && (
        <nav class="key-points" aria-label="Key points">
          <h3>Key points</h3>
          <ul>
            {pinned.map(({ update }) => (
              <li key={update.id}>
                <a href={`#update-${update.id}`}>{shortText(update.bodyHtml)}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <ol class="live-updates" reversed data-live-list="">
        {updates.map((shown) => (
          <LiveUpdateEntry key={shown.update.id} shown={shown} timeZone={timeZone} />
        ))}
      </ol>
      {updates.length === 0 && <p class="meta">No updates yet.</p>}
    </section>
  );
}

// A key point's link text: the update's words, cut at a sentence-ish length.
function shortText(html: string): string {
  const text = textOfUpdate(html);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}
