import { formatDisplayTime } from '../../content/articles/index.js';
import type { WebhookDeliveryAttempt, WebhookEndpoint } from '../../webhooks/index.js';
import { Button, CsrfField, NewsroomLayout, type FormState, type NewsroomPageContext } from '../ui/index.js';
import { attemptResult, EndpointFields, NewSecret } from './webhook-parts.js';

/** Props of the webhooks page. */
export interface WebhooksPageProps {
  page: NewsroomPageContext;
  endpoints: { endpoint: WebhookEndpoint; lastAttempt: WebhookDeliveryAttempt | undefined }[];
  form: FormState;
  /** An endpoint just registered: its secret, shown this once. */
  registered?: { url: string; secret: string };
  notice?: string;
  timeZone: string;
}

/** /newsroom/webhooks/: the registered endpoints with their events, state and last delivery, and the form that registers one. */
export function WebhooksPage({ page, endpoints, form, registered, notice, timeZone }: WebhooksPageProps) {
  return (
    <NewsroomLayout page={page} title="Webhooks" active="webhooks" notice={notice}>
      <p>
        Endpoints hear of stories going live, changing, being corrected and being taken down, as signed POST requests (the Standard Webhooks format: check each
        one's <code>webhook-signature</code> with the endpoint's secret). Failed deliveries are tried again for about a day.
      </p>
      {registered && <NewSecret url={registered.url} secret={registered.secret} />}
      <section aria-labelledby="endpoints-list">
        <h2 id="endpoints-list">Endpoints</h2>
        {endpoints.length === 0 ? (
          <p>No endpoints yet.</p>
        ) : (
          <table class="nr-table">
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Events</th>
                <th scope="col">State</th>
                <th scope="col">Last delivery</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map(({ endpoint, lastAttempt }) => (
                <tr key={endpoint.id}>
                  <td>
                    <a href={`/newsroom/webhooks/${endpoint.id}/`}>{endpoint.url}</a>
                  </td>
                  <td>{endpoint.events.join(', ')}</td>
                  <td>{endpoint.isEnabled ? 'Enabled' : 'Disabled'}</td>
                  <td>
                    {lastAttempt ? (
                      <>
                        {attemptResult(lastAttempt)}, <time dateTime={lastAttempt.attemptedAt}>{formatDisplayTime(lastAttempt.attemptedAt, timeZone)}</time>
                      </>
                    ) : (
                      'None yet'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="register-endpoint" class="nr-narrow">
        <h2 id="register-endpoint">Register an endpoint</h2>
        <form method="post" action="/newsroom/webhooks/" novalidate>
          <CsrfField token={page.csrfToken} />
          <EndpointFields form={form} />
          <Button>Register endpoint</Button>
        </form>
      </section>
    </NewsroomLayout>
  );
}
