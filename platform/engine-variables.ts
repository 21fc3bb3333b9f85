// Process variables as the engine's REST API takes them: each value with its type. Variables
// stay primitive (string, boolean, number, null): the engine refuses JSON without Spin, and
// a case's structured data lives in the case file, not in the engine.
export type TypedValue = { value: string | number | boolean | null; type: 'String' | 'Boolean' | 'Integer' | 'Long' | 'Double' | 'Null' };

const int32 = 2 ** 31;

export function typedValue(name: string, value: unknown): TypedValue {
  if (value === null || value === undefined) return { value: null, type: 'Null' };
  if (typeof value === 'string') return { value, type: 'String' };
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (!Number.isInteger(value)) return { value, type: 'Double' };
    return { value, type: value >= -int32 && value < int32 ? 'Integer' : 'Long' };
  }
  throw new TypeError(`Variable ${name} is not a string, boolean, number or null; structured data belongs in the case file`);
}

export function typedVariables(variables: Record<string, unknown>): Record<string, TypedValue> {
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typedValue(name, value)]));
}
