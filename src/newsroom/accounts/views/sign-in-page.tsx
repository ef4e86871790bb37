import { Button, CsrfField, ErrorSummary, TextField, type FormState } from '../../ui/form-fields.js';
import { NewsroomLayout } from '../../ui/newsroom-layout.js';
import type { NewsroomPageContext } from '../../ui/page-context.js';

/** The sign-in form; `problem` is a message for the whole form (wrong password, too many attempts). */
export function SignInPage({ page, form, next, problem, notice }: { page: NewsroomPageContext; form: FormState; next: string; problem?: string; notice?: string }) {
  return (
    <NewsroomLayout page={page} title="Sign in" notice={notice}>
      <div class="nr-narrow">
        {problem && (
          <p class="nr-error-summary" role="alert">
            {problem}
          </p>
        )}
        <ErrorSummary errors={problem ? {} : form.errors} />
        <form method="post" action="/newsroom/sign-in/" novalidate>
          <CsrfField token={page.csrfToken} />
          <input type="hidden" name="next" value={next} />
          <TextField name="email" label="Email address" type="email" autocomplete="username" value={form.values.email} error={form.errors.email} required />
          <TextField name="password" label="Password" type="password" autocomplete="current-password" error={form.errors.password} required />
          <Button>Sign in</Button>
        </form>
      </div>
    </NewsroomLayout>
  );
}
