// Writes scenarios/scenario.schema.json, the JSON Schema editors use to check and complete scenario files.
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchemaText } from '../adapters/scenario/schema.ts';

const file = 'scenarios/scenario.schema.json';
writeFileSync(file, scenarioJsonSchemaText());
console.log(`wrote ${file}`);
