import { Button, CsrfField, ErrorSummary, TextField, type FormState } from '../../ui/form-fields.js';
import { NewsroomLayout } from '../../ui/newsroom-layout.js';
import type { NewsroomPageContext } from '../../ui/page-context.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../passwords.js';

/** The page a password reset link opens: a new password, typed twice. */
export function ResetPage({ page, token, name, form }: { page: NewsroomPageContext; token: string; name: string; form: FormState }) {
  return (
    <NewsroomLayout page={page} title="Choose a new password">
      <div class="nr-narrow">
        <p>{`Set a new password for ${name}. Every session of the account is signed out; then sign in with the new password. This link works once.`}</p>
        <ErrorSummary errors={form.errors} />
        <form method="post" action="/newsroom/reset/" novalidate>
          <CsrfField token={page.csrfToken} />
          <input type="hidden" name="token" value={token} />
          <TextField
            name="password"
            label="New password"
            type="password"
            autocomplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            error={form.errors.password}
            maxLength={MAX_PASSWORD_LENGTH}
            required
          />
          <TextField name="passwordConfirm" label="New password again" type="password" autocomplete="new-password" error={form.errors.passwordConfirm} maxLength={MAX_PASSWORD_LENGTH} required />
          <Button>Set new password</Button>
        </form>
      </div>
    </NewsroomLayout>
  );
}
