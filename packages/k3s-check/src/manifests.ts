import { parseAllDocuments } from 'yaml';
import { type JsonObject, toJsonObject } from './json.ts';

/** Parses a multi-document YAML stream into objects; empty documents are skipped. */
export function parseManifests(text: string, source: string): JsonObject[] {
  const objects: JsonObject[] = [];
  parseAllDocuments(text).forEach((document, index) => {
    const [error] = document.errors;
    if (error) throw new Error(`${source} (document ${index + 1}): ${error.message}`);
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) objects.push(toJsonObject(value, `${source} (document ${index + 1})`));
  });
  return objects;
}
