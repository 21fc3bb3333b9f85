// JSON bodies, parsed strictly. JSON.parse lets the last of two equal keys win, so what is
// stored could differ from what another reader of the same body sees; and a __proto__ or
// constructor.prototype key is a prototype-pollution attempt. Both are refused, naming the key
// by its path as a validation error names a field.
import { problems, type FieldError } from './problems.ts';

type Container = {
  isObject: boolean;
  firstKey?: string; // an object's first key; a set of all is made only when a second comes
  keys?: Set<string>;
  key: string; // an object's current key
  index: number; // an array's current item
  segment: string; // where this container sits in its parent ('' at the top)
};

const QUOTE = '"'.charCodeAt(0);
const BACKSLASH = '\\'.charCodeAt(0);
const COMMA = ','.charCodeAt(0);
const OPEN_OBJECT = '{'.charCodeAt(0);
const CLOSE_OBJECT = '}'.charCodeAt(0);
const OPEN_ARRAY = '['.charCodeAt(0);
const CLOSE_ARRAY = ']'.charCodeAt(0);

const pathOf = (stack: Container[], key: string) => [...stack.slice(1).map((c) => c.segment), key].join('.');

// The index of the quote that closes the string opening at `start`: the next quote after an
// even number of backslashes.
function endOfString(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

// Whether the object already had the key; records it.
function seenBefore(object: Container, key: string): boolean {
  if (object.firstKey === undefined) {
    object.firstKey = key;
    return false;
  }
  object.keys ??= new Set([object.firstKey]);
  if (object.keys.has(key)) return true;
  object.keys.add(key);
  return false;
}

// Repeated and prototype-reaching keys in `text`, which must be valid JSON (the scan relies on
// it). One pass with an explicit stack, so no depth of nesting exhausts the call stack.
export function keyProblems(text: string): FieldError[] {
  const found = new Map<string, string>();
  const stack: Container[] = [];
  let top: Container | undefined;
  let expectingKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = endOfString(text, i);
      if (expectingKey && top) {
        // Escapes are decoded, so "\u005f_proto__" is __proto__ and "k\u0065y" repeats "key".
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        // An array item's segment is its index, so only an object under "constructor" matches.
        // Paths are built only for a problem: building one per key is quadratic in depth.
        if (key === '__proto__' || (key === 'prototype' && top.segment === 'constructor')) {
          found.set(pathOf(stack, key), 'is a forbidden key: it could change the prototype of objects');
        } else if (seenBefore(top, key)) {
          const path = pathOf(stack, key);
          if (!found.has(path)) found.set(path, 'appears more than once in its object');
        }
        top.key = key;
        expectingKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const segment = top === undefined ? '' : top.isObject ? top.key : String(top.index);
      top = { isObject: c === OPEN_OBJECT, firstKey: undefined, keys: undefined, key: '', index: 0, segment };
      stack.push(top);
      expectingKey = top.isObject;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
      top = stack.at(-1);
    } else if (c === COMMA && top) {
      if (top.isObject) expectingKey = true;
      else top.index += 1;
    }
  }
  return [...found].map(([field, message]) => ({ field, message }));
}

// The body of an application/json request, or a 400 problem.
export function parseJsonBody(text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw problems.badRequest('The body is not valid JSON');
  }
  const refused = keyProblems(text);
  if (refused.length > 0) throw problems.invalidRequest(refused);
  return body;
}
