import { formatDisplayTime } from '../../content/articles/index.js';
import type { RevisionEntry, TextChange } from '../../content/stories/index.js';
import { Button, CsrfField } from '../ui/form-fields.js';
import { NewsroomLayout } from '../ui/newsroom-layout.js';
import type { NewsroomPageContext } from '../ui/page-context.js';

/** /newsroom/stories/{id}/revisions/: who saved what, when, and why. */
export function RevisionsPage({
  page,
  storyId,
  title,
  currentRevision,
  revisions,
  timeZone,
}: {
  page: NewsroomPageContext;
  storyId: number;
  title: string;
  currentRevision: number;
  revisions: RevisionEntry[];
  timeZone: string;
}) {
  return (
    <NewsroomLayout page={page} title={`Revisions of “${title}”`} active="stories">
      <p>
        <a href={`/newsroom/stories/${storyId}/edit`}>Back to the editor</a>
      </p>
      <table class="nr-table">
        <caption>Every saved version, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Revision</th>
            <th scope="col">Saved</th>
            <th scope="col">By</th>
            <th scope="col">Note</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => (
            <tr key={r.revision}>
              <td>
                {r.revision}
                {r.revision === currentRevision && ' (current)'}
              </td>
              <td>{formatDisplayTime(r.createdAt, timeZone)}</td>
              <td>{r.createdBy}</td>
              <td>{r.note}</td>
              <td>
                {r.revision > 1 && <a href={`/newsroom/stories/${storyId}/revisions/${r.revision}/?against=previous`}>Compare with revision {r.revision - 1}</a>}
                {r.revision !== currentRevision && (
                  <>
                    {r.revision > 1 && ' · '}
                    <a href={`/newsroom/stories/${storyId}/revisions/${r.revision}/`}>Compare with current</a>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </NewsroomLayout>
  );
}

/** Two versions of a text compared: a word diff as <ins>/<del> runs, or both texts when too large to compare. */
export interface TextComparison {
  before: string;
  after: string;
  /** Undefined when the versions were too long or too different to compare word by word. */
  changes: TextChange[] | undefined;
}

/** A word diff as <ins>/<del> runs; both versions in full when there is none. */
function Diff({ comparison }: { comparison: TextComparison }) {
  const { changes, before, after } = comparison;
  if (!changes) {
    return (
      <div class="nr-diff">
        <p>Too large to compare word by word: both versions are shown in full.</p>
        <h3>Before</h3>
        <div>
          <del>{before}</del>
        </div>
        <h3>After</h3>
        <div>
          <ins>{after}</ins>
        </div>
      </div>
    );
  }
  return (
    <div class="nr-diff">
      {changes.map((change, index) =>
        change.kind === 'added' ? <ins key={index}>{change.text}</ins> : change.kind === 'removed' ? <del key={index}>{change.text}</del> : <span key={index}>{change.text}</span>,
      )}
    </div>
  );
}

/** One revision compared with another: title and body, word by word, and "Restore this revision". */
export function RevisionDiffPage({
  page,
  storyId,
  revision,
  against,
  titleDiff,
  bodyDiff,
  currentRevision,
  canRestore,
  timeZone,
}: {
  page: NewsroomPageContext;
  storyId: number;
  revision: RevisionEntry;
  against: RevisionEntry;
  titleDiff: TextComparison;
  bodyDiff: TextComparison;
  currentRevision: number;
  canRestore: boolean;
  timeZone: string;
}) {
  const isNewer = revision.revision > against.revision;
  const [from, to] = isNewer ? [against, revision] : [revision, against];
  return (
    <NewsroomLayout page={page} title={`Revision ${revision.revision}`} active="stories">
      <p>
        <a href={`/newsroom/stories/${storyId}/revisions/`}>All revisions</a> · <a href={`/newsroom/stories/${storyId}/edit`}>Back to the editor</a>
      </p>
      <p>
        Saved {formatDisplayTime(revision.createdAt, timeZone)} by {revision.createdBy}: {revision.note}.
      </p>
      <p>
        Changes from revision {from.revision} to revision {to.revision}
        {to.revision === currentRevision && ' (current)'}: added words are <ins>marked like this</ins>, removed ones <del>like this</del>.
      </p>
      <h2>Title</h2>
      <Diff comparison={titleDiff} />
      <h2>Body</h2>
      <Diff comparison={bodyDiff} />
      {canRestore && revision.revision !== currentRevision && (
        <form method="post" action={`/newsroom/stories/${storyId}/revisions/${revision.revision}/restore`}>
          <CsrfField token={page.csrfToken} />
          <input type="hidden" name="revision" value={String(currentRevision)} />
          <Button>Restore this revision</Button>
        </form>
      )}
    </NewsroomLayout>
  );
}
