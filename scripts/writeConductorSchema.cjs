// Writes schema/conductor.schema.json from the zod schema the app parses conductor.yaml with (run after a build:
// `npm run schema`). test/unit/config/conductorSchema.test.ts fails when the committed file differs.
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { conductorJsonSchema, CONDUCTOR_SCHEMA_FILE } = require('../dist/src/domain/config/conductorJsonSchema.js');

const file = path.join(__dirname, '..', CONDUCTOR_SCHEMA_FILE);
writeFileSync(file, `${JSON.stringify(conductorJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
