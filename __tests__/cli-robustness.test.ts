/**
 * Input that cannot hurt `affinity-review` and `affinity-review lint` (issue 19, robustness;
 * issue 17, item 5): bad input exits 2 with one line naming the file and the problem; large
 * values are shown cut and never multiply; no control character from the input reaches the
 * output; lint input is never silently empty; an AffinityChecks that never ran fails the
 * process. In-process through `runReview`, with a few spawned processes for the exit codes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runReview } from '../lib/review/cli';
import {
  DISPLAY_WORD_MAX,
  display,
  errorLine,
  escapeControl,
  safeJson,
  wrap,
} from '../lib/review/format';
import {
  MAX_JSON_DEPTH,
  MAX_JSON_STRING,
  checkJsonLimits,
  jsonSyntaxError,
  lineColumn,
  parseJson,
} from '../lib/review/json-input';
import { prng, validPlan, validSynth } from '../fuzz/cli-inputs';

const ROOT = path.join(__dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-robust-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A fresh directory under the test's temporary directory. */
const fresh = (name: string) => {
  const d = path.join(tmp, `${n++}-${name}`);
  fs.mkdirSync(d, { recursive: true });
  return d;
};
/** A synth output directory whose stack `a` holds `content` (a value or raw text). */
function synthDir(content: unknown, raw = false): string {
  const d = fresh('synth');
  fs.mkdirSync(path.join(d, 'stacks', 'a'), { recursive: true });
  fs.writeFileSync(
    path.join(d, 'stacks', 'a', 'cdk.tf.json'),
    raw ? (content as string) : JSON.stringify(content),
  );
  return d;
}
function jsonFile(content: unknown, raw = false): string {
  const f = path.join(fresh('file'), 'input.json');
  fs.writeFileSync(f, raw ? (content as string | Buffer) : JSON.stringify(content));
  return f;
}
const GOOD = synthDir(validSynth());

