import type { FilingSuggestion } from '../../ingest/filing/index.js';
import type { ItemStatus, ItemSuggestions, StoredItem } from '../../ingest/pipeline/index.js';
import { Button, CsrfField } from '../ui/index.js';

/** Item statuses as the desk names them. */
export const STATUS_LABELS: Record<ItemStatus, string> = {
  incoming: 'Incoming',
  taken: 'Taken',
  spiked: 'Spiked',
  duplicate: 'Duplicate',
  published: 'Published',
};

function percent(confidence: number): string {
  return `${Math.round(confidence * 100)} %`;
}

/** One line of suggestions: "markets 82 %, business 11 %". */
function suggestionList(suggestions: FilingSuggestion[], limit: number): string {
  return suggestions
    .slice(0, limit)
    .map((s) => `${s.value} ${percent(s.confidence)}`)
    .join(', ');
}

/** The item's suggestions in short, as the desk list shows them. */
export function SuggestionSummary({ suggestions }: { suggestions: ItemSuggestions }) {
  const names = [...suggestions.topics, ...suggestions.tickers].sort((a, b) => b.confidence - a.confidence);
  return (
    <dl class="nr-suggestions">
      <dt>Section</dt>
      <dd>{suggestionList(suggestions.sections, 2) || 'No suggestion'}</dd>
      <dt>Topics and tickers</dt>
      <dd>{suggestionList(names, 4) || 'None found'}</dd>
    </dl>
  );
}

/** Every suggestion with its confidence and evidence, as the item's page shows them. */
export function SuggestionTable({ suggestions }: { suggestions: ItemSuggestions }) {
  const all = [...suggestions.sections, ...suggestions.topics, ...suggestions.tickers];
  if (all.length === 0) return <p>No suggestions.</p>;
  return (
    <table class="nr-table">
      <thead>
        <tr>
          <th scope="col">Suggestion</th>
          <th scope="col">Kind</th>
          <th scope="col">Confidence</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {all.map((s, index) => (
          <tr key={index}>
            <td>{s.value}</td>
            <td>{s.kind}</td>
            <td>{percent(s.confidence)}</td>
            <td>{s.evidence}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Take and Spike for an incoming item; a link to its story once it has one. */
export function ItemActions({ item, csrfToken }: { item: StoredItem; csrfToken: string }) {
  if (item.articleId !== null) return <a href={`/newsroom/stories/${item.articleId}/`}>Open its story</a>;
  if (item.status !== 'incoming') return null;
  return (
    <>
      <form method="post" action={`/newsroom/ingest/${item.id}/take/`} class="nr-inline-form">
        <CsrfField token={csrfToken} />
        <Button>
          Take<span class="nr-visually-hidden">{`: ${item.title}`}</span>
        </Button>
      </form>{' '}
      <form method="post" action={`/newsroom/ingest/${item.id}/spike/`} class="nr-inline-form">
        <CsrfField token={csrfToken} />
        <Button variant="secondary">
          Spike<span class="nr-visually-hidden">{`: ${item.title}`}</span>
        </Button>
      </form>
    </>
  );
}
