import type { ComponentChildren } from 'preact';

/** What a form shows: the values typed (kept on a 400 re-render) and an error per field name. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** An empty form, optionally with starting values. */
export function emptyForm(values: Record<string, string> = {}): FormState {
  return { values, errors: {} };
}

/** The hidden CSRF field every state-changing newsroom form carries (docs/newsroom.md). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** Props shared by every labelled control. */
interface ControlProps {
  name: string;
  label: string;
  /** Defaults to `field-<name>`; set it when a page holds two forms with the same field names. */
  id?: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

function FieldFrame({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ComponentChildren }) {
  return (
    <div class="nr-field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="nr-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p class="nr-field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled text input (text, email, password, url, search, date, datetime-local) with its hint and error. */
export function TextField(
  props: ControlProps & { value?: string; type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'date' | 'datetime-local'; autocomplete?: string; maxLength?: number },
) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      <input
        id={id}
        name={props.name}
        // Preact types <input> per type; one component serves several, so the union is narrowed here.
        type={(props.type ?? 'text') as 'text'}
        value={props.type === 'password' ? undefined : props.value ?? ''}
        autocomplete={props.autocomplete}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </FieldFrame>
  );
}

/** A labelled multi-line text box. */
export function TextAreaField(props: ControlProps & { value?: string; rows?: number; maxLength?: number }) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

/** A labelled drop-down. */
export function SelectField(props: ControlProps & { value?: string; options: readonly { value: string; label: string }[] }) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A labelled checkbox (label after the box). */
export function CheckboxField(props: ControlProps & { checked?: boolean; value?: string }) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <div class="nr-field">
      <input
        id={id}
        type="checkbox"
        name={props.name}
        value={props.value ?? 'on'}
        checked={props.checked}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />{' '}
      <label for={id}>
        {props.label}
      </label>
      {props.hint && (
        <p class="nr-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="nr-field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A button with visible text; `variant` picks the look, not the meaning. */
export function Button({ children, variant = 'primary', name, value }: { children: ComponentChildren; variant?: 'primary' | 'secondary' | 'danger'; name?: string; value?: string }) {
  const className = variant === 'primary' ? 'nr-button' : `nr-button nr-button-${variant}`;
  return (
    <button type="submit" class={className} name={name} value={value}>
      {children}
    </button>
  );
}

/**
 * The list of problems at the top of a form re-rendered with status 400, each linking to its
 * field (`#field-<name>`, or `idPrefix` + name when the form's fields use other ids).
 */
export function ErrorSummary({ errors, idPrefix = 'field-' }: { errors: Record<string, string>; idPrefix?: string }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="nr-error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>{field === 'form' ? message : <a href={`#${idPrefix}${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

/** Form values from a parsed urlencoded body: strings kept, arrays reduced to their first item, the CSRF field dropped. */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (key === '_csrf') continue;
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === 'string') values[key] = value;
  }
  return values;
}
