import { formatDisplayTime } from '../../../content/articles/index.js';
import { Button, CsrfField } from '../../ui/form-fields.js';
import { NewsroomLayout } from '../../ui/newsroom-layout.js';
import type { NewsroomPageContext } from '../../ui/page-context.js';
import type { UserAccount } from '../user-store.js';

/** Props of an admin's page for one account. */
export interface UserPageProps {
  page: NewsroomPageContext;
  user: UserAccount;
  /** A reset link just issued: shown on this answer only, never stored or sent again. */
  resetLink?: string;
  notice?: string;
  timeZone: string;
}

/** /newsroom/users/{id}/ for admins: the account, a one-time password reset link, and "sign out everywhere". */
export function UserPage({ page, user, resetLink, notice, timeZone }: UserPageProps) {
  return (
    <NewsroomLayout page={page} title={user.name} active="users" notice={notice}>
      <p>
        <a href="/newsroom/users/">All users</a>
      </p>
      <dl class="nr-facts">
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>{user.role}</dd>
        <dt>State</dt>
        <dd>
          {user.disabledAt ? (
            <>
              Disabled <time dateTime={user.disabledAt}>{formatDisplayTime(user.disabledAt, timeZone)}</time>
            </>
          ) : (
            'Active'
          )}
        </dd>
      </dl>
      <section aria-labelledby="reset" class="nr-narrow">
        <h2 id="reset">Password reset link</h2>
        {resetLink ? (
          <div class="nr-notice" role="status">
            <p>{`Give this link to ${user.name} in person or by phone. It is shown only now, works once, for 24 hours, and sets a new password:`}</p>
            <p>
              <code class="nr-secret">{resetLink}</code>
            </p>
          </div>
        ) : (
          <p>For someone who forgot their password: a link that lets them choose a new one, once, within 24 hours. A new link replaces any earlier one.</p>
        )}
        <form method="post" action={`/newsroom/users/${user.id}/reset-link/`}>
          <CsrfField token={page.csrfToken} />
          <Button variant="secondary">{resetLink ? 'Issue another link' : 'Issue a reset link'}</Button>
        </form>
      </section>
      <section aria-labelledby="sessions" class="nr-narrow">
        <h2 id="sessions">Sessions</h2>
        <p>{`Ends every session of ${user.name} on every device, for a lost laptop or a shared computer.`}</p>
        <form method="post" action={`/newsroom/users/${user.id}/sign-out/`}>
          <CsrfField token={page.csrfToken} />
          <Button variant="danger">{`Sign ${user.name} out everywhere`}</Button>
        </form>
      </section>
    </NewsroomLayout>
  );
}
