import { Button, CsrfField, ErrorSummary, TextField, type FormState } from '../../ui/form-fields.js';
import { NewsroomLayout } from '../../ui/newsroom-layout.js';
import type { NewsroomPageContext } from '../../ui/page-context.js';
import { MIN_PASSWORD_LENGTH } from '../passwords.js';

/** The one-time setup form that creates the owner (an admin). */
export function SetupPage({ page, token, form }: { page: NewsroomPageContext; token: string; form: FormState }) {
  return (
    <NewsroomLayout page={page} title="Create the owner account">
      <div class="nr-narrow">
        <p>This newsroom has no accounts yet. The account you create here is its owner, with the admin role. This link works once.</p>
        <ErrorSummary errors={form.errors} />
        <form method="post" action="/newsroom/setup/" novalidate>
          <CsrfField token={page.csrfToken} />
          <input type="hidden" name="token" value={token} />
          <TextField name="name" label="Your name" autocomplete="name" value={form.values.name} error={form.errors.name} hint="Shown on your bylines." required />
          <TextField name="email" label="Email address" type="email" autocomplete="username" value={form.values.email} error={form.errors.email} required />
          <TextField
            name="password"
            label="Password"
            type="password"
            autocomplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            error={form.errors.password}
            required
          />
          <TextField name="passwordConfirm" label="Password again" type="password" autocomplete="new-password" error={form.errors.passwordConfirm} required />
          <Button>Create owner account</Button>
        </form>
      </div>
    </NewsroomLayout>
  );
}
