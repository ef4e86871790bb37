import { formatDisplayTime } from '../../content/articles/index.js';
import type { StoryProvenance } from '../../ingest/pipeline/index.js';
import { SuggestionSummary } from './desk-parts.js';

/** Where a story taken in by ingest came from: its source and original link, what filing suggested, and the other sources that told it. */
export function ProvenancePanel({ provenance, timeZone }: { provenance: StoryProvenance; timeZone: string }) {
  return (
    <section aria-labelledby="provenance-title" class="nr-provenance">
      <h2 id="provenance-title">Where this story came from</h2>
      <p>
        {provenance.sourceName}, received <time dateTime={provenance.receivedAt}>{formatDisplayTime(provenance.receivedAt, timeZone)}</time>
        {provenance.originalUrl && (
          <>
            {' · '}original: <a href={provenance.originalUrl}>{provenance.originalUrl}</a>
          </>
        )}
      </p>
      <p class="nr-hint">Suggested when it came in (confident topics and tickers are applied below; change them as you see fit):</p>
      <SuggestionSummary suggestions={provenance.suggestions} />
      {provenance.alternates.length > 0 && (
        <>
          <h3>Also reported by</h3>
          <ul class="nr-duplicates">
            {provenance.alternates.map((alternate, index) => (
              <li key={index}>
                {alternate.sourceName}: {alternate.originalUrl ? <a href={alternate.originalUrl}>{alternate.title}</a> : alternate.title}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