/** Exit 2, nothing on stdout, one line on stderr, no stack trace; returns the line. */
function refused(argv: string[]): string {
  const r = runReview(argv);
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
  expect(r.stderr).toMatch(/^affinity-review( lint)?: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return r.stderr;
}

const deepJson = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

describe('bad input exits 2 with one line that names the file and the problem', () => {
  test('stacks is a file', () => {
    const d = fresh('stacks-file');
    fs.writeFileSync(path.join(d, 'stacks'), 'x');
    for (const argv of [[d], [GOOD, '--base', d], ['lint', d]])
      expect(refused(argv)).toMatch(/stacks is a file, not the directory of stacks/);
  });

  test('the synth directory is missing or a file', () => {
    const file = jsonFile({});
    expect(refused([file])).toMatch(/is not a directory but a file/);
    expect(refused([path.join(tmp, 'gone')])).toMatch(/gone is not a directory: ENOENT/);
  });

  test('a stack directory without cdk.tf.json is an error, not a stack that vanished', () => {
    const d = synthDir(validSynth());
    fs.mkdirSync(path.join(d, 'stacks', 'b'));
    expect(refused([d, '--base', GOOD])).toMatch(/stacks\/b has no cdk\.tf\.json/);
    expect(refused(['lint', d])).toMatch(/stacks\/b has no cdk\.tf\.json/);
  });

  test('a stack directory that is a broken link or a link loop is an error', () => {
    const d = synthDir(validSynth());
    fs.symlinkSync('nowhere', path.join(d, 'stacks', 'b'));
    expect(refused([d])).toMatch(/cannot read the stack directory .*stacks\/b: ENOENT/);
    const loop = synthDir(validSynth());
    fs.symlinkSync('c', path.join(loop, 'stacks', 'c'));
    expect(refused(['lint', loop])).toMatch(/stacks\/c: ELOOP \(a loop of symbolic links\)/);
  });

  test('cdk.tf.json that is a directory is an error', () => {
    const d = fresh('dir-json');
    fs.mkdirSync(path.join(d, 'stacks', 'a', 'cdk.tf.json'), { recursive: true });
    expect(refused([d])).toMatch(/cdk\.tf\.json is not a file/);
    expect(refused([GOOD, '--plan', path.join(d, 'stacks')])).toMatch(/is a directory/);
  });

  test.each([
    ['--base', ''],
    ['--plan', ''],
    ['--base', '   '],
    ['--format', ''],
    ['--fail-on', ''],
  ])('%s %j is an error, never a fallback to the inventory', (flag, value) => {
    expect(refused([GOOD, flag, value])).toMatch(`${flag} is given an empty value`);
    expect(refused([GOOD, `${flag}=${value}`])).toMatch(`${flag} is given an empty value`);
  });

  test('an empty synth-dir or lint target, and empty lint flags, are errors', () => {
    expect(refused([''])).toMatch(/the <synth-dir> argument is empty/);
    expect(refused(['lint', ''])).toMatch(/argument is empty/);
    expect(refused(['lint', GOOD, '--format', ''])).toMatch(/--format is given an empty value/);
    expect(refused(['lint', GOOD, '--fail-on', ''])).toMatch(/--fail-on is given an empty value/);
  });

  test.each<[string, unknown, string]>([
    ['true', true, 'true'],
    ['a list', [], 'a list'],
    ['a number', 42, 'a number'],
    ['a string', 's', 'a string'],
    ['null', null, 'null'],
  ])('a cdk.tf.json that is %s is refused by the inventory, --base and lint', (_n, v, kind) => {
    const d = synthDir(v);
    const file = path.join(d, 'stacks', 'a', 'cdk.tf.json');
    const reason = `${file} is not a JSON object (it is ${kind})`;
    expect(refused([d])).toContain(reason);
    expect(refused([GOOD, '--base', d])).toContain(reason);
    expect(refused(['lint', d])).toContain(reason);
    expect(refused([GOOD, '--plan', jsonFile(v)])).toMatch(
      new RegExp(`is not a JSON object \\(it is ${kind}\\): not the output of terraform show`),
    );
  });

  test.each<[string, unknown, RegExp]>([
    ['resource a list', { resource: [] }, /"resource" is not an object of types \(it is a list\)/],
    [
      'a type a list',
      { resource: { google_compute_backend_service: [] } },
      /resource\.google_compute_backend_service is not an object of resources by name/,
    ],
    [
      'a resource a number',
      { resource: { google_compute_backend_service: { web: 5 } } },
      /resource\.google_compute_backend_service\.web is not an object of attributes \(it is a number\)/,
    ],
  ])('a synth with %s is refused (lint read it as no resources)', (_n, v, reason) => {
    const d = synthDir(v);
    expect(refused([d])).toMatch(reason);
    expect(refused(['lint', d])).toMatch(reason);
    expect(refused(['lint', path.join(d, 'stacks', 'a', 'cdk.tf.json')])).toMatch(reason);
  });

  test.each<[string, (p: any) => void, RegExp]>([
    ['planned_values a list', (p) => (p.planned_values = []), /planned_values is not an object/],
    [
      'root_module a string',
      (p) => (p.planned_values.root_module = 'x'),
      /planned_values\.root_module is not an object \(it is a string\)/,
    ],
    [
      'resources a number',
      (p) => (p.planned_values.root_module.resources = 1),
      /root_module\.resources is not a list/,
    ],
    [
      'a resource without a type',
      (p) => delete p.planned_values.root_module.resources[0].type,
      /resources\[0\] is not an object with a string address and type/,
    ],
    [
      'values a list',
      (p) => (p.planned_values.root_module.resources[1].values = []),
      /resources\[1\] \(.+\): values is not an object/,
    ],
    [
      'child_modules an object',
      (p) => (p.planned_values.root_module.child_modules = {}),
      /child_modules is not a list/,
    ],
    [
      'a module call a string',
      (p) => (p.configuration.root_module.module_calls = { m: 'x' }),
      /module_calls\.m is not an object/,
    ],
    ['format_version a number', (p) => (p.format_version = 1), /format_version is not a string/],
  ])('lint of a plan with %s exits 2', (_n, change, reason) => {
    const plan = validPlan();
    change(plan);
    expect(refused(['lint', jsonFile(plan)])).toMatch(reason);
  });

  test('JSON errors name the file, line and column, and never quote a cut piece of the input', () => {
    const text = '{\n  "resource": {\n    "x": tru\n  }\n}';
    const d = synthDir(text, true);
    const file = path.join(d, 'stacks', 'a', 'cdk.tf.json');
    expect(refused([d])).toBe(
      `affinity-review: ${file} is not valid JSON at line 3, column 10: expected a value, found 't'\n`,
    );
    const plan = jsonFile(
      `{"format_version": "1.2", "resource_changes": ["${'x'.repeat(500)}`,
      true,
    );
    expect(refused([GOOD, '--plan', plan])).toBe(
      `affinity-review: ${plan} is not valid JSON at line 1, column 48: a string that is never closed\n`,
    );
    expect(refused(['lint', jsonFile('', true)])).toMatch(
      /input\.json is not valid JSON at line 1, column 1: the file ends before the JSON value does/,
    );
  });

  test('UTF-16 (PowerShell) is refused with the fix; a UTF-8 BOM is accepted', () => {
    const text = JSON.stringify(validPlan());
    const utf16 = jsonFile(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      true,
    );
    expect(refused(['lint', utf16])).toMatch(/is UTF-16 text .*Out-File -Encoding utf8/);
    const bom = jsonFile(`\ufeff${text}`, true);
    expect(runReview(['lint', bom, '--format', 'json']).code).not.toBe(2);
  });

  test(`nesting deeper than ${MAX_JSON_DEPTH} levels is refused by name, not by a stack overflow`, () => {
    // Written as text: JSON.stringify itself would overflow on it.
    const withDeep = (doc: unknown, marker: string) =>
      JSON.stringify(doc).replace(`"${marker}"`, deepJson(20_000));
    const synth = validSynth();
    synth.resource.google_compute_backend_service.web.iap = 'DEEP';
    const d = synthDir(withDeep(synth, 'DEEP'), true);
    for (const argv of [[d], [GOOD, '--base', d], ['lint', d]])
      expect(refused(argv)).toMatch(
        new RegExp(`line 1, column \\d+: nesting deeper than ${MAX_JSON_DEPTH} levels`),
      );
    const plan = validPlan();
    plan.resource_changes[0].change.after.iap = 'DEEP';
    const file = jsonFile(withDeep(plan, 'DEEP'), true);
    expect(refused([GOOD, '--plan', file])).toMatch(/nesting deeper than/);
    expect(refused(['lint', file])).toMatch(/nesting deeper than/);
  });

  test('nesting just within the limit is read by every path without overflowing', () => {
    const synth = validSynth();
    synth.resource.google_compute_backend_service.web.iap = JSON.parse(
      deepJson(MAX_JSON_DEPTH - 10),
    );
    const changed = JSON.parse(JSON.stringify(synth));
    changed.resource.google_compute_backend_service.web.iap = JSON.parse(
      deepJson(MAX_JSON_DEPTH - 10).replace('1', '2'),
    );
    const d = synthDir(synth);
    const d2 = synthDir(changed);
    for (const argv of [[d], [d2, '--base', d], ['lint', d]])
      expect([0, 1]).toContain(runReview(argv).code);
  });

  test('the limits are checked on the text, in one pass', () => {
    expect(() => checkJsonLimits(deepJson(MAX_JSON_DEPTH), 'f')).not.toThrow();
    expect(() => checkJsonLimits(deepJson(MAX_JSON_DEPTH + 1), 'f')).toThrow(
      `f, line 1, column ${MAX_JSON_DEPTH + 1}: nesting deeper than ${MAX_JSON_DEPTH} levels`,
    );
    // Brackets and escaped quotes inside strings are not structure.
    expect(() =>
      checkJsonLimits(`["${'['.repeat(1000)}\\"${'{'.repeat(1000)}\\\\"]`, 'f'),
    ).not.toThrow();
    const long = `{"a": "${'s'.repeat(MAX_JSON_STRING + 1)}"}`;
    expect(() => checkJsonLimits(long, 'f')).toThrow(
      `f, line 1, column 7: a string of ${MAX_JSON_STRING + 1} characters, longer than the limit of ${MAX_JSON_STRING}`,
    );
    expect(() => checkJsonLimits(long.replace('s', ''), 'f')).not.toThrow();
  });

  test('the syntax locator agrees with JSON.parse on every cut of valid documents', () => {
    const texts = [
      JSON.stringify(validPlan(), null, 2),
      JSON.stringify(validSynth()),
      '{"a":"\\u00e9\\"\\\\","b":[1,-2.5e+3,true,false,null,{}],"c":{}}',
    ];
    for (const text of texts) {
      expect(jsonSyntaxError(text)).toBeUndefined();
      for (let cut = 0; cut < text.length; cut += Math.max(1, Math.floor(text.length / 400))) {
        const piece = text.slice(0, cut);
        let parses = true;
        try {
          JSON.parse(piece);
        } catch {
          parses = false;
        }
        expect({ piece, located: jsonSyntaxError(piece) !== undefined }).toEqual({
          piece,
          located: !parses,
        });
      }
    }
    for (const bad of ['{"a":1,}', '[1 2]', '{"a" 1}', '01', '"\\x"', '"\\u12"', "{'a':1}", '1 2'])
      expect({ bad, located: jsonSyntaxError(bad) !== undefined }).toEqual({ bad, located: true });
    expect(lineColumn('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
    expect(() => parseJson('{\n"a": [1,\n]}', 'p.json')).toThrow(
      "p.json is not valid JSON at line 3, column 1: expected a value, found ']'",
    );
  });
});

describe('an unreadable stacks directory, stack directory or file is never skipped', () => {
  // The tests run as root here, where chmod 000 does not stop a read: the refusal is simulated.
  const eacces = (p: string) =>
    Object.assign(new Error(`EACCES: permission denied, '${p}'`), { code: 'EACCES' });
  afterEach(() => jest.restoreAllMocks());

  test('stacks that cannot be listed', () => {
    const real = fs.readdirSync;
    jest.spyOn(fs, 'readdirSync').mockImplementation(((p: fs.PathLike, o?: unknown) => {
      if (String(p).endsWith('stacks')) throw eacces(String(p));
      return (real as any)(p, o);
    }) as typeof fs.readdirSync);
    expect(refused([GOOD])).toMatch(/cannot read .*stacks: EACCES \(permission denied\)/);
    expect(refused(['lint', GOOD])).toMatch(/EACCES/);
  });

  test('a stack directory or its cdk.tf.json that cannot be read', () => {
    const d = synthDir(validSynth());
    fs.mkdirSync(path.join(d, 'stacks', 'b'));
    fs.writeFileSync(path.join(d, 'stacks', 'b', 'cdk.tf.json'), '{}');
    const real = fs.statSync;
    const spy = jest.spyOn(fs, 'statSync').mockImplementation(((p: fs.PathLike, o?: unknown) => {
      if (String(p).endsWith(path.join('stacks', 'b'))) throw eacces(String(p));
      return (real as any)(p, o);
    }) as typeof fs.statSync);
    // Before: the stack was skipped, so each of its resources read as "removed".
    expect(refused([d, '--base', d])).toMatch(
      /cannot read the stack directory .*stacks\/b: EACCES/,
    );
    spy.mockRestore();
    const readReal = fs.readFileSync;
    jest.spyOn(fs, 'readFileSync').mockImplementation(((
      p: fs.PathOrFileDescriptor,
      o?: unknown,
    ) => {
      if (String(p).endsWith(path.join('b', 'cdk.tf.json'))) throw eacces(String(p));
      return (readReal as any)(p, o);
    }) as typeof fs.readFileSync);
    expect(refused(['lint', d])).toMatch(/cannot read .*b\/cdk\.tf\.json: EACCES/);
  });

  test('a file larger than the limit is refused before it is read', () => {
    const file = jsonFile(validPlan());
    const real = fs.statSync;
    jest.spyOn(fs, 'statSync').mockImplementation(((p: fs.PathLike, o?: unknown) => {
      const st = (real as any)(p, o);
      return String(p) === file ? Object.assign(st, { size: 2 ** 30 }) : st;
    }) as typeof fs.statSync);
    expect(refused([GOOD, '--plan', file])).toMatch(
      /is 1024 MiB, larger than the limit of 256 MiB/,
    );
  });
});

describe('a 1 MB value is shown cut, and costs memory in proportion to its size', () => {
  const big = 'n'.repeat(2 ** 20);
  const bigSynth = validSynth();
  bigSynth.resource.google_compute_backend_service.web.name = big;
  const d = synthDir(bigSynth);
  const plan = validPlan();
  plan.resource_changes[2].change.after.name = big; // the backend service, renamed
  const planFile = jsonFile(plan);

  test.each([
    ['inventory, text', [d]],
    ['inventory, markdown', [d, '--format', 'markdown']],
    ['--base, text', [d, '--base', GOOD]],
    ['--base, markdown', [GOOD, '--base', d, '--format', 'markdown']],
    ['--plan', [GOOD, '--plan', planFile, '--fail-on', 'never']],
    ['lint, text', ['lint', d, '--fail-on', 'never']],
    ['lint, markdown', ['lint', d, '--format', 'markdown', '--fail-on', 'never']],
  ])('%s', (_n, argv) => {
    const r = runReview(argv);
    expect([0, 1]).toContain(r.code);
    expect(r.stdout.length).toBeLessThan(20_000);
    expect(r.stdout).toMatch(/n… \(\+\d{6,} characters\)/);
  });

  test('JSON output carries the whole value', () => {
    const r = runReview([d, '--format', 'json']);
    expect(JSON.parse(r.stdout).entries.some((e: any) => e.name === big)).toBe(true);
  });

  test('wrap is linear: a word of 1 MB is cut in one pass, line by line', () => {
    const lines = wrap(big, 120, '    ');
    expect(lines[0]).toHaveLength(120);
    expect(lines.slice(1, -1).every((l) => l.length === 120)).toBe(true);
    expect(lines.join('').replace(/ /g, '')).toBe(big);
  });
});

describe('no control character from the input reaches the output', () => {
  const HOSTILE = [
    '\u001b[31mred\u001b[0m',
    '\u001b]0;title\u0007',
    '\u009b2J',
    'nul\u0000del\u007f',
    'two\nlines\r\ttab',
    'bidi\u202eesrever\u202c',
    'sep\u2028arator',
  ];
  // Everything but the newlines the formats write themselves.
  // eslint-disable-next-line no-control-regex
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

  function hostile(name: string) {
    const synth = validSynth();
    synth.resource.google_compute_backend_service.web.name = name;
    synth.resource.google_compute_backend_service.web.session_affinity = name;
    synth.resource.kubernetes_service_v1.guacd.metadata.name = name;
    const plan = validPlan();
    plan.resource_changes[2].change.after.name = name;
    plan.resource_changes[2].change.after.session_affinity = name;
    plan.planned_values.root_module.resources[2].values.name = name;
    return { dir: synthDir(synth), plan: jsonFile(plan) };
  }

  test.each(HOSTILE)('%j is escaped in every text and markdown path', (name) => {
    const { dir, plan } = hostile(name);
    const runs = [
      [dir],
      [dir, '--format', 'markdown'],
      [dir, '--base', GOOD],
      [GOOD, '--base', dir, '--format', 'markdown'],
      [GOOD, '--plan', plan],
      [GOOD, '--plan', plan, '--format', 'markdown'],
      ['lint', dir],
      ['lint', dir, '--format', 'markdown'],
      ['lint', plan],
      ['lint', plan, '--format', 'markdown'],
    ];
    for (const argv of runs) {
      const r = runReview([...argv, '--fail-on', 'never']);
      expect({ argv, raw: RAW.exec(r.stdout + r.stderr)?.[0] }).toEqual({ argv, raw: undefined });
      expect(r.stdout).toContain(escapeControl(name));
    }
  });

  test.each(HOSTILE)('%j survives JSON and SARIF whole, as escapes', (name) => {
    const { dir, plan } = hostile(name);
    for (const argv of [
      [dir, '--format', 'json'],
      [GOOD, '--plan', plan, '--format', 'json', '--fail-on', 'never'],
      ['lint', dir, '--format', 'json', '--fail-on', 'never'],
      ['lint', plan, '--format', 'sarif', '--fail-on', 'never'],
    ]) {
      const r = runReview(argv);
      expect(RAW.exec(r.stdout)).toBeNull();
      expect(JSON.stringify(JSON.parse(r.stdout))).toContain(JSON.stringify(name).slice(1, -1));
    }
  });

  test('error lines escape what the user typed', () => {
    const r = runReview([GOOD, '--format', '\u001b[2J\nx']);
    expect(r.stderr).toBe(
      'affinity-review: --format \\x1b[2J\\nx is not one of text, markdown, json\n',
    );
    const d = fresh('esc\u001b[1m');
    fs.writeFileSync(path.join(d, 'stacks'), '');
    expect(RAW.exec(refused([d]))).toBeNull();
  });

  test('escapeControl, display and safeJson', () => {
    expect(escapeControl('a\u001b[31mb\u009bc\u007f\n\t\r\u202e\u0000')).toBe(
      'a\\x1b[31mb\\x9bc\\x7f\\n\\t\\r\\u202e\\x00',
    );
    expect(escapeControl('plain → ünïcode ’')).toBe('plain → ünïcode ’');
    const word = 'w'.repeat(DISPLAY_WORD_MAX + 50);
    expect(display(`a ${word} b`)).toBe(
      `a ${'w'.repeat(DISPLAY_WORD_MAX - 1)}… (+51 characters) b`,
    );
    expect(display(' x'.repeat(5000))).toMatch(/^( x)+ … \(\+\d+ characters\)$/);
    expect(display(42)).toBe('42');
    expect(safeJson({ a: '\u009b\u007f\u202e\n' })).toBe('{"a":"\\u009b\\u007f\\u202e\\n"}');
    expect(errorLine('p', 'two\nlines')).toBe('p: two\\nlines\n');
    // Idempotent, and bounded, on random mixtures of words, spaces and control characters.
    const rand = prng(19);
    const alphabet = ['a', ' ', '\u001b', '\n', 'é', '\u009b', 'x'.repeat(150), '|'];
    for (let i = 0; i < 300; i++) {
      let s = '';
      const len = Math.floor(rand() * 120);
      for (let k = 0; k < len; k++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const once = display(s);
      expect(display(once)).toBe(once);
      expect(RAW.test(once)).toBe(false);
    }
  });

  test('wrap gives the same lines as the quadratic cut it replaced', () => {
    const oldWrap = (text: string, width: number, indent: string) => {
      const lines: string[] = [];
      let line = /^\s*/.exec(text)![0];
      let empty = true;
      for (const word of text.trim().split(/\s+/).filter(Boolean)) {
        if (!empty && line.length + 1 + word.length > width) {
          lines.push(line);
          line = indent;
          empty = true;
        }
        line = empty ? line + word : `${line} ${word}`;
        empty = false;
        while (line.length > width) {
          lines.push(line.slice(0, width));
          line = indent + line.slice(width);
        }
      }
      if (!empty) lines.push(line);
      return lines;
    };
    const rand = prng(7);
    for (let i = 0; i < 300; i++) {
      const words = Array.from({ length: Math.floor(rand() * 12) }, () =>
        'abcdefgh'.repeat(1 + Math.floor(rand() * 60)).slice(0, 1 + Math.floor(rand() * 400)),
      );
      const text = `${' '.repeat(Math.floor(rand() * 6))}${words.join(' ')}`;
      const width = 20 + Math.floor(rand() * 120);
      const indent = ' '.repeat(Math.floor(rand() * 12));
      expect(wrap(text, width, indent)).toEqual(oldWrap(text, width, indent));
    }
  });
});

describe('lint input is never silently empty (issue 17, item 5)', () => {
  test.each<[string, unknown]>([
    ['true', true],
    ['[]', []],
    ['7', 7],
  ])('a cdk.tf.json file that is %s exits 2', (_n, v) => {
    const d = synthDir(v);
    expect(refused(['lint', d])).toMatch(/is not a JSON object/);
    expect(refused(['lint', path.join(d, 'stacks', 'a', 'cdk.tf.json')])).toMatch(
      /is not a JSON object/,
    );
  });

  test('a plan whose planned_values are empty but whose resource_changes hold resources is linted from the changes', () => {
    const plan = validPlan();
    plan.planned_values = { root_module: {} };
    const r = runReview(['lint', jsonFile(plan), '--format', 'json', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.resources).toBe(plan.resource_changes.length);
  });
});

describe('spawned processes: the exit codes a shell sees', () => {
  // Runs the TypeScript sources in a child process, transpiled on load (no build step), with
  // the transpiled files cached between the spawns of this file.
  const hook = path.join(tmp, 'ts-hook.js');
  fs.writeFileSync(
    hook,
    `const fs = require('fs'), path = require('path'), crypto = require('crypto');
const cache = ${JSON.stringify(path.join(tmp, 'ts-cache'))};
let ts;
require.extensions['.ts'] = (m, file) => {
  const src = fs.readFileSync(file, 'utf8');
  const hit = path.join(cache, crypto.createHash('sha1').update(file + src).digest('hex') + '.js');
  let js;
  try { js = fs.readFileSync(hit, 'utf8'); } catch {
    ts ??= require(${JSON.stringify(require.resolve('typescript'))});
    js = ts.transpileModule(src, { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    fs.mkdirSync(cache, { recursive: true });
    fs.writeFileSync(hit, js);
  }
  m._compile(js, file);
};\n`,
  );
  const node = (args: string[]) =>
    spawnSync(process.execPath, ['-r', hook, ...args], { cwd: ROOT, encoding: 'utf8' });
  const cli = path.join(ROOT, 'lib', 'review', 'cli.ts');

  test('affinity-review: stacks as a file, an empty --plan', () => {
    const d = fresh('spawn');
    fs.writeFileSync(path.join(d, 'stacks'), 'x');
    for (const args of [[d], [GOOD, '--plan', '']]) {
      const r = node([cli, ...args]);
      expect({ args, status: r.status, stdout: r.stdout }).toEqual({ args, status: 2, stdout: '' });
      expect(r.stderr).toMatch(/^affinity-review( lint)?: [^\n]+\n$/);
    }
    expect(node([cli, GOOD]).status).toBe(0);
  });

  const app = (add: string) => `
const { App, Aspects, TerraformStack } = require('cdktf');
const { AffinityChecks } = require('./lib/checks/affinity-checks.ts');
const app = new App({ outdir: ${JSON.stringify(fresh('app'))} });
new TerraformStack(app, 'web');
${add}
app.synth();`;

  test('an AffinityChecks that never ran makes the process exit 1, with the message', () => {
    const r = node(['-e', app('Aspects.of(app).add(new AffinityChecks());')]);
    expect(r.stderr).toMatch(/AffinityChecks: 1 instance\(s\) never ran\..*applyTo\(app\)/);
    expect(r.status).toBe(1);
  });

  test('an AffinityChecks that ran leaves the exit code alone', () => {
    const r = node(['-e', app('AffinityChecks.applyTo(app);')]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
