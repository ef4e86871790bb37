import { formatDisplayTime } from '../../../content/index.js';
import { NewsroomLayout } from '../../ui/newsroom-layout.js';
import type { NewsroomPageContext } from '../../ui/page-context.js';
import type { AuditRecord } from '../audit-log.js';

/** /newsroom/audit/: the newest audit rows, with the acting user's name. */
export function AuditPage({ page, entries, names, timeZone }: { page: NewsroomPageContext; entries: AuditRecord[]; names: Map<number, string>; timeZone: string }) {
  return (
    <NewsroomLayout page={page} title="Audit log" active="users">
      <p>
        The newest {entries.length} entries. <a href="/newsroom/users/">Back to users</a>
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
    </NewsroomLayout>
  );
}
