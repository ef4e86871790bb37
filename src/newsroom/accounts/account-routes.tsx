import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../clock.js';
import { fallbackFormat, findMedia, mediaUrl, pickVariant, searchMedia, type MediaItem } from '../../content/media/index.js';
import { findAuthorProfile, type AuthorProfile } from '../../content/taxonomy/index.js';
import { AppError } from '../../errors.js';
import type { Writer } from '../../storage/index.js';
import { emptyForm, formValues, type FormState } from '../ui/form-fields.js';
import { doneNotice, newsroomPageContext, sendNewsroomPage } from '../ui/page-context.js';
import { SESSION_COOKIE } from './auth-plugin.js';
import { requireUser } from './guards.js';
import type { LoginAttempts } from './login-rate-limit.js';
import { changeOwnPassword } from './password-change.js';
import type { NewsroomUser } from './permissions.js';
import { updateOwnProfile } from './profile-service.js';
import { signOutEverywhere } from './sign-in-service.js';
import { AccountPage, type PhotoChoice } from './views/account-page.js';

/** What the account page needs. */
export interface AccountRoutesOptions {
  writer: Writer;
  clock: Clock;
  limiter: LoginAttempts;
}

const NOTICES: Record<string, string> = {
  password: 'Your password was changed. Your other sessions were signed out.',
  profile: 'Your profile was saved.',
};

/** Library images offered as the profile photo: the newest, plus the current one wherever it is. */
const PHOTO_CHOICES = 100;

function photoChoice(item: MediaItem): PhotoChoice {
  const variant = pickVariant(item, fallbackFormat(item), 200);
  return { id: item.id, label: `${item.alt || item.originalName} (image ${item.id})`, thumbnailUrl: variant && mediaUrl(variant.fileKey) };
}

/** /newsroom/account/ for every signed-in user: byline profile, password change, sign out everywhere. */
export const accountRoutes: FastifyPluginAsync<AccountRoutesOptions> = async (app, { writer, clock, limiter }) => {
  const db = writer.db;

  async function photoChoices(profile: AuthorProfile | undefined): Promise<PhotoChoice[]> {
    const newest = await searchMedia(db, { limit: PHOTO_CHOICES });
    const current = profile?.photoMediaId ?? null;
    if (current !== null && !newest.some((item) => item.id === current)) {
      const item = await findMedia(db, current);
      if (item) newest.unshift(item);
    }
    return newest.map(photoChoice);
  }

  async function renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    user: NewsroomUser,
    options: { profileForm?: FormState; passwordForm?: FormState; notice?: string; status?: number } = {},
  ) {
    const profile = user.authorId === null ? undefined : await findAuthorProfile(db, user.authorId);
    const profileForm = options.profileForm ?? emptyForm(profile ? { name: profile.name, bio: profile.bio, photo: profile.photoMediaId === null ? '' : String(profile.photoMediaId) } : {});
    return sendNewsroomPage(
      reply,
      <AccountPage
        page={newsroomPageContext(request)}
        profile={profile}
        photos={await photoChoices(profile)}
        profileForm={profileForm}
        passwordForm={options.passwordForm ?? emptyForm()}
        notice={options.notice}
      />,
      options.status,
    );
  }

  app.get('/newsroom/account/', async (request, reply) => {
    const user = requireUser(request);
    return renderAccount(request, reply, user, { notice: doneNotice(request.query, NOTICES) });
  });

  app.post('/newsroom/account/password/', async (request, reply) => {
    const user = requireUser(request);
    const values = formValues(request.body);
    try {
      await changeOwnPassword(
        writer,
        limiter,
        {
          userId: user.id,
          sessionId: request.newsroom!.sessionId!,
          address: request.ip,
          currentPassword: values.currentPassword ?? '',
          newPassword: { password: values.password ?? '', passwordConfirm: values.passwordConfirm ?? '' },
        },
        clock.now(),
      );
      return reply.redirect('/newsroom/account/?done=password', 303);
    } catch (error) {
      if (!(error instanceof AppError) || (error.kind !== 'invalid' && error.kind !== 'rate_limited')) throw error;
      const errors = Object.keys(error.details).length > 0 ? error.details : { currentPassword: error.message };
      return renderAccount(request, reply, user, { passwordForm: { values: {}, errors }, status: error.kind === 'rate_limited' ? 429 : 400 });
    }
  });

  app.post('/newsroom/account/profile/', async (request, reply) => {
    const user = requireUser(request);
    const values = formValues(request.body);
    const form = { name: values.name ?? '', bio: values.bio ?? '', photo: values.photo ?? '' };
    try {
      await updateOwnProfile(writer, user, form, clock.now());
      return reply.redirect('/newsroom/account/?done=profile', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
      // What was typed comes back, cut to what the form would have let through.
      const kept = { name: form.name.slice(0, 400), bio: form.bio.slice(0, 2000), photo: form.photo.slice(0, 20) };
      return renderAccount(request, reply, user, { profileForm: { values: kept, errors: error.details }, status: 400 });
    }
  });

  app.post('/newsroom/account/sign-out-everywhere/', async (request, reply) => {
    const user = requireUser(request);
    await signOutEverywhere(writer, { userId: user.id, actorUserId: user.id }, clock.now());
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/newsroom/sign-in/?signedOut', 303);
  });
};
