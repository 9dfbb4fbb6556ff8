/**
 * Prints the platform event catalogue as JSON Schema, or writes it to the given file:
 * `bun packages/events/src/export-json-schema.ts [out.json]`.
 */
import { writeFileSync } from 'node:fs';
import { platformJsonSchema } from './catalogue.ts';

const json = `${JSON.stringify(platformJsonSchema(), null, 2)}\n`;
const [target] = process.argv.slice(2);
if (target) writeFileSync(target, json);
else process.stdout.write(json);
