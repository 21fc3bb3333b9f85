// The JSON body parser: its scan of the raw text for keys that JSON.parse would let through
// silently (a repeated key, where the last one wins) or that reach for a prototype.
import { describe, expect, it } from 'vitest';
import { keyProblems, parseJsonBody } from '../../../api/json-body.ts';
import { Problem } from '../../../api/problems.ts';

const fields = (text: string) => keyProblems(text).map((problem) => problem.field);

describe('the scan for repeated keys', () => {
  it.each([
    ['at the top', '{"a":1,"b":2,"a":3}', ['a']],
    ['in a nested object', '{"a":{"b":{"c":1,"c":2}}}', ['a.b.c']],
    ['in an array item, by its index', '{"list":[{"x":1},{"x":1,"x":2}]}', ['list.1.x']],
    ['in arrays of arrays', '[[1],[{"a":1,"a":2}]]', ['1.0.a']],
    ['after a closed nested value', '{"a":{"b":[1,{"c":2}]},"a":3}', ['a']],
    ['spelled with an escape', '{"key":1,"k\\u0065y":2}', ['key']],
    ['containing an escaped quote', '{"say \\"hi\\"":1,"say \\"hi\\"":2}', ['say "hi"']],
    ['ending in an escaped backslash', '{"dir\\\\":1,"dir\\\\":2}', ['dir\\']],
    ['around white space', '{ "a" : 1 ,\n\t"a" : 2 }', ['a']],
    ['three times, named once', '{"a":1,"a":2,"a":3}', ['a']],
    ['that is empty', '{"":1,"b":2,"":3}', ['']],
    ['in two places, each named', '{"a":1,"a":2,"b":{"c":1,"c":2}}', ['a', 'b.c']],
  ])('finds one %s', (_where, text, expected) => {
    expect(fields(text)).toEqual(expected);
  });

  it.each([
    ['the same key in sibling objects', '{"a":{"x":1},"b":{"x":1}}'],
    ['the same key in array items', '[{"a":1},{"a":2}]'],
    ['a key and a nested key of the same name', '{"a":{"a":{"a":1}}}'],
    ['a key closed inside an array, then used outside it', '{"a":[{"b":1}],"b":2}'],
    ['key-like text inside a string', '{"a":"\\",\\"a\\":\\"","b":"{\\"b\\":1}"}'],
    ['a string ending in an escaped backslash', '{"a":"x\\\\","b":"\\\\\\\\","c":1}'],
    ['a value equal to a key', '{"a":"a","b":["a","a"]}'],
    ['empty containers', '{"a":{},"b":[],"c":[[],{}],"d":{"e":{}}}'],
    ['keys differing only in case', '{"a":1,"A":2}'],
    ['plain values', '"text"'],
  ])('finds none with %s', (_what, text) => {
    expect(fields(text)).toEqual([]);
  });

  it('walks 10,000 levels deep without running out of stack', () => {
    const depth = 10_000;
    const text = `${'{"a":'.repeat(depth)}{"b":1,"b":2}${'}'.repeat(depth)}`;
    expect(fields(text)).toEqual([`${'a.'.repeat(depth)}b`]);
  });
});

describe('the scan for keys that reach a prototype', () => {
  it.each([
    ['__proto__ at the top', '{"__proto__":{"x":1}}', ['__proto__']],
    ['__proto__ nested', '{"a":[{"__proto__":null}]}', ['a.0.__proto__']],
    ['__proto__ spelled with escapes', '{"\\u005f\\u005fproto\\u005f\\u005f":{}}', ['__proto__']],
    ['constructor.prototype', '{"a":{"constructor":{"prototype":{"x":1}}}}', ['a.constructor.prototype']],
    ['constructor.prototype at the top', '{"constructor":{"x":1,"prototype":1}}', ['constructor.prototype']],
  ])('refuses %s', (_what, text, expected) => {
    expect(fields(text)).toEqual(expected);
    expect(keyProblems(text)[0]!.message).toContain('forbidden');
  });

  it.each([
    ['constructor with a plain value', '{"constructor":"x"}'],
    ['prototype outside a constructor', '{"prototype":{"a":1}}'],
    ['a constructor inside an array under constructor', '{"constructor":[{"prototype":1}]}'],
    ['__proto__ as a value', '{"a":"__proto__"}'],
  ])('allows %s', (_what, text) => {
    expect(fields(text)).toEqual([]);
  });
});

describe('parsing a body', () => {
  it('returns the value of valid JSON', () => {
    expect(parseJsonBody('{"a":[1,{"b":null}]}')).toEqual({ a: [1, { b: null }] });
  });

  it.each([[''], ['{'], ['{"a":1,}'], ["{'a':1}"]])('refuses %j as not JSON', (text) => {
    expect(() => parseJsonBody(text)).toThrow(Problem);
    expect(() => parseJsonBody(text)).toThrow(/not valid JSON/);
  });

  it('refuses repeated and forbidden keys as invalid fields, naming each', () => {
    let thrown: unknown;
    try {
      parseJsonBody('{"a":1,"a":2,"b":{"__proto__":{}}}');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Problem);
    expect(thrown).toMatchObject({ status: 400, type: 'https://helsedata.no/problems/invalid-request' });
    expect((thrown as Problem).errors!.map((e) => e.field)).toEqual(['a', 'b.__proto__']);
  });
});
