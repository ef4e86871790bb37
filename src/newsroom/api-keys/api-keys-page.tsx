import { formatDisplayTime } from '../../content/articles/index.js';
import { API_KEY_SCOPES, type ApiKey } from '../../api/keys/index.js';
import { Button, CheckboxField, CsrfField, ErrorSummary, NewsroomLayout, TextField, type FormState, type NewsroomPageContext } from '../ui/index.js';

/** Props of the API keys page. */
export interface ApiKeysPageProps {
  page: NewsroomPageContext;
  keys: ApiKey[];
  form: FormState;
  /** A key just issued: its secret, shown this once. */
  issued?: { name: string; secret: string };
  notice?: string;
  timeZone: string;
}

/** /newsroom/api-keys/: the Content API's keys with who issued and revoked them, a revoke button per active key, and the form that issues one. */
export function ApiKeysPage({ page, keys, form, issued, notice, timeZone }: ApiKeysPageProps) {
  return (
    <NewsroomLayout page={page} title="API keys" active="apikeys" notice={notice}>
      <p>
        Keys let partners and apps read the <a href="/api/docs/">Content API</a> at a higher rate than anonymous readers. Send a key as{' '}
        <code>Authorization: Bearer …</code>. A key may also push market quotes (<code>POST /api/v1/markets/quotes</code>) when issued with that
        box ticked. Revoking a key refuses it at once, on every server.
      </p>
      {issued && (
        <section aria-labelledby="new-key" class="nr-notice" role="status">
          <h2 id="new-key">{`New key for ${issued.name}`}</h2>
          <p>Copy this key now and hand it over safely: it is not stored and will not be shown again.</p>
          <p>
            <label for="issued-secret">API key</label>
            <br />
            <input id="issued-secret" type="text" readonly value={issued.secret} spellcheck={false} autocomplete="off" />
          </p>
        </section>
      )}
      <section aria-labelledby="keys-list">
        <h2 id="keys-list">Keys</h2>
        {keys.length === 0 ? (
          <p>No keys yet.</p>
        ) : (
          <table class="nr-table">
            <thead>
              <tr>
                <th scope="col">For</th>
                <th scope="col">Key</th>
                <th scope="col">May</th>
                <th scope="col">Issued</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{`${key.prefix}…`}</code>
                  </td>
                  <td>
                    {API_KEY_SCOPES.filter(({ scope }) => key.scopes.includes(scope))
                      .map(({ label }) => label)
                      .join(', ')}
                  </td>
                  <td>
                    <time dateTime={key.createdAt}>{formatDisplayTime(key.createdAt, timeZone)}</time>
                    {key.createdByName ? ` by ${key.createdByName}` : ''}
                  </td>
                  <td>
                    {key.revokedAt ? (
                      <>
                        Revoked <time dateTime={key.revokedAt}>{formatDisplayTime(key.revokedAt, timeZone)}</time>
                        {key.revokedByName ? ` by ${key.revokedByName}` : ''}
                      </>
                    ) : (
                      'Active'
                    )}
                  </td>
                  <td>
                    {!key.revokedAt && (
                      <form method="post" action={`/newsroom/api-keys/${key.id}/revoke/`} class="nr-inline-form">
                        <CsrfField token={page.csrfToken} />
                        <Button variant="danger">{`Revoke the key for ${key.name}`}</Button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="issue-key" class="nr-narrow">
        <h2 id="issue-key">Issue a key</h2>
        <ErrorSummary errors={form.errors} />
        <form method="post" action="/newsroom/api-keys/" novalidate>
          <CsrfField token={page.csrfToken} />
          <TextField name="name" label="For" value={form.values.name} error={form.errors.name} hint="Who or what will use it, e.g. the partner's name and app." required />
          <CheckboxField
            name="pushQuotes"
            label="Push market quotes"
            checked={form.values.pushQuotes === 'on'}
            hint="For a market data vendor: the key may also send prices to POST /api/v1/markets/quotes, stored with the source api:NAME. Every key can read."
          />
          <Button>Issue key</Button>
        </form>
      </section>
    </NewsroomLayout>
  );
}
