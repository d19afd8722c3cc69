// SPDX-License-Identifier: GPL-3.0-or-later
// Validates a FHIR R4 JSON file with the `fhir` package (FHIR.js): structure, cardinality,
// types and required value sets; unexpected members are errors. Exits 0 when valid, 1 with
// the messages when not, 2 when it cannot run.
'use strict';

const fs = require('fs');

let Fhir;
try {
  ({ Fhir } = require('fhir'));
} catch (error) {
  console.error(`validate.js: the fhir package is not installed (${error.message}); ` +
                'run "npm ci" in tests/fhir (tools/setup.sh does)');
  process.exit(2);
}

if (process.argv.length !== 3) {
  console.error('usage: node validate.js FILE.json');
  process.exit(2);
}

let resource;
try {
  resource = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
} catch (error) {
  console.error(`validate.js: ${process.argv[2]}: ${error.message}`);
  process.exit(1);
}

const result = new Fhir().validate(resource, { errorOnUnexpected: true });
const problems = result.messages.filter((m) => m.severity === 'error');
for (const message of result.messages)
  console.error(`${message.severity}: ${message.location}: ${message.message}`);
if (!result.valid || problems.length > 0) {
  console.error(`validate.js: ${process.argv[2]} is not a valid FHIR R4 resource`);
  process.exit(1);
}
console.log(`${process.argv[2]}: valid ${resource.resourceType}`);
