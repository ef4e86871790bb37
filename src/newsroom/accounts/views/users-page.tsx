import { formatDisplayTime } from '../../../content/articles/index.js';
import { Button, CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../ui/form-fields.js';
import { NewsroomLayout } from '../../ui/newsroom-layout.js';
import type { NewsroomPageContext } from '../../ui/page-context.js';
import { MIN_PASSWORD_LENGTH } from '../passwords.js';
import { ROLES } from '../permissions.js';
import type { UserAccount } from '../user-store.js';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: role[0]!.toUpperCase() + role.slice(1) }));

/** Props of the users page. */
export interface UsersPageProps {
  page: NewsroomPageContext;
  users: UserAccount[];
  /** The "Add a user" form (values kept and errors shown on a 400). */
  form: FormState;
  /** An error on one user's row (role change refused). */
  rowError?: { userId: number; message: string };
  notice?: string;
  timeZone: string;
}

/** /newsroom/users/: every account with its role and state, a role change and disable/enable per row, and the form that adds one. */
export function UsersPage({ page, users, form, rowError, notice, timeZone }: UsersPageProps) {
  const me = page.user!;
  return (
    <NewsroomLayout page={page} title="Users" active="users" notice={notice}>
      <p>
        <a href="/newsroom/audit/">Audit log</a>: who signed in, and who changed which account or story.
      </p>
      <section aria-labelledby="users-list">
        <h2 id="users-list">Accounts</h2>
        <table class="nr-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const isMe = user.id === me.id;
              const error = rowError?.userId === user.id ? rowError.message : undefined;
              return (
                <tr key={user.id}>
                  <td>
                    <a href={`/newsroom/users/${user.id}/`}>{user.name}</a>
                  </td>
                  <td>{user.email}</td>
                  <td>{user.role}</td>
                  <td>
                    {user.disabledAt ? (
                      <>
                        Disabled <time dateTime={user.disabledAt}>{formatDisplayTime(user.disabledAt, timeZone)}</time>
                      </>
                    ) : (
                      'Active'
                    )}
                  </td>
                  <td>
                    {isMe ? (
                      <span class="nr-meta">This is you</span>
                    ) : (
                      <>
                        <form method="post" action={`/newsroom/users/${user.id}/role/`} class="nr-inline-form">
                          <CsrfField token={page.csrfToken} />
                          <SelectField
                            id={`role-${user.id}`}
                            name="role"
                            label={`Role of ${user.name}`}
                            value={user.role}
                            options={ROLE_OPTIONS}
                            error={error}
                          />
                          <Button variant="secondary">Change role</Button>
                        </form>{' '}
                        <form method="post" action={`/newsroom/users/${user.id}/${user.disabledAt ? 'enable' : 'disable'}/`} class="nr-inline-form">
                          <CsrfField token={page.csrfToken} />
                          <Button variant={user.disabledAt ? 'secondary' : 'danger'}>
                            {user.disabledAt ? `Enable ${user.name}` : `Disable ${user.name}`}
                          </Button>
                        </form>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="add-user" class="nr-narrow">
        <h2 id="add-user">Add a user</h2>
        <p>Set a first password and give it to the person in person or by phone; they sign in with it at /newsroom/sign-in/.</p>
        <ErrorSummary errors={form.errors} />
        <form method="post" action="/newsroom/users/" novalidate>
          <CsrfField token={page.csrfToken} />
          <TextField name="name" label="Name" value={form.values.name} error={form.errors.name} hint="Shown on their bylines." required />
          <TextField name="email" label="Email address" type="email" autocomplete="off" value={form.values.email} error={form.errors.email} required />
          <SelectField name="role" label="Role" value={form.values.role ?? 'contributor'} options={ROLE_OPTIONS} error={form.errors.role} required />
          <TextField
            name="password"
            label="First password"
            type="password"
            autocomplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            error={form.errors.password}
            required
          />
          <Button>Add user</Button>
        </form>
      </section>
    </NewsroomLayout>
  );
}
