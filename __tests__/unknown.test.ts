/**
 * Unknown values (lib/core/unknown) at their edges, without cdktf: cdktf's markers built by hand
 * (cdktf 0.21 `lib/tokens/private/encoding.js`), escapes, lists, maps, and how an unknown is
 * shown to people. The cdktf-made forms are in kubernetes-model.test.ts.
 */
import {
  AFTER_APPLY,
  API_DECIDED,
  containsUnknown,
  describeUnknown,
  isUnknown,
} from '../lib/core/unknown';

/** A double whose top 16 bits are `top`, as cdktf encodes number tokens. */
function withTop(top: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint16(0, top);
  view.setUint16(6, 42);
  return view.getFloat64(0);
}

describe('isUnknown', () => {
  test('strings: interpolations and directives, unless escaped', () => {
    expect(isUnknown('${x}')).toBe(true);
    expect(isUnknown('%{x}')).toBe(true);
    // A `{` first in the string used to end the scan: JSON text with a reference was "known".
    expect(isUnknown('{${x}')).toBe(true);
    expect(isUnknown('{"port": "${var.port}"}')).toBe(true);
    expect(isUnknown('$${x} and %{y}')).toBe(true);
    expect(isUnknown('$$$${x}')).toBe(false);
    expect(isUnknown('%%{x} $${y}')).toBe(false);
    expect(isUnknown('{x}')).toBe(false);
    expect(isUnknown('${')).toBe(true);
    expect(isUnknown('$')).toBe(false);
    expect(isUnknown('')).toBe(false);
  });

  test("strings: cdktf's list and map token markers anywhere", () => {
    expect(isUnknown('#{TfToken[TOKEN.1]}')).toBe(true);
    expect(isUnknown('x&{TfToken[TOKEN.2]}')).toBe(true);
    expect(isUnknown('#{Other[1]}')).toBe(false);
    expect(isUnknown(AFTER_APPLY)).toBe(true);
    expect(isUnknown(API_DECIDED)).toBe(true);
  });

  test("numbers: cdktf's token bit patterns and nothing else", () => {
    expect(isUnknown(withTop(0xfdff))).toBe(true);
    expect(isUnknown(withTop(0xfbff))).toBe(true);
    expect(isUnknown(withTop(0xfcff))).toBe(false);
    expect(isUnknown(withTop(0x7dff))).toBe(false);
    expect(isUnknown(NaN)).toBe(false);
    expect(isUnknown(Number.MAX_VALUE)).toBe(false);
  });

  test('lists: a one-element token list is unknown; a list holding a reference is not', () => {
    expect(isUnknown(['#{TfToken[TOKEN.7]}'])).toBe(true);
    expect(isUnknown([withTop(0xfdff)])).toBe(true);
    expect(isUnknown([withTop(0xfbff)])).toBe(true);
    expect(isUnknown(['#{TfToken[TOKEN.7]}', 'b'])).toBe(false);
    expect(isUnknown(['${var.x}'])).toBe(false);
    expect(isUnknown([1])).toBe(false);
    expect(isUnknown([{ resolve: () => 1 }])).toBe(false);
  });

  test('objects: a resolvable, or a map with a token key', () => {
    expect(isUnknown({ resolve: () => 1 })).toBe(true);
    expect(isUnknown({ resolve: 'not a function' })).toBe(false);
    expect(isUnknown({ 'a&{TfToken[TOKEN.3]}': 1 })).toBe(true);
    expect(isUnknown({ '#{TfToken[TOKEN.3]}': 1 })).toBe(false);
    expect(isUnknown({ a: '${var.x}' })).toBe(false);
    expect(isUnknown(null)).toBe(false);
    expect(isUnknown(true)).toBe(false);
  });
});

describe('containsUnknown', () => {
  test('the value or anything inside it', () => {
    expect(containsUnknown('${var.x}')).toBe(true);
    expect(containsUnknown([1, ['a', '${var.x}']])).toBe(true);
    expect(containsUnknown({ a: { b: [AFTER_APPLY] } })).toBe(true);
    expect(containsUnknown({ a: 1, b: '${var.x}', c: 'x' })).toBe(true);
    expect(containsUnknown([1, ['a']])).toBe(false);
    expect(containsUnknown({ a: { b: [null] } })).toBe(false);
    expect(containsUnknown(null)).toBe(false);
    expect(containsUnknown(3)).toBe(false);
  });
});

describe('describeUnknown', () => {
  test('the expression, "known after apply" or "decided by the API"', () => {
    expect(describeUnknown(AFTER_APPLY)).toBe('(known after apply)');
    expect(describeUnknown(API_DECIDED)).toBe('(decided by the API at apply)');
    expect(describeUnknown('${var.port}')).toBe('${var.port} (known after apply)');
    expect(describeUnknown('${TfToken[TOKEN.1]}')).toBe('(token, known after apply)');
    expect(describeUnknown('%{ if x }y%{ endif }')).toBe('(token, known after apply)');
    expect(describeUnknown(withTop(0xfdff))).toBe('(token, known after apply)');
    expect(describeUnknown({ resolve: () => 1 })).toBe('(token, known after apply)');
  });
});
