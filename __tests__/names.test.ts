/**
 * The name rules (lib/core/names: N1 to N4, K10) tested directly, without cdktf: which names
 * pass, the problem each failure states, and that the suggested fix is a name that passes.
 * The constructs' use of them is in rules.test.ts.
 */
import {
  checkDns1035Label,
  checkDns1123Label,
  checkDns1123Subdomain,
  checkGcpName,
  checkLabelSelector,
  checkObjectName,
} from '../lib/core/names';

/** The name a violation's fix suggests (`set <attribute> to e.g. "<name>"`). */
function suggested(violations: { fix: string }[]): string {
  expect(violations).toHaveLength(1);
  const m = /(?:to|use) e\.g\. "([^"]*)"$/.exec(violations[0].fix);
  if (!m) throw new Error(`no suggestion in ${violations[0].fix}`);
  return m[1];
}

describe('label names (N1, N2, N3): the problem and a suggestion that passes', () => {
  test('a name that is not a string is P1, not a name rule', () => {
    expect(checkGcpName('name', undefined as unknown as string)).toEqual([
      {
        rule: 'P1',
        attribute: 'name',
        value: '(missing)',
        problem: 'is not a string',
        allowed: expect.stringMatching(/^lowercase letters, digits and hyphens/),
        fix: 'set name to a name such as "my-name"',
      },
    ]);
    expect(checkDns1123Label('namespace', 5 as unknown as string)[0]).toMatchObject({
      rule: 'P1',
      value: '(number)',
    });
  });

  test('an invalid name "is not" the kind, whatever its length', () => {
    expect(checkGcpName('name', 'Web')[0]).toMatchObject({
      rule: 'N1',
      value: '"Web"',
      problem: 'is not a valid Google Cloud resource name (RFC 1035)',
      allowed: expect.stringMatching(/; at most 63 characters here$/),
    });
    expect(checkGcpName('name', 'W'.repeat(70))[0].problem).toBe(
      'is not a valid Google Cloud resource name (RFC 1035)',
    );
  });

  test('a valid name too long, alone or with its suffix, says its length', () => {
    expect(checkGcpName('name', 'a'.repeat(63))).toEqual([]);
    expect(checkGcpName('name', 'a'.repeat(64))[0].problem).toBe(
      'is 64 characters long, too long for a valid Google Cloud resource name (RFC 1035)',
    );
    const withSuffix = checkDns1035Label('name', 'a'.repeat(60), 63, '-abcd');
    expect(withSuffix[0]).toMatchObject({
      rule: 'N2',
      problem:
        'is 60 characters long, too long for a Kubernetes DNS-1035 label (the rule for Service names) once "-abcd" is appended',
      allowed: expect.stringMatching(/; at most 58 characters here$/),
    });
    expect(suggested(withSuffix)).toBe('a'.repeat(58));
  });

  test.each([
    ['hyphen runs collapse', 'My_App--Name', 'my-app-name'],
    ['leading non-letters go', '12-web', 'web'],
    ['nothing left: app', '123', 'app'],
    ['trailing hyphens go', 'web_', 'web'],
  ])('N1 suggestion: %s', (_, name, fix) => {
    expect(suggested(checkGcpName('name', name))).toBe(fix);
  });

  test('N2 suggestion within a short limit, and the fallback shortened to it', () => {
    expect(suggested(checkDns1035Label('name', 'Web-Server', 5))).toBe('web-s');
    expect(suggested(checkDns1035Label('name', '9', 2, ''))).toBe('ap');
    expect(suggested(checkDns1035Label('name', '9', 1, ''))).toBe('a');
  });

  test('N3 (namespaces) may start with a digit; leading hyphens go', () => {
    expect(checkDns1123Label('namespace', '1ns')).toEqual([]);
    expect(suggested(checkDns1123Label('namespace', '-ns'))).toBe('ns');
    expect(suggested(checkDns1123Label('namespace', '--9ns'))).toBe('9ns');
  });
});

describe('subdomains (N4) and object names', () => {
  test('a subdomain suggestion keeps the dots and cleans each part', () => {
    expect(checkDns1123Subdomain('name', 'a.b-c.d')).toEqual([]);
    expect(suggested(checkDns1123Subdomain('name', 'My.App'))).toBe('my.app');
    expect(suggested(checkDns1123Subdomain('name', 'A__b..-c-.D'))).toBe('a-b.c.d');
    expect(suggested(checkDns1123Subdomain('name', 'a.--b--'))).toBe('a.b');
    expect(suggested(checkDns1123Subdomain('name', '...'))).toBe('app');
  });

  test('a subdomain cut at its limit does not end with a dot', () => {
    const v = checkDns1123Subdomain('name', 'abc.def', 'x'.repeat(249));
    expect(v[0].allowed).toMatch(/; at most 4 characters here$/);
    expect(suggested(v)).toBe('abc');
  });

  test('each kind gets the rule the API server applies', () => {
    expect(checkObjectName('Service', 'name', '1svc')[0].rule).toBe('N2');
    expect(checkObjectName('Namespace', 'name', 'a.b')[0].rule).toBe('N3');
    expect(checkObjectName('Deployment', 'name', 'a.b')).toEqual([]);
    expect(checkObjectName('Deployment', 'name', 'A')[0].rule).toBe('N4');
  });
});

describe('label selectors (K10): keys and values', () => {
  test('valid keys and values pass', () => {
    expect(
      checkLabelSelector('selector', { app: 'web', 'example.com/tier': '', 'a_b.c': 'X_1.y' }),
    ).toEqual([]);
  });

  test.each([
    ['an invalid name', 'app!', 'app'],
    ['nothing left of the name', '___', 'app'],
    ['an uppercase prefix', 'Ex_ample..com/-x-', 'ex-ample.com/x'],
    ['hyphens around a prefix part', 'Ex.--a--.com/x_', 'ex.a.com/x'],
    ['a prefix with nothing left', '___/x', 'x'],
    ['a prefix too long', `${'a'.repeat(260)}/x`, `${'a'.repeat(253)}/x`],
  ])('key with %s', (_, key, fix) => {
    const v = checkLabelSelector('selector', { [key]: 'ok' });
    expect(v[0]).toMatchObject({
      rule: 'K10',
      attribute: 'selector',
      value: JSON.stringify(key),
      problem: 'is, as a key, not a Kubernetes label key',
    });
    expect(suggested(v)).toBe(fix);
  });

  test.each([
    ['__web__', 'web'],
    ['--web', 'web'],
    ['a b', 'a-b'],
  ])('value %j suggests %j', (value, fix) => {
    const v = checkLabelSelector('selector', { app: value });
    expect(v[0]).toMatchObject({
      attribute: 'selector["app"]',
      value: JSON.stringify(value),
      problem: 'is not a Kubernetes label value',
    });
    expect(suggested(v)).toBe(fix);
  });

  test('a value that is not a string is shown by its type', () => {
    const v = checkLabelSelector('selector', { app: 5 as unknown as string });
    expect(v[0].value).toBe('(number)');
  });
});
