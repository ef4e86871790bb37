import { formatDisplayTime } from '../../content/articles/index.js';
import type { ArticleEventType } from '../../storage/index.js';
import { WEBHOOK_EVENT_TYPES, type WebhookDeliveryAttempt } from '../../webhooks/index.js';
import { Button, CheckboxField, CsrfField, ErrorSummary, TextField, type FormState } from '../ui/index.js';
import { eventFieldName } from './webhook-endpoint-service.js';

const EVENT_LABELS: Record<ArticleEventType, string> = {
  'article.published': 'article.published: a story goes live (by hand or on schedule)',
  'article.updated': "article.updated: a live story's content changes",
  'article.corrected': 'article.corrected: a correction is added to a live story',
  'article.unpublished': 'article.unpublished: a story is taken off the site',
};

/** The fields of an endpoint's form: address, events, on or off. */
export function EndpointFields({ form }: { form: FormState }) {
  return (
    <>
      <ErrorSummary errors={form.errors} />
      <TextField name="url" type="url" label="Address" value={form.values.url} error={form.errors.url} hint="Where each event is POSTed, e.g. https://example.com/hooks/fortune-sky." maxLength={2000} required />
      <fieldset id="field-events" class="nr-field" aria-describedby={form.errors.events ? 'field-events-error' : undefined}>
        <legend>Events</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <CheckboxField key={type} name={eventFieldName(type)} label={EVENT_LABELS[type]} checked={form.values[eventFieldName(type)] === 'on'} />
        ))}
        {form.errors.events && (
          <p class="nr-field-error" id="field-events-error">
            {form.errors.events}
          </p>
        )}
      </fieldset>
      <CheckboxField name="enabled" label="Enabled: send deliveries (while off, events are not sent, not even later)" checked={form.values.enabled === 'on'} />
    </>
  );
}

/** A secret just made: shown this once. */
export function NewSecret({ url, secret }: { url: string; secret: string }) {
  return (
    <section aria-labelledby="new-secret" class="nr-notice" role="status">
      <h2 id="new-secret">{`Signing secret for ${url}`}</h2>
      <p>Copy this secret into the receiver now: it verifies each delivery's webhook-signature, and will not be shown again.</p>
      <p>
        <label for="new-secret-value">Signing secret</label>
        <br />
        <input id="new-secret-value" type="text" readonly value={secret} spellcheck={false} autocomplete="off" size={60} />
      </p>
    </section>
  );
}

/** How an attempt ended, in words. */
export function attemptResult(attempt: Pick<WebhookDeliveryAttempt, 'statusCode' | 'error'>): string {
  if (attempt.statusCode === null) return `Failed: ${attempt.error ?? 'no answer'}`;
  return attempt.statusCode >= 200 && attempt.statusCode < 300 ? `Delivered (${attempt.statusCode})` : `Failed (${attempt.statusCode})`;
}

/** An endpoint's latest attempts, newest first, with "Send again" on each message's latest attempt. */
export function DeliveryTable({ endpointId, attempts, csrfToken, timeZone }: { endpointId: number; attempts: WebhookDeliveryAttempt[]; csrfToken: string; timeZone: string }) {
  if (attempts.length === 0) return <p>No deliveries yet.</p>;
  const seen = new Set<string>();
  return (
    <table class="nr-table">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Event</th>
          <th scope="col">Message</th>
          <th scope="col">Attempt</th>
          <th scope="col">Result</th>
          <th scope="col">Took</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((attempt) => {
          const isLatestOfMessage = !seen.has(attempt.messageId);
          seen.add(attempt.messageId);
          return (
            <tr key={attempt.id}>
              <td>
                <time dateTime={attempt.attemptedAt}>{formatDisplayTime(attempt.attemptedAt, timeZone)}</time>
              </td>
              <td>
                {attempt.type} <a href={`/newsroom/stories/${attempt.articleId}/edit`}>{`story ${attempt.articleId}`}</a>
              </td>
              <td>
                <code>{attempt.messageId}</code>
              </td>
              <td>{attempt.attempt}</td>
              <td>{attemptResult(attempt)}</td>
              <td>{`${attempt.durationMs} ms`}</td>
              <td>
                {isLatestOfMessage && (
                  <form method="post" action={`/newsroom/webhooks/${endpointId}/resend/`} class="nr-inline-form">
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="message" value={attempt.messageId} />
                    <Button variant="secondary">Send again</Button>
                  </form>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
