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

// Text as people write it. PostgreSQL cannot store a NUL or an unpaired surrogate (the case
// would fail with a 500 after validation), and no other control character belongs in a form
// field; tab and line breaks belong only in text that runs over lines ('lines'), never in a
// name, an id or a reference ('line'). Every string a request carries is checked: the
// compiler below gives each one without a declared kind the kind 'line'.
const unpairedSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const lineBreakOrTab = /[\t\n\r]/;

export function textProblem(value: string, kind: 'line' | 'lines'): string | undefined {
  if (value.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (unpairedSurrogate.test(value)) return 'must be valid Unicode: it contains an unpaired UTF-16 surrogate';
  const control = controlCharacter.exec(value);
  if (control) return `must not contain the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  if (kind === 'line' && lineBreakOrTab.test(value)) return 'must be a single line: no tab or line break';
  return undefined;
}

function addText(ajv: Ajv) {
  const text: SchemaValidateFunction = (kind: 'line' | 'lines', value: string) => {
    const problem = textProblem(value, kind);
    if (!problem) return true;
    text.errors = [{ keyword: 'x-text', message: problem, params: { kind } }];
    return false;
  };
  ajv.addKeyword({ keyword: 'x-text', type: 'string', schema: true, metaSchema: { enum: ['line', 'lines'] }, errors: true, validate: text });
}

// Items of an array that must differ in one property (the registers of an application's
// sources). The error names the later item's property, the one to remove.
function addUniqueBy(ajv: Ajv) {
  const uniqueBy: SchemaValidateFunction = (property: string, items: unknown[], _schema, context) => {
    const firstIndex = new Map<unknown, number>();
    const errors = items.flatMap((item, index) => {
      const value = (item as Record<string, unknown> | null)?.[property];
      if (typeof value !== 'string') return [];
      const first = firstIndex.get(value);
      if (first === undefined) {
        firstIndex.set(value, index);
        return [];
      }
      const instancePath = `${context?.instancePath ?? ''}/${index}/${property}`;
      return [{ keyword: 'x-unique-by', instancePath, message: `repeats ${value}, already given in item ${first}: name each once`, params: { property, first } }];
    });
    if (errors.length === 0) return true;
    uniqueBy.errors = errors;
    return false;
  };
  ajv.addKeyword({ keyword: 'x-unique-by', type: 'array', schemaType: 'string', errors: true, validate: uniqueBy });
}

function createAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes, strict: true, strictRequired: false });
  addFormats.default(ajv);
  // Checks beyond plain JSON Schema are formats, so they fail as one more invalid field.
  ajv.addFormat('organisation-number', { type: 'string', validate: isValidOrganisationNumber });
  addNotBefore(ajv);
  addText(ajv);
  addUniqueBy(ajv);
  return ajv;
}

const strict = createAjv(false);
const coercing = createAjv(true);

type SchemaNode = Record<string, unknown>;
const isString = (node: SchemaNode) => node.type === 'string' || (Array.isArray(node.type) && node.type.includes('string'));

// A copy of the schema in which every string that is not one of a fixed set of values is
// checked as text, as a single line unless it says otherwise. The route's own schema, which
// the OpenAPI document shows, is left as declared.
export function withTextChecks(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withTextChecks);
  if (schema === null || typeof schema !== 'object') return schema;
  const node = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, withTextChecks(value)])) as SchemaNode;
  const free = isString(node) && node.enum === undefined && node.const === undefined;
  return free && node['x-text'] === undefined ? { ...node, 'x-text': 'line' } : node;
}

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(withTextChecks(schema) as object);
