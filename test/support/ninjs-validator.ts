import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { NINJS_STANDARD_DIR } from './seed.js';

/** The IPTC ninjs 3.1 schema (JSON Schema 2020-12), compiled once with formats checked. */
export function ninjsValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  // The schema refers to GeoJSON's for place geometry; offline, a stand-in that asks for a GeoJSON
  // "type" takes its place (Fortune Sky writes no geometry).
  ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object', required: ['type'] });
  return ajv.compile(JSON.parse(readFileSync(`${NINJS_STANDARD_DIR}ninjs-schema_3.1.json`, 'utf8')));
}
