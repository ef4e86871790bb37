import type { ComponentChildren } from 'preact';
import { can } from '../accounts/permissions.js';
import { CsrfField } from './form-fields.js';
import type { NewsroomPageContext } from './page-context.js';

/** Which nav entry is the current page. */
export type NewsroomNavItem = 'dashboard' | 'stories' | 'media' | 'frontpage' | 'sections' | 'instruments' | 'ingest' | 'sources' | 'users' | 'apikeys' | 'webhooks';

const NAV: { item: NewsroomNavItem; label: string; href: string; isAdminOnly?: boolean; isEditorOnly?: boolean }[] = [
  { item: 'dashboard', label: 'Dashboard', href: '/newsroom/' },
  { item: 'stories', label: 'Stories', href: '/newsroom/stories/' },
  { item: 'media', label: 'Media', href: '/newsroom/media/' },
  { item: 'frontpage', label: 'Front page', href: '/newsroom/front-page/' },
  { item: 'ingest', label: 'Ingest desk', href: '/newsroom/ingest/', isEditorOnly: true },
  { item: 'sources', label: 'Sources', href: '/newsroom/sources/', isEditorOnly: true },
  { item: 'sections', label: 'Sections and topics', href: '/newsroom/sections/', isEditorOnly: true },
  { item: 'instruments', label: 'Instruments', href: '/newsroom/markets/instruments/', isEditorOnly: true },
  { item: 'users', label: 'Users', href: '/newsroom/users/', isAdminOnly: true },
  { item: 'apikeys', label: 'API keys', href: '/newsroom/api-keys/', isAdminOnly: true },
  { item: 'webhooks', label: 'Webhooks', href: '/newsroom/webhooks/', isAdminOnly: true },
];

/** Props of the newsroom layout. */
export interface NewsroomLayoutProps {
  page: NewsroomPageContext;
  /** The page's one h1, also the document title. */
  title: string;
  active?: NewsroomNavItem;
  /** A one-line confirmation shown above the content (role="status"). */
  notice?: string;
  /** Script URLs (same origin, e.g. /newsroom/assets/editor-abc123.js), loaded as modules. */
  scripts?: string[];
  /** Stylesheet URLs (same origin), e.g. the editor's. */
  stylesheets?: string[];
  children: ComponentChildren;
}

/**
 * The HTML document around every newsroom page: banner with the newsroom nav (Users for admins
 * only), the user's name and a Sign out button, one main landmark holding the page's one h1.
 * Signed out (sign-in and setup pages) it shows the brand alone. The CSRF token is also in
 * `<meta name="csrf-token">` for JSON clients (send it as `x-csrf-token`).
 */
export function NewsroomLayout({ page, title, active, notice, scripts = [], stylesheets = [], children }: NewsroomLayoutProps) {
  const { user } = page;
  return (
    <html lang={page.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="color-scheme" content="light dark" />
        <meta name="csrf-token" content={page.csrfToken} />
        <title>{`${title} · Fortune Sky Newsroom`}</title>
        <style dangerouslySetInnerHTML={{ __html: page.css }} />
        {stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        {scripts.map((src) => (
          <script key={src} type="module" src={src} />
        ))}
      </head>
      <body>
        <a class="skip" href="#content">Skip to content</a>
        <header class="nr-header">
          <div class="nr-wrap">
            <a class="nr-brand" href="/newsroom/">Fortune Sky Newsroom</a>
            {user && (
              <nav class="nr-nav" aria-label="Newsroom">
                <ul>
                  {NAV.filter((entry) => (!entry.isAdminOnly || can(user, 'users.manage')) && (!entry.isEditorOnly || can(user, 'taxonomy.manage'))).map((entry) => (
                    <li key={entry.item}>
                      <a href={entry.href} aria-current={entry.item === active ? 'page' : undefined}>
                        {entry.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            {user && (
              <div class="nr-account">
                <a href="/newsroom/account/" aria-label={`Your account: ${user.name} (${user.role})`}>
                  {user.name} <span class="nr-meta">({user.role})</span>
                </a>
                <form method="post" action="/newsroom/sign-out/">
                  <CsrfField token={page.csrfToken} />
                  <button type="submit" class="nr-button nr-button-secondary">Sign out</button>
                </form>
              </div>
            )}
          </div>
        </header>
        <main id="content" class="nr-wrap">
          <h1>{title}</h1>
          {notice && (
            <p class="nr-notice" role="status">
              {notice}
            </p>
          )}
          {children}
        </main>
      </body>
    </html>
  );
}
