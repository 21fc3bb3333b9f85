// One validator configuration, two coercion modes. Bodies are JSON and must arrive as typed:
// nothing is coerced or dropped. Path, query and header values are always text, so they are
// coerced to the declared types (a limit of "10" is the integer 10).
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { isValidOrganisationNumber } from '../domain/organisation-number.ts';

function createAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes, strict: true, strictRequired: false });
  addFormats.default(ajv);
  // Checks beyond plain JSON Schema are formats, so they fail as one more invalid field.
  ajv.addFormat('organisation-number', { type: 'string', validate: isValidOrganisationNumber });
  return ajv;
}

const strict = createAjv(false);
const coercing = createAjv(true);

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema);
