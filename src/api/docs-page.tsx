import { render } from 'preact-render-to-string';
import type { OpenAPIV3_1 } from 'openapi-types';
import { API_ERROR_CODES } from './api-error-codes.js';
import { Inline, isRef, Prose, TypeOf, type JsonSchema } from './reference-text.js';

// The API reference at /api/docs/: plain HTML rendered on the server from the OpenAPI document
// itself (operations, parameters, responses, schemas) and the error catalogue, so it can never
// disagree with the document. No script and no third-party origin: it reads without JavaScript and
// needs nothing from a CDN.

function Parameters({ parameters }: { parameters: OpenAPIV3_1.ParameterObject[] }) {
  if (parameters.length === 0) return null;
  return (
    <table>
      <caption>Parameters</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">In</th>
          <th scope="col">Type</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map((parameter) => {
          return (
            <tr key={`${parameter.in}-${parameter.name}`}>
              <td>
                <code>{parameter.name}</code>
                {parameter.required ? ' (required)' : ''}
              </td>
              <td>{parameter.in}</td>
              <td>
                <TypeOf schema={parameter.schema as JsonSchema | undefined} />
              </td>
              <td>
                <Inline text={parameter.description ?? ''} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Responses({ responses }: { responses: OpenAPIV3_1.ResponsesObject }) {
  return (
    <table>
      <caption>Responses</caption>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Meaning</th>
          <th scope="col">Body</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(responses).map(([status, response]) => {
          const content = (response as OpenAPIV3_1.ResponseObject).content ?? {};
          return (
            <tr key={status}>
              <td>{status}</td>
              <td>{(response as OpenAPIV3_1.ResponseObject).description}</td>
              <td>
                {Object.entries(content).map(([type, media]) => (
                  <div key={type}>
                    <code>{type}</code>: <TypeOf schema={media.schema as JsonSchema | undefined} />
                  </div>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function OperationEntry({ method, path, operation }: { method: string; path: string; operation: OpenAPIV3_1.OperationObject }) {
  return (
    <section id={operation.operationId} aria-labelledby={`${operation.operationId}-title`}>
      <h3 id={`${operation.operationId}-title`}>
        <code>
          {method.toUpperCase()} {path}
        </code>
      </h3>
      <p>
        <strong>{operation.summary}</strong> <span class="id">({operation.operationId})</span>
      </p>
      {operation.description && <Prose text={operation.description} />}
      <Parameters parameters={(operation.parameters ?? []) as OpenAPIV3_1.ParameterObject[]} />
      <Responses responses={operation.responses ?? {}} />
    </section>
  );
}

function SchemaEntry({ name, schema }: { name: string; schema: OpenAPIV3_1.SchemaObject }) {
  const required = new Set(schema.required ?? []);
  const properties = Object.entries(schema.properties ?? {}) as [string, JsonSchema][];
  return (
    <section id={`schema-${name}`} aria-labelledby={`schema-${name}-title`}>
      <h3 id={`schema-${name}-title`}>{name}</h3>
      {schema.description && <Prose text={schema.description} />}
      {properties.length > 0 && (
        <table>
          <caption>{`Properties of ${name}`}</caption>
          <thead>
            <tr>
              <th scope="col">Property</th>
              <th scope="col">Type</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {properties.map(([property, value]) => (
              <tr key={property}>
                <td>
                  <code>{property}</code>
                  {required.has(property) ? '' : ' (optional)'}
                </td>
                <td>
                  <TypeOf schema={value} />
                </td>
                <td>
                  <Inline text={isRef(value) ? '' : (value.description ?? '')} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {schema.additionalProperties !== undefined && schema.additionalProperties !== false && <p>Other properties may appear, as the standard defines them.</p>}
    </section>
  );
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1a1a1a; --bg: #fff; --muted: #595959; --line: #d0d0d0; --accent: #0b5ea8; --code: #f3f5f7; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8e8; --bg: #121417; --muted: #b0b0b0; --line: #3a3f45; --accent: #7cc0ff; --code: #1e2226; } }
body { margin: 0 auto; max-width: 60rem; padding: 1rem 1.25rem 3rem; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
h1 { font-family: Georgia, "Times New Roman", serif; margin-bottom: 0.25rem; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; margin-top: 2.5rem; }
h3 { margin-top: 2rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); padding: 0 0.2em; border-radius: 3px; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.75rem 0; font-size: 0.9375rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
th, td { text-align: left; vertical-align: top; border-top: 1px solid var(--line); padding: 0.35rem 0.5rem 0.35rem 0; }
.meta, .id { color: var(--muted); }
nav ul { columns: 2 16rem; padding-left: 1.25rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: 0.25rem; }
`;

/** The whole reference page as an HTML document, from the OpenAPI document. */
export function renderApiReference(document: OpenAPIV3_1.Document): string {
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) => (item?.[method] ? [{ method, path, operation: item[method] }] : [])),
  );
  const tags = document.tags ?? [];
  const schemas = Object.entries(document.components?.schemas ?? {});
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${document.info.title} reference`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <a class="skip" href="#content">
          Skip to content
        </a>
        <header>
          <p class="meta">
            <a href="/">Fortune Sky</a>
          </p>
          <h1>{document.info.title}</h1>
          <p class="meta">
            Version {document.info.version} · OpenAPI {document.openapi} document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
          </p>
        </header>
        <nav aria-label="Contents">
          <ul>
            {operations.map(({ method, path, operation }) => (
              <li key={operation.operationId}>
                <a href={`#${operation.operationId}`}>
                  {method.toUpperCase()} {path}
                </a>
              </li>
            ))}
            <li>
              <a href="#schemas">Schemas</a>
            </li>
            <li>
              <a href="#errors">Errors</a>
            </li>
          </ul>
        </nav>
        <main id="content">
          {document.info.description && <Prose text={document.info.description} />}
          {tags.map((tag) => (
            <section key={tag.name} aria-labelledby={`tag-${tags.indexOf(tag)}`}>
              <h2 id={`tag-${tags.indexOf(tag)}`}>{tag.name}</h2>
              {tag.description && <Prose text={tag.description} />}
              {operations
                .filter(({ operation }) => operation.tags?.includes(tag.name))
                .map(({ method, path, operation }) => (
                  <OperationEntry key={operation.operationId} method={method} path={path} operation={operation} />
                ))}
            </section>
          ))}
          <section aria-labelledby="schemas">
            <h2 id="schemas">Schemas</h2>
            {schemas.map(([name, schema]) => (
              <SchemaEntry key={name} name={name} schema={schema as OpenAPIV3_1.SchemaObject} />
            ))}
          </section>
          <section aria-labelledby="errors">
            <h2 id="errors">Errors</h2>
            <p>
              Every error is a problem detail (RFC 9457, <code>application/problem+json</code>; see <a href="#schema-Problem">Problem</a>) whose <code>type</code> links
              here.
            </p>
            <table>
              <caption>Error codes</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Status</th>
                  <th scope="col">Meaning</th>
                </tr>
              </thead>
              <tbody>
                {API_ERROR_CODES.map(({ code, status, meaning }) => (
                  <tr key={code} id={code}>
                    <td>
                      <code>{code}</code>
                    </td>
                    <td>{status}</td>
                    <td>
                      <Inline text={meaning} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </main>
      </body>
    </html>
  );
  return `<!doctype html>${render(page)}`;
}
