/**
 * A newsroom client over real HTTP (fetch), for tests and scripts that drive a server running in
 * another process: sign in through the form, create stories, press editor buttons.
 *
 *   const editor = await signInOverHttp(baseUrl, email, password);
 *   const id = await editor.createStory({ title: 'Rates hold' });
 *   await editor.press(id, 'publish', { title: 'Rates hold' });
 */

/** A signed-in newsroom session against a server at baseUrl. */
export interface HttpNewsroomSession {
  cookie: string;
  csrfToken: string;
  /** Creates a draft through "New story" → "Save draft"; returns its id. */
  createStory(fields: Record<string, string>): Promise<number>;
  /** Presses an editor button (publish, update, unpublish, save…) on the current revision; returns the status. */
  press(id: number, action: string, fields: Record<string, string>): Promise<number>;
  /** Adds a public correction to a published story at its current revision; returns the status. */
  correct(id: number, text: string): Promise<number>;
  /** A front-page step (make it the lead, add it to the top stories, take it off) for a story; returns the status (400 when the step is refused). */
  curate(action: 'lead' | 'top' | 'remove', articleId: number): Promise<number>;
}

/** The editor form's fields with defaults, as a browser without JavaScript posts them. */
export function storyFormFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Untitled story',
    dek: '',
    excerpt: '',
    body: '<p>The body of the story.</p>',
    section: 'markets',
    bylines: 'Desk Writer',
    topics: 'Markets',
    slug: '',
    canonical_url: '',
    ...overrides,
  };
}

function cookieValue(response: Response, name: string): string | undefined {
  const found = response.headers.getSetCookie().find((header) => header.startsWith(`${name}=`));
  return found?.split(';')[0];
}

/** Signs in through the sign-in form over HTTP; throws unless it succeeds. */
export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<HttpNewsroomSession> {
  const signInPage = await fetch(`${baseUrl}/newsroom/sign-in/`);
  await signInPage.arrayBuffer();
  const preCookie = cookieValue(signInPage, 'fs_csrf');
  if (!preCookie) throw new Error(`GET /newsroom/sign-in/ set no fs_csrf cookie (status ${signInPage.status}).`);
  const signedIn = await fetch(`${baseUrl}/newsroom/sign-in/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: preCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: preCookie.slice('fs_csrf='.length), email, password }).toString(),
  });
  await signedIn.arrayBuffer();
  const cookie = cookieValue(signedIn, 'fs_session');
  if (signedIn.status !== 303 || !cookie) throw new Error(`Sign-in as ${email} failed with ${signedIn.status}.`);
  const dashboard = await (await fetch(`${baseUrl}/newsroom/`, { headers: { cookie } })).text();
  const csrfToken = /<meta name="csrf-token" content="([^"]+)"/.exec(dashboard)?.[1];
  if (!csrfToken) throw new Error('The dashboard has no csrf-token meta element.');

  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfToken, ...fields }).toString(),
    });
  const currentRevision = async (id: number) => {
    const editor = await (await fetch(`${baseUrl}/newsroom/stories/${id}/edit`, { headers: { cookie } })).text();
    const revision = /name="revision" value="(\d+)"/.exec(editor)?.[1];
    if (!revision) throw new Error(`No revision on the editor page of story ${id}.`);
    return revision;
  };
  const statusOf = async (response: Response) => {
    await response.arrayBuffer();
    return response.status;
  };
  return {
    cookie,
    csrfToken,
    async createStory(fields) {
      const response = await post('/newsroom/stories/', { ...storyFormFields(fields), action: 'save' });
      await response.arrayBuffer();
      const id = /\/newsroom\/stories\/(\d+)\/edit/.exec(response.headers.get('location') ?? '')?.[1];
      if (response.status !== 303 || !id) throw new Error(`Creating a story answered ${response.status}.`);
      return Number(id);
    },
    async press(id, action, fields) {
      const revision = await currentRevision(id);
      return statusOf(await post(`/newsroom/stories/${id}/edit`, { ...storyFormFields(fields), revision, action }));
    },
    async correct(id, text) {
      const revision = await currentRevision(id);
      return statusOf(await post(`/newsroom/stories/${id}/corrections`, { revision, correction: text }));
    },
    async curate(action, articleId) {
      return statusOf(await post(`/newsroom/front-page/${action}`, { articleId: String(articleId) }));
    },
  };
}
