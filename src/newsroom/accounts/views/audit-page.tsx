import { formatDisplayTime } from '../../../content/articles/index.js';
import { NewsroomLayout } from '../../ui/newsroom-layout.js';
import type { NewsroomPageContext } from '../../ui/page-context.js';
import type { AuditKind, AuditRecord } from '../audit-log.js';

/** The audit page's address for a listing (and a page of it). */
export function auditPath(kind: AuditKind, before?: number): string {
  const query = [...(kind === 'sign_in_failure' ? ['show=sign-in-failures'] : []), ...(before !== undefined ? [`before=${before}`] : [])];
  return `/newsroom/audit/${query.length > 0 ? `?${query.join('&')}` : ''}`;
}

const LISTINGS: { kind: AuditKind; label: string }[] = [
  { kind: 'event', label: 'Editorial and account events' },
  { kind: 'sign_in_failure', label: 'Failed sign-ins' },
];

/** /newsroom/audit/: one listing of audit rows, newest first, a page at a time, with the acting user's name. */
export function AuditPage({
  page,
  kind,
  entries,
  isFirstPage,
  olderBefore,
  names,
  timeZone,
}: {
  page: NewsroomPageContext;
  kind: AuditKind;
  entries: AuditRecord[];
  isFirstPage: boolean;
  olderBefore: number | null;
  names: Map<number, string>;
  timeZone: string;
}) {
  return (
    <NewsroomLayout page={page} title="Audit log" active="users">
      <nav aria-label="Audit listings">
        <ul class="nr-filters">
          {LISTINGS.map((listing) => (
            <li key={listing.kind}>
              <a href={auditPath(listing.kind)} aria-current={listing.kind === kind ? 'page' : undefined}>
                {listing.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p>
        {isFirstPage ? `The newest ${entries.length} entries.` : `${entries.length} older entries.`} <a href="/newsroom/users/">Back to users</a>
      </p>
      <table class="nr-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Subject</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>
                <time dateTime={entry.createdAt}>{formatDisplayTime(entry.createdAt, timeZone)}</time>
              </td>
              <td>{entry.actorUserId === null ? '—' : names.get(entry.actorUserId) ?? `user ${entry.actorUserId}`}</td>
              <td>{entry.action}</td>
              <td>{entry.subject}</td>
              <td class="nr-meta">
                {Object.entries(entry.detail)
                  .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
                  .join(' · ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {isFirstPage ? null : <a href={auditPath(kind)}>Newest entries</a>}{' '}
        {olderBefore === null ? null : <a href={auditPath(kind, olderBefore)}>Older entries</a>}
      </p>
    </NewsroomLayout>
  );
}
