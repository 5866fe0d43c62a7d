// Validates JSON documents against a JSON Schema with ajv's Draft 2020-12 validator in
// its default (strict) mode, formats from ajv-formats, and no other set-up.
//
//   node validate.mjs SCHEMA.json DOCUMENTS.json
//
// DOCUMENTS.json holds an array of documents. Prints one JSON object: the warnings ajv
// logged while compiling and, for each document, whether it is valid and the errors.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, documentsPath] = process.argv.slice(2);
const warnings = [];
const logger = {
  log: () => {},
  warn: (...args) => warnings.push(args.join(" ")),
  error: (...args) => warnings.push(args.join(" ")),
};
const ajv = new Ajv2020({ logger, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
const documents = JSON.parse(readFileSync(documentsPath, "utf8"));
const results = documents.map((document) => {
  const valid = validate(document);
  return { valid, errors: valid ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`) };
});
process.stdout.write(JSON.stringify({ warnings, results }));
