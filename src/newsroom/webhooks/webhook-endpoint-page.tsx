import type { WebhookDeliveryAttempt, WebhookEndpoint } from '../../webhooks/index.js';
import { Button, CsrfField, NewsroomLayout, type FormState, type NewsroomPageContext } from '../ui/index.js';
import { DeliveryTable, EndpointFields, NewSecret } from './webhook-parts.js';

/** Props of one endpoint's page. */
export interface WebhookEndpointPageProps {
  page: NewsroomPageContext;
  endpoint: WebhookEndpoint;
  attempts: WebhookDeliveryAttempt[];
  /** How many attempts the page shows at most. */
  limit: number;
  form: FormState;
  /** A secret just rotated: shown this once. */
  rotatedSecret?: string;
  notice?: string;
  timeZone: string;
}

/** /newsroom/webhooks/:id/: an endpoint's latest deliveries (with "Send again"), its settings, a new secret, and deletion. */
export function WebhookEndpointPage({ page, endpoint, attempts, limit, form, rotatedSecret, notice, timeZone }: WebhookEndpointPageProps) {
  return (
    <NewsroomLayout page={page} title={`Webhook endpoint ${endpoint.id}`} active="webhooks" notice={notice}>
      <p>
        <a href="/newsroom/webhooks/">All endpoints</a> · <code>{endpoint.url}</code> · {endpoint.isEnabled ? 'Enabled' : 'Disabled'}
      </p>
      {rotatedSecret && <NewSecret url={endpoint.url} secret={rotatedSecret} />}
      <section aria-labelledby="deliveries">
        <h2 id="deliveries">Deliveries</h2>
        <p class="nr-hint">{`The latest ${limit} attempts, newest first. "Send again" sends the same message (same webhook-id and body) once more.`}</p>
        <DeliveryTable endpointId={endpoint.id} attempts={attempts} csrfToken={page.csrfToken} timeZone={timeZone} />
      </section>
      <section aria-labelledby="settings" class="nr-narrow">
        <h2 id="settings">Settings</h2>
        <form method="post" action={`/newsroom/webhooks/${endpoint.id}/`} novalidate>
          <CsrfField token={page.csrfToken} />
          <EndpointFields form={form} />
          <Button>Save endpoint</Button>
        </form>
      </section>
      <section aria-labelledby="secret-and-removal" class="nr-narrow">
        <h2 id="secret-and-removal">Secret and removal</h2>
        <p>A new secret replaces the old one at once: deliveries signed from now on verify only with the new one.</p>
        <form method="post" action={`/newsroom/webhooks/${endpoint.id}/rotate/`} class="nr-inline-form">
          <CsrfField token={page.csrfToken} />
          <Button variant="secondary">Make a new secret</Button>
        </form>{' '}
        <form method="post" action={`/newsroom/webhooks/${endpoint.id}/delete/`} class="nr-inline-form">
          <CsrfField token={page.csrfToken} />
          <Button variant="danger">Delete this endpoint</Button>
        </form>
      </section>
    </NewsroomLayout>
  );
}
