import type { AuthorProfile } from '../../../content/taxonomy/index.js';
import { MAX_BIO_LENGTH, MAX_BYLINE_LENGTH } from '../../../content/taxonomy/index.js';
import { Button, CsrfField, ErrorSummary, SelectField, TextAreaField, TextField, type FormState } from '../../ui/form-fields.js';
import { NewsroomLayout } from '../../ui/newsroom-layout.js';
import type { NewsroomPageContext } from '../../ui/page-context.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../passwords.js';

/** An image of the media library the profile photo can be. */
export interface PhotoChoice {
  id: number;
  label: string;
  /** A small variant's URL, to show the current photo. */
  thumbnailUrl?: string;
}

/** Props of the account page. */
export interface AccountPageProps {
  page: NewsroomPageContext;
  /** The user's byline; absent for an account without one. */
  profile?: AuthorProfile;
  photos: PhotoChoice[];
  profileForm: FormState;
  passwordForm: FormState;
  notice?: string;
}

/** /newsroom/account/: the signed-in user's byline profile, password change and "sign out everywhere". */
export function AccountPage({ page, profile, photos, profileForm, passwordForm, notice }: AccountPageProps) {
  const current = photos.find((photo) => String(photo.id) === profileForm.values.photo);
  const photoOptions = [{ value: '', label: 'No photo' }, ...photos.map((photo) => ({ value: String(photo.id), label: photo.label }))];
  return (
    <NewsroomLayout page={page} title="Your account" notice={notice}>
      {profile && (
        <section aria-labelledby="profile" class="nr-narrow">
          <h2 id="profile">Byline profile</h2>
          <p>
            Shown on <a href={`/author/${profile.slug}/`}>your author page</a> once a story with your byline is published.
          </p>
          <ErrorSummary errors={profileForm.errors} idPrefix="profile-" />
          <form method="post" action="/newsroom/account/profile/" novalidate>
            <CsrfField token={page.csrfToken} />
            <TextField id="profile-name" name="name" label="Byline name" value={profileForm.values.name} error={profileForm.errors.name} maxLength={MAX_BYLINE_LENGTH} required />
            <TextAreaField id="profile-bio" name="bio" label="Biography" value={profileForm.values.bio} error={profileForm.errors.bio} hint={`At most ${MAX_BIO_LENGTH} characters.`} maxLength={MAX_BIO_LENGTH} rows={5} />
            {current?.thumbnailUrl && <img class="nr-profile-photo" src={current.thumbnailUrl} alt={`Current photo of ${profile.name}`} width={96} height={96} />}
            <SelectField
              id="profile-photo"
              name="photo"
              label="Photo"
              value={profileForm.values.photo}
              options={photoOptions}
              error={profileForm.errors.photo}
              hint="An image of the media library: upload it there first."
            />
            <p>
              <a href="/newsroom/media/">Upload a photo in the media library</a>
            </p>
            <Button>Save profile</Button>
          </form>
        </section>
      )}
      <section aria-labelledby="password" class="nr-narrow">
        <h2 id="password">Change your password</h2>
        <p>Your other sessions (other browsers and devices) are signed out; this one stays.</p>
        <ErrorSummary errors={passwordForm.errors} idPrefix="password-" />
        <form method="post" action="/newsroom/account/password/" novalidate>
          <CsrfField token={page.csrfToken} />
          <TextField id="password-currentPassword" name="currentPassword" label="Current password" type="password" autocomplete="current-password" error={passwordForm.errors.currentPassword} maxLength={MAX_PASSWORD_LENGTH} required />
          <TextField
            id="password-password"
            name="password"
            label="New password"
            type="password"
            autocomplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            error={passwordForm.errors.password}
            maxLength={MAX_PASSWORD_LENGTH}
            required
          />
          <TextField id="password-passwordConfirm" name="passwordConfirm" label="New password again" type="password" autocomplete="new-password" error={passwordForm.errors.passwordConfirm} maxLength={MAX_PASSWORD_LENGTH} required />
          <Button>Change password</Button>
        </form>
      </section>
      <section aria-labelledby="sessions" class="nr-narrow">
        <h2 id="sessions">Sign out everywhere</h2>
        <p>Ends every session of your account, on every device, this one too: use it if you signed in on a computer that is not yours, or lost a device.</p>
        <form method="post" action="/newsroom/account/sign-out-everywhere/">
          <CsrfField token={page.csrfToken} />
          <Button variant="danger">Sign out everywhere</Button>
        </form>
      </section>
    </NewsroomLayout>
  );
}
