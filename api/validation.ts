// One validator configuration, two coercion modes. Bodies are JSON and must arrive as typed:
// nothing is coerced or dropped. Path, query and header values are always text, so they are
// coerced to the declared types (a limit of "10" is the integer 10).
import { Ajv, type FormatDefinition, type SchemaValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { isValidOrganisationNumber } from '../domain/organisation-number.ts';

// A date that must not come before a sibling date of the same object (a period's end, its
// start): plain JSON Schema cannot compare two fields. Only two valid dates are compared, so a
// start that is itself invalid is named once, by its own error. The x- prefix makes it an
// extension the OpenAPI document may carry.
function addNotBefore(ajv: Ajv) {
  const { validate } = ajv.formats.date as FormatDefinition<string>;
  const isDate = (value: unknown): value is string => typeof value === 'string' && (validate as (text: string) => boolean)(value);
  const notBefore: SchemaValidateFunction = (sibling: string, value: unknown, _schema, context) => {
    const other = (context?.parentData as Record<string, unknown>)[sibling];
    if (!isDate(value) || !isDate(other) || value >= other) return true;
    notBefore.errors = [{ keyword: 'x-not-before', message: `must not be before ${sibling}`, params: { sibling } }];
    return false;
  };
  ajv.addKeyword({ keyword: 'x-not-before', type: 'string', schemaType: 'string', errors: true, validate: notBefore });
}

function createAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes, strict: true, strictRequired: false });
  addFormats.default(ajv);
  // Checks beyond plain JSON Schema are formats, so they fail as one more invalid field.
  ajv.addFormat('organisation-number', { type: 'string', validate: isValidOrganisationNumber });
  addNotBefore(ajv);
  return ajv;
}

const strict = createAjv(false);
const coercing = createAjv(true);

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema);
