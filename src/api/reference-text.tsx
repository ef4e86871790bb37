import { Fragment, type ComponentChildren } from 'preact';
import type { OpenAPIV3_1 } from 'openapi-types';

// Pieces of the API reference page: the document's descriptions as text, and a schema's type in a
// few words.

/** A schema or a reference to a named one, as the document holds them. */
export type JsonSchema = OpenAPIV3_1.SchemaObject | OpenAPIV3_1.ReferenceObject;

const SCHEMA_REF = '#/components/schemas/';

/** A line of text with `code` and **strong** spans, as the document's descriptions write them. */
export function Inline({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part, i) =>
        part.startsWith('`') ? <code key={i}>{part.slice(1, -1)}</code> : part.startsWith('**') ? <strong key={i}>{part.slice(2, -2)}</strong> : part,
      )}
    </>
  );
}

/** Paragraphs of such text, separated by blank lines. */
export function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index}>
          <Inline text={paragraph} />
        </p>
      ))}
    </>
  );
}

/** Whether a schema is a reference to a named one. */
export function isRef(schema: JsonSchema): schema is OpenAPIV3_1.ReferenceObject {
  return '$ref' in schema;
}

/** A schema's type in a few words, with links to named schemas. */
export function TypeOf({ schema }: { schema: JsonSchema | undefined }): ComponentChildren {
  if (!schema) return 'any';
  if (isRef(schema)) {
    const name = schema.$ref.slice(SCHEMA_REF.length);
    return <a href={`#schema-${name}`}>{name}</a>;
  }
  if (schema.anyOf) {
    const types = schema.anyOf.filter((s) => isRef(s) || s.type !== 'null');
    const isNullable = types.length < schema.anyOf.length;
    return (
      <>
        {types.map((s, i) => (
          <Fragment key={i}>
            {i > 0 && ' or '}
            <TypeOf schema={s} />
          </Fragment>
        ))}
        {isNullable && ' or null'}
      </>
    );
  }
  if (schema.type === 'array') {
    return (
      <>
        array of <TypeOf schema={(schema as OpenAPIV3_1.ArraySchemaObject).items} />
      </>
    );
  }
  if (schema.enum) return `one of ${schema.enum.join(', ')}`;
  // Bounds that only restate the number type (JavaScript's safe integers) are left out.
  const isShown = (bound: number | undefined): bound is number => bound !== undefined && Math.abs(bound) < 1e9;
  const limits = [isShown(schema.minimum) && `≥ ${schema.minimum}`, isShown(schema.maximum) && `≤ ${schema.maximum}`, schema.maxLength !== undefined && `at most ${schema.maxLength} characters`].filter(Boolean);
  const format = schema.format === 'uri' ? 'URL' : schema.format === 'date-time' ? 'date-time' : undefined;
  const type = [schema.type ?? 'any'].flat().join(' or ');
  return [format ?? type, ...limits].join(', ');
}
