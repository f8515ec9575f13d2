/**
 * P1's shapes (lib/core/shape) at their edges, without cdktf: the messages each shape gives,
 * the paths it names, what counts as a plain object, and that an unknown passes everywhere.
 * The constructs' use of them is in rules.test.ts (every P1 case).
 */
import {
  aBoolean,
  aNumber,
  aString,
  anInstance,
  arrayOf,
  checkShape,
  mapOf,
  objectOf,
  oneOf,
  optional,
  required,
  wrongType,
} from '../lib/core/shape';

/** A cdktf string token, as cdktf encodes one (lib/core/unknown reads it). */
const TOKEN = '${TfToken[TOKEN.1]}';

class Duration {}

describe('wrongType: the P1 message for a value of the wrong type', () => {
  test('a missing value is required; any other is not the expected type', () => {
    expect(wrongType('props.port', undefined, aNumber('8080'))).toEqual({
      rule: 'P1',
      attribute: 'props.port',
      value: '(missing)',
      problem: 'is required',
      allowed: 'a number, e.g. 8080',
      fix: 'set props.port: 8080',
    });
    expect(wrongType('name', 3, aString())).toMatchObject({
      value: '3',
      problem: 'is not a string',
      allowed: "a string, e.g. 'name'",
      fix: "set name: 'name'",
    });
  });
});

describe('leaf shapes: one JavaScript type each, tokens always accepted', () => {
  test.each([
    ['aString', aString(), 'x', 1, "'name'"],
    ['aNumber', aNumber(), 1, '1', '1'],
    ['aBoolean', aBoolean(), false, 'true', 'true'],
  ])('%s', (_, shape, good, bad, example) => {
    expect(shape.example).toBe(example);
    expect(shape.check(good, 'a')).toEqual([]);
    expect(shape.check(TOKEN, 'a')).toEqual([]);
    expect(shape.check(bad, 'a')).toEqual([wrongType('a', bad, shape)]);
    expect(shape.check(null, 'a')).toHaveLength(1);
  });

  test('examples can be given', () => {
    expect(aString("'web'").example).toBe("'web'");
    expect(aNumber('80').example).toBe('80');
    expect(aBoolean('false').example).toBe('false');
  });

  test('oneOf accepts the listed values only', () => {
    const shape = oneOf('protocol', ['TCP', 'UDP'], "'TCP'");
    expect(shape.expected).toBe('a protocol');
    expect(shape.check('UDP', 'p')).toEqual([]);
    expect(shape.check('SCTP', 'p')[0].problem).toBe('is not a protocol');
    expect(shape.check(1, 'p')).toHaveLength(1);
  });

  test('anInstance uses the given test and the right article', () => {
    const isDuration = (v: unknown) => v instanceof Duration;
    const duration = anInstance('Duration', 'Duration.seconds(30)', isDuration);
    expect(duration.expected).toBe('a Duration');
    expect(anInstance('HealthCheck', 'x', isDuration).expected).toBe('a HealthCheck');
    expect(anInstance('Instance group', 'x', isDuration).expected).toBe('an Instance group');
    expect(anInstance('Endpoint group', 'x', isDuration).expected).toBe('an Endpoint group');
    expect(duration.check(new Duration(), 'd')).toEqual([]);
    expect(duration.check(30, 'd')[0]).toMatchObject({ value: '30', problem: 'is not a Duration' });
  });
});

describe('arrayOf and mapOf: every element checked at its own path', () => {
  const ports = arrayOf(aNumber());
  const labels = mapOf(aString(), "{ app: 'web' }");

  test('names what they hold, without the article', () => {
    expect(ports.expected).toBe('an array of number values');
    expect(ports.example).toBe('[1]');
    expect(arrayOf(aNumber(), '[80]').example).toBe('[80]');
    expect(arrayOf(anInstance('Endpoint', 'e', () => true)).expected).toBe(
      'an array of Endpoint values',
    );
    expect(labels.expected).toBe('a map of string values');
    expect(labels.example).toBe("{ app: 'web' }");
  });

  test('an array: elements at [i]; a missing element is required', () => {
    expect(ports.check([1, 2], 'ports')).toEqual([]);
    expect(ports.check(TOKEN, 'ports')).toEqual([]);
    expect(ports.check(1, 'ports')).toEqual([wrongType('ports', 1, ports)]);
    expect(ports.check({ 0: 1 }, 'ports')).toHaveLength(1);
    expect(ports.check([1, 'x', undefined, null], 'ports')).toEqual([
      wrongType('ports[1]', 'x', aNumber()),
      wrongType('ports[2]', undefined, aNumber()),
      wrongType('ports[3]', null, aNumber()),
    ]);
    expect(ports.check([1, TOKEN], 'ports')).toEqual([]);
  });

  test('a map: values at ["key"]; only plain objects are maps', () => {
    expect(labels.check({ a: 'x' }, 'labels')).toEqual([]);
    expect(labels.check(Object.assign(Object.create(null), { a: 'x' }), 'labels')).toEqual([]);
    expect(labels.check(TOKEN, 'labels')).toEqual([]);
    expect(labels.check({ a: 'x', 'b.c': 1 }, 'labels')).toEqual([
      wrongType('labels["b.c"]', 1, aString()),
    ]);
    for (const notAMap of [null, ['x'], 'x', new Duration()])
      expect(labels.check(notAMap, 'labels')).toEqual([wrongType('labels', notAMap, labels)]);
  });
});

describe('objectOf and checkShape: props at their paths', () => {
  const timeout = anInstance('Duration', 'Duration.seconds(30)', (v) => v instanceof Duration);
  const options = objectOf(
    'Options',
    { name: required(aString()), timeout: optional(timeout), port: optional(aNumber()) },
    "{ name: 'web' }",
  );
  const props = objectOf('Props', { options: required(options) }, '{ options }');

  test('the article follows the name; fields are required or optional', () => {
    expect(options.expected).toBe('an Options');
    expect(props.expected).toBe('a Props');
    expect(required(aString())).toEqual({ shape: expect.anything(), required: true });
    expect(optional(aString()).required).toBeUndefined();
  });

  test('a missing optional field passes; a missing or null one is reported at its path', () => {
    expect(options.check({ name: 'a' }, 'o')).toEqual([]);
    expect(options.check({}, 'o')).toEqual([wrongType('o.name', undefined, aString())]);
    expect(options.check({ name: 'a', port: null }, 'o')).toEqual([
      wrongType('o.port', null, aNumber()),
    ]);
    expect(options.check({ name: 'a', timeout: 30 }, '')).toEqual([
      wrongType('timeout', 30, timeout),
    ]);
    expect(options.check({ name: 'a', timeout: new Duration(), port: 1 }, 'o')).toEqual([]);
  });

  test('nested objects give nested paths; a class instance is not options', () => {
    expect(props.check({ options: { name: 1 } }, '')).toEqual([
      wrongType('options.name', 1, aString()),
    ]);
    expect(props.check({ options: new Duration() }, '')).toEqual([
      wrongType('options', new Duration(), options),
    ]);
    expect(props.check(TOKEN, '')).toEqual([]);
    expect(props.check({ options: TOKEN }, '')).toEqual([]);
  });

  test('checkShape: missing props are reported as props; fields start at their name', () => {
    expect(checkShape(undefined, props)).toEqual([wrongType('props', undefined, props)]);
    expect(checkShape(null, props)).toEqual([wrongType('props', null, props)]);
    expect(checkShape({}, props)).toEqual([wrongType('options', undefined, options)]);
    expect(checkShape({ options: { name: 'a' } }, props)).toEqual([]);
  });
});
