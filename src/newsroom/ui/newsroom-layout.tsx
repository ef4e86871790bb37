import type { ComponentChildren } from 'preact';
import { can, type NewsroomUser } from '../accounts/permissions.js';
import { CsrfField } from './form-fields.js';
import type { NewsroomPageContext } from './page-context.js';

/** Which nav entry is the current page. */
export type NewsroomNavItem = 'dashboard' | 'stories' | 'media' | 'frontpage' | 'sections' | 'instruments' | 'ingest' | 'sources' | 'users' | 'apikeys' | 'webhooks';

interface NavEntry {
  item: NewsroomNavItem;
  label: string;
  href: string;
  isAdminOnly?: boolean;
  isEditorOnly?: boolean;
}

// Grouped as the newsroom works: the daily desk, what shapes the site, and running the newsroom.
const NAV_GROUPS: { label: string; entries: NavEntry[] }[] = [
  {
    label: 'Desk',
    entries: [
      { item: 'dashboard', label: 'Dashboard', href: '/newsroom/' },
      { item: 'stories', label: 'Stories', href: '/newsroom/stories/' },
      { item: 'ingest', label: 'Ingest desk', href: '/newsroom/ingest/', isEditorOnly: true },
      { item: 'sources', label: 'Sources', href: '/newsroom/sources/', isEditorOnly: true },
    ],
  },
  {
    label: 'Site',
    entries: [
      { item: 'frontpage', label: 'Front page', href: '/newsroom/front-page/' },
      { item: 'sections', label: 'Sections and topics', href: '/newsroom/sections/', isEditorOnly: true },
      { item: 'media', label: 'Media', href: '/newsroom/media/' },
      { item: 'instruments', label: 'Instruments', href: '/newsroom/markets/instruments/', isEditorOnly: true },
    ],
  },
  {
    label: 'Admin',
    entries: [
      { item: 'users', label: 'Users', href: '/newsroom/users/', isAdminOnly: true },
      { item: 'apikeys', label: 'API keys', href: '/newsroom/api-keys/', isAdminOnly: true },
      { item: 'webhooks', label: 'Webhooks', href: '/newsroom/webhooks/', isAdminOnly: true },
    ],
  },
];

/** The nav groups this user sees (groups left empty are dropped). */
function visibleGroups(user: NewsroomUser) {
  return NAV_GROUPS.map((group) => ({
    label: group.label,
    entries: group.entries.filter((entry) => (!entry.isAdminOnly || can(user, 'users.manage')) && (!entry.isEditorOnly || can(user, 'taxonomy.manage'))),
  })).filter((group) => group.entries.length > 0);
}

/** The newsroom nav and the account block; the layout shows it as a sidebar on wide screens and in a menu on phones. */
function NewsroomNav({ user, active, csrfToken }: { user: NewsroomUser; active?: NewsroomNavItem; csrfToken: string }) {
  return (
    <>
      <nav class="nr-nav" aria-label="Newsroom">
        {visibleGroups(user).map((group) => (
          <div key={group.label} class="nr-nav-group">
            <p class="nr-nav-heading">{group.label}</p>
            <ul>
              {group.entries.map((entry) => (
                <li key={entry.item}>
                  <a href={entry.href} aria-current={entry.item === active ? 'page' : undefined}>
                    {entry.label}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <div class="nr-account">
        <p>
          <a class="nr-account-name" href="/newsroom/account/" aria-label={`Your account: ${user.name} (${user.role})`}>
            {user.name}
          </a>{' '}
          <span class="nr-meta">{user.role}</span>
        </p>
        <form method="post" action="/newsroom/sign-out/">
          <CsrfField token={csrfToken} />
          <button type="submit" class="nr-button nr-button-secondary">Sign out</button>
        </form>
      </div>
    </>
  );
}

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
 * The HTML document around every newsroom page: a banner with the brand and the newsroom nav in
 * groups (Desk, Site, Admin; each entry shown to the roles that can use it), the user's name and a
 * Sign out button — a sidebar on wide screens, a menu on phones — and one main landmark holding
 * the page's one h1.
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
      <body class={user ? 'nr-signed-in' : 'nr-signed-out'}>
        <a class="skip" href="#content">Skip to content</a>
        <header class="nr-header">
          <a class="nr-brand" href="/newsroom/">Fortune Sky Newsroom</a>
          {user && (
            // Phones: the nav behind a menu that opens without JavaScript; wide screens show the sidebar instead.
            <details class="nr-menu">
              <summary>Menu</summary>
              <NewsroomNav user={user} active={active} csrfToken={page.csrfToken} />
            </details>
          )}
          {user && (
            <div class="nr-sidebar">
              <NewsroomNav user={user} active={active} csrfToken={page.csrfToken} />
            </div>
          )}
        </header>
        <main id="content" class="nr-main">
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
