import { formatInterval, SOURCE_FORMATS, type IngestSource } from '../../ingest/pipeline/index.js';
import { CheckboxField, ErrorSummary, SelectField, TextField, type FormState } from '../ui/index.js';

/** The fields of a source's form, in the order they are read. */
export const SOURCE_FIELDS = ['name', 'url', 'format', 'every', 'section', 'policy', 'credit', 'enabled'] as const;

const FORMAT_LABELS: Record<(typeof SOURCE_FORMATS)[number], string> = {
  rss: 'RSS 2.0 or RSS 1.0 (RDF)',
  atom: 'Atom 1.0',
  json: 'JSON Feed 1.0 or 1.1',
  ninjs: 'IPTC ninjs 1.x–3.x',
};

/** A stored source's settings as its form shows them. */
export function sourceFormValues(source: IngestSource): Record<string, string> {
  return {
    name: source.name,
    url: source.url,
    format: source.format ?? '',
    every: formatInterval(source.pollSeconds),
    section: source.defaultSection ?? '',
    policy: source.policy,
    credit: source.credit,
    ...(source.isEnabled ? { enabled: 'on' } : {}),
  };
}

/** A source's form fields: name, address, format, interval, section, policy, credit line, on or off. */
export function SourceFields({ form, sections }: { form: FormState; sections: readonly { slug: string; name: string }[] }) {
  const { values, errors } = form;
  return (
    <>
      <ErrorSummary errors={errors} />
      <TextField name="name" label="Name" value={values.name} error={errors.name} hint="How the desk names the source, e.g. Meridian Wire." maxLength={200} required />
      {/* A text field: a refused address is shown again as typed, which a url field may not hold. */}
      <TextField name="url" label="Feed address" value={values.url} error={errors.url} hint="An http:// or https:// address of an RSS, Atom, JSON Feed or ninjs feed." maxLength={2000} required />
      <SelectField name="format" label="Format" value={values.format ?? ''} error={errors.format} options={[{ value: '', label: 'Detect from the response' }, ...SOURCE_FORMATS.map((format) => ({ value: format, label: FORMAT_LABELS[format] }))]} />
      <TextField name="every" label="Poll every" value={values.every} error={errors.every} hint="From 1 minute to 7 days, written like 5m, 2h or 1d. Empty: 5m." maxLength={10} />
      <SelectField name="section" label="Section" value={values.section ?? ''} error={errors.section} options={[{ value: '', label: 'The suggested section' }, ...sections.map((section) => ({ value: section.slug, label: section.name }))]} />
      <SelectField
        name="policy"
        label="New items"
        value={values.policy ?? 'draft'}
        error={errors.policy}
        options={[
          { value: 'draft', label: 'Wait on the ingest desk for an editor' },
          { value: 'publish', label: 'Publish at once' },
        ]}
      />
      <TextField name="credit" label="Credit line" value={values.credit} error={errors.credit} hint="Shown as the source of its stories. Empty: the name." maxLength={200} />
      <CheckboxField name="enabled" label="Enabled: poll this source" checked={values.enabled === 'on'} />
    </>
  );
}
