import { formatDisplayTime } from '../../content/articles/index.js';
import { formatInterval, isPolled, type IngestSource, type SourceFetch } from '../../ingest/pipeline/index.js';
import { Button, CsrfField, NewsroomLayout, type FormState, type NewsroomPageContext } from '../ui/index.js';
import { SourceFields } from './source-fields.js';

/** Props of the sources page. */
export interface SourcesPageProps {
  page: NewsroomPageContext;
  sources: IngestSource[];
  sections: readonly { slug: string; name: string }[];
  form: FormState;
  notice?: string;
  timeZone: string;
}

function When({ time, timeZone }: { time: string | null; timeZone: string }) {
  return time ? <time dateTime={time}>{formatDisplayTime(time, timeZone)}</time> : <>Never</>;
}

/** /newsroom/sources/: every source with its state, last success, last error and items taken, and the form that adds one. */
export function SourcesPage({ page, sources, sections, form, notice, timeZone }: SourcesPageProps) {
  return (
    <NewsroomLayout page={page} title="Sources" active="sources" notice={notice}>
      <p>
        Feeds and wires the newsroom takes copy from. New items land on the <a href="/newsroom/ingest/">ingest desk</a>, filed with suggested sections, topics and tickers, or
        are published at once when the source says so. Copies of a story already in are grouped under it.
      </p>
      <section aria-labelledby="sources-list">
        <h2 id="sources-list">Sources</h2>
        {sources.length === 0 ? (
          <p>No sources yet.</p>
        ) : (
          <table class="nr-table">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">State</th>
                <th scope="col">Last success</th>
                <th scope="col">Last error</th>
                <th scope="col">Items taken</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((source) => (
                <tr key={source.id}>
                  <td>
                    <a href={`/newsroom/sources/${source.id}/`}>{source.name}</a>
                    <br />
                    <span class="nr-meta">{source.url}</span>
                  </td>
                  <td>
                    {source.isEnabled ? `Enabled, every ${formatInterval(source.pollSeconds)}` : 'Disabled'}
                    <br />
                    <span class="nr-meta">{source.policy === 'publish' ? 'Publishes at once' : 'To the desk'}</span>
                  </td>
                  <td>
                    <When time={source.lastSuccessAt} timeZone={timeZone} />
                  </td>
                  <td>
                    {source.lastErrorAt ? (
                      <>
                        <When time={source.lastErrorAt} timeZone={timeZone} />: {source.lastError}
                      </>
                    ) : (
                      'None'
                    )}
                  </td>
                  <td>{source.itemsTaken}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="add-source" class="nr-narrow">
        <h2 id="add-source">Add a source</h2>
        <form method="post" action="/newsroom/sources/" novalidate>
          <CsrfField token={page.csrfToken} />
          <SourceFields form={form} sections={sections} />
          <Button>Add source</Button>
        </form>
      </section>
    </NewsroomLayout>
  );
}

/** Props of one source's page. */
export interface SourcePageProps {
  page: NewsroomPageContext;
  source: IngestSource;
  fetches: SourceFetch[];
  sections: readonly { slug: string; name: string }[];
  form: FormState;
  notice?: string;
  timeZone: string;
}

/** /newsroom/sources/:id/: a source's latest fetches, its settings, and deletion. */
export function SourcePage({ page, source, fetches, sections, form, notice, timeZone }: SourcePageProps) {
  return (
    <NewsroomLayout page={page} title={`Source: ${source.name}`} active="sources" notice={notice}>
      <p>
        <a href="/newsroom/sources/">All sources</a> · <a href={`/newsroom/ingest/?source=${source.id}`}>Its items on the desk</a> · {source.itemsTaken} items taken
      </p>
      {isPolled(source) && (
        <form method="post" action={`/newsroom/sources/${source.id}/poll/`} class="nr-inline-form">
          <CsrfField token={page.csrfToken} />
          <p>
            Next poll: <When time={source.nextPollAt} timeZone={timeZone} /> <Button>Poll now</Button>
          </p>
        </form>
      )}
      <section aria-labelledby="fetches">
        <h2 id="fetches">Latest fetches</h2>
        {fetches.length === 0 ? (
          <p>No fetches yet.</p>
        ) : (
          <table class="nr-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Outcome</th>
                <th scope="col">New, updated, duplicates</th>
              </tr>
            </thead>
            <tbody>
              {fetches.map((fetch, index) => (
                <tr key={index}>
                  <td>
                    <When time={fetch.fetchedAt} timeZone={timeZone} />
                  </td>
                  <td>
                    {fetch.outcome}
                    {fetch.httpStatus !== null && ` (${fetch.httpStatus})`}
                    {fetch.error && `: ${fetch.error}`}
                  </td>
                  <td>{`${fetch.itemsNew}, ${fetch.itemsUpdated}, ${fetch.itemsDuplicate}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="settings" class="nr-narrow">
        <h2 id="settings">Settings</h2>
        <form method="post" action={`/newsroom/sources/${source.id}/`} novalidate>
          <CsrfField token={page.csrfToken} />
          <SourceFields form={form} sections={sections} />
          <Button>Save source</Button>
        </form>
      </section>
      <section aria-labelledby="removal" class="nr-narrow">
        <h2 id="removal">Removal</h2>
        <p>Deleting a source deletes its items on the desk and its fetch log; stories made from its items stay.</p>
        <form method="post" action={`/newsroom/sources/${source.id}/delete/`} class="nr-inline-form">
          <CsrfField token={page.csrfToken} />
          <Button variant="danger">Delete this source</Button>
        </form>
      </section>
    </NewsroomLayout>
  );
}
