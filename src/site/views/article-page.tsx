import type { ComponentChildren } from 'preact';
import { SAMPLE_SOURCE, SYNTHETIC_SOURCE, type ArticleSummary, type ArticleView } from '../../content/articles/index.js';
import type { MediaItem } from '../../content/media/index.js';
import { QuoteChips } from './market-strip.js';
import { ResponsiveImage } from './responsive-image.js';
import { StoryList, TimeStamp } from './story-parts.js';

/** A story's page: headline, time, dek, bylines, hero image, body, quote chips, topics, corrections and related stories. */
export function ArticlePage({
  article,
  related,
  hero,
  quoteChips = [],
  timeZone,
  live,
}: {
  article: ArticleView;
  related: ArticleSummary[];
  hero?: MediaItem;
  /** Instruments of the story's ticker tags: a chip each, linking to its quote page. */
  quoteChips?: readonly { symbol: string; name: string }[];
  timeZone: string;
  /** A live story's coverage (badge, key points, updates), shown under the body. */
  live?: ComponentChildren;
}) {
  return (
    <article class="article" aria-labelledby="headline">
      <p class="meta">
        <a class="kicker" href={`/${article.sectionSlug}/`}>{article.sectionName}</a>
      </p>
      <h1 id="headline">{article.title}</h1>
      <p class="meta">
        <TimeStamp iso={article.publishedAt} timeZone={timeZone} />
        {article.updatedAt && (
          <>
            {' · Updated '}
            <TimeStamp iso={article.updatedAt} timeZone={timeZone} />
          </>
        )}
      </p>
      <p class="dek">{article.dek || article.teaser}</p>
      {article.bylines.length > 0 && (
        <p class="byline">
          By{' '}
          {article.bylines.map((byline, index) => (
            <>
              {index > 0 && (index === article.bylines.length - 1 ? ' and ' : ', ')}
              <a href={`/author/${byline.slug}/`}>{byline.name}</a>
            </>
          ))}
        </p>
      )}
      {/* A remote image (an import's reference, not uploaded) has no variants: pages load nothing from other origins. */}
      {hero && hero.variants.length > 0 && (
        <figure class="hero">
          <ResponsiveImage item={hero} sizes="(max-width: 760px) 100vw, 720px" isEager />
          {(hero.caption || hero.credit) && (
            <figcaption>
              {hero.caption}
              {hero.credit && <span class="credit">{hero.caption ? ' ' : ''}{hero.credit}</span>}
            </figcaption>
          )}
        </figure>
      )}
      {article.source === SAMPLE_SOURCE && (
        <p class="sample-note">Sample story: the companies, people and figures in it are fictional, written to demonstrate Fortune Sky.</p>
      )}
      {article.source === SYNTHETIC_SOURCE && <p class="sample-note">Synthetic story: generated text for benchmarking, not news.</p>}
      <div class="body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      {live}
      <QuoteChips instruments={quoteChips} />
      {article.tags.length > 0 && (
        <nav aria-label="Topics">
          <ul class="tags">
            {article.tags.map((tag) => (
              <li key={tag.slug}>
                <a href={`/topic/${tag.slug}/`}>{tag.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {article.corrections.length > 0 && (
        <section class="corrections" aria-labelledby="corrections-title">
          <h2 id="corrections-title">Corrections</h2>
          {article.corrections.map((correction) => (
            <p key={correction.publishedAt}>
              <strong>
                <TimeStamp iso={correction.publishedAt} timeZone={timeZone} />:
              </strong>{' '}
              {correction.text}
            </p>
          ))}
        </section>
      )}
      {related.length > 0 && (
        <section class="related" aria-labelledby="related-title">
          <h2 id="related-title">Related stories</h2>
          <StoryList stories={related} timeZone={timeZone} showTeaser={false} />
        </section>
      )}
    </article>
  );
}

