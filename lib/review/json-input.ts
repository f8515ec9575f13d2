/**
 * Reading a JSON file that cannot hurt the reviewer or the linter: the file's size, the depth
 * of its nesting and the length of its strings are checked on the text, in one pass without
 * recursion, before anything parses or walks it; a parse error names the file, the line and
 * the column. Every problem is a `ReviewInputError`: one line, exit 2.
 */
import * as fs from 'fs';

/** Bad input: the CLI prints the message on one line and exits 2. */
export class ReviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewInputError';
  }
}

/**
 * Deepest nesting of objects and arrays accepted. Terraform JSON needs far fewer levels: a
 * `kubernetes_manifest` with a CRD schema or a plan of nested modules stays under 60. Deeper
 * input is refused before any recursive walk, so no reader can overflow the call stack.
 */
export const MAX_JSON_DEPTH = 256;

/**
 * Longest string (key or value) accepted, in characters of the file. A Kubernetes object is
 * at most about 1.5 MiB (etcd's request limit), so a longer string is no real configuration.
 * Shorter ones are accepted whole; text and markdown output shorten what they show (format.ts).
 */
export const MAX_JSON_STRING = 4 * 1024 * 1024;

/** Largest file accepted: 256 MiB (a 100 000-change plan is about 60 MiB). */
export const MAX_JSON_FILE_BYTES = 256 * 1024 * 1024;

const FS_REASONS: Record<string, string> = {
  ENOENT: 'does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'a loop of symbolic links',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  ENAMETOOLONG: 'the path is too long',
};

/** `CODE (what it means)` of a file-system error, for a one-line reason. */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code) return FS_REASONS[code] ? `${code} (${FS_REASONS[code]})` : code;
  return String((e as Error)?.message ?? e).split('\n')[0];
}

/** `fs.statSync`, with a one-line reason when the path cannot be read. */
export function statOrFail(file: string, what = 'cannot read'): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (e) {
    throw new ReviewInputError(`${what} ${file}: ${fsReason(e)}`);
  }
}

/** The text of a JSON file: a regular file within the size limit, UTF-8 (a BOM is dropped). */
export function readJsonText(file: string): string {
  return readJsonBytes(file).toString('utf8');
}

/** The bytes of a JSON file, checked as `readJsonText` checks them (a BOM is dropped). */
export function readJsonBytes(file: string): Buffer {
  if (file === '') throw new ReviewInputError('the file name is empty');
  const st = statOrFail(file);
  if (st.isDirectory()) throw new ReviewInputError(`${file} is a directory, not a JSON file`);
  if (st.size > MAX_JSON_FILE_BYTES)
    throw new ReviewInputError(
      `${file} is ${Math.round(st.size / 2 ** 20)} MiB, larger than the limit of ${MAX_JSON_FILE_BYTES / 2 ** 20} MiB`,
    );
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (e) {
    throw new ReviewInputError(`cannot read ${file}: ${fsReason(e)}`);
  }
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))
    throw new ReviewInputError(
      `${file} is UTF-16 text (as PowerShell's > writes it); write it as UTF-8, e.g. terraform show -json plan.bin | Out-File -Encoding utf8 plan.json`,
    );
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  return bom ? buffer.subarray(bom) : buffer;
}

/** Line and column (both from 1) of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function at(file: string, text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  return `${file}, line ${line}, column ${column}`;
}

/**
 * Checks the nesting depth and the string lengths of a JSON text in one pass, without
 * recursion; syntax is left to JSON.parse (an unterminated string ends the scan).
 */
export function checkJsonLimits(text: string, file: string, maxDepth = MAX_JSON_DEPTH): void {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: jump to its closing quote (one not escaped by an odd run of backslashes).
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end < 0) return;
        let b = end - 1;
        while (text.charCodeAt(b) === 0x5c) b--;
        if ((end - 1 - b) % 2 === 0) break;
      }
      if (end - i - 1 > MAX_JSON_STRING)
        throw new ReviewInputError(
          `${at(file, text, i)}: a string of ${end - i - 1} characters, longer than the limit of ${MAX_JSON_STRING}`,
        );
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth)
        throw new ReviewInputError(
          `${at(file, text, i)}: nesting deeper than ${MAX_JSON_DEPTH} levels (the limit; Terraform JSON needs far fewer)`,
        );
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrt';

/** How a character found in the text is named in a message. */
function shown(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the file';
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f
    ? `the control character \\u${code.toString(16).padStart(4, '0')}`
    : `'${ch}'`;
}

/**
 * Where and why a text is not JSON (RFC 8259), found without recursion; undefined when it is.
 * Only runs after JSON.parse has failed, whose own messages give no position for some errors.
 */
export function jsonSyntaxError(text: string): { offset: number; problem: string } | undefined {
  const stack: number[] = []; // 0x7b '{' or 0x5b '['
  const n = text.length;
  let i = 0;
  type State = 'value' | 'firstValue' | 'key' | 'firstKey' | 'colon' | 'next' | 'end';
  let state: State = 'value';
  const fail = (offset: number, problem: string) => ({ offset, problem });
  const afterValue = (): State => (stack.length > 0 ? 'next' : 'end');
  /** Skips the string at i; a problem inside it, or undefined. */
  const string = (): { offset: number; problem: string } | undefined => {
    let j = i + 1;
    for (;;) {
      if (j >= n) return fail(i, 'a string that is never closed');
      const c = text.charCodeAt(j);
      if (c === 0x22) break;
      if (c < 0x20)
        return fail(j, `${shown(text[j])} inside a string (write it as an escape, e.g. \\n)`);
      if (c === 0x5c) {
        const e = text[j + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6)))
            return fail(j, 'a \\u escape without four hexadecimal digits');
          j += 6;
        } else if (e !== undefined && ESCAPES.includes(e)) j += 2;
        else return fail(j, `an invalid escape \\${e ?? ''} in a string`);
      } else j++;
    }
    i = j + 1;
    return undefined;
  };
  for (;;) {
    while (i < n && ' \t\n\r'.includes(text[i])) i++;
    const ch = text[i];
    if (state === 'end')
      return i >= n ? undefined : fail(i, `${shown(ch)} after the end of the JSON value`);
    if (i >= n) return fail(n, 'the file ends before the JSON value does');
    const top = stack[stack.length - 1];
    if (state === 'colon') {
      if (ch !== ':') return fail(i, `expected ':' after a property name, found ${shown(ch)}`);
      i++;
      state = 'value';
    } else if (state === 'next') {
      const close = top === 0x7b ? '}' : ']';
      if (ch === ',') {
        i++;
        state = top === 0x7b ? 'key' : 'value';
      } else if (ch === close) {
        i++;
        stack.pop();
        state = afterValue();
      } else return fail(i, `expected ',' or '${close}', found ${shown(ch)}`);
    } else if (state === 'key' || state === 'firstKey') {
      if (state === 'firstKey' && ch === '}') {
        i++;
        stack.pop();
        state = afterValue();
      } else if (ch === '"') {
        const problem = string();
        if (problem) return problem;
        state = 'colon';
      } else return fail(i, `expected a property name in double quotes, found ${shown(ch)}`);
    } else if (state === 'firstValue' && ch === ']') {
      i++;
      stack.pop();
      state = afterValue();
    } else if (ch === '{' || ch === '[') {
      stack.push(ch.charCodeAt(0));
      i++;
      state = ch === '{' ? 'firstKey' : 'firstValue';
    } else if (ch === '"') {
      const problem = string();
      if (problem) return problem;
      state = afterValue();
    } else {
      NUMBER.lastIndex = i;
      const number = NUMBER.exec(text);
      const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (number) i += number[0].length;
      else if (literal) i += literal.length;
      else return fail(i, `expected a value, found ${shown(ch)}`);
      state = afterValue();
    }
  }
}

/**
 * Parses a JSON text after checking its limits. A syntax error names the file, line and
 * column (never a piece of the text cut in the middle).
 */
export function parseJson(text: string, file: string): unknown {
  checkJsonLimits(text, file);
  try {
    return JSON.parse(text);
  } catch (e) {
    const found = jsonSyntaxError(text);
    if (found) {
      const { line, column } = lineColumn(text, found.offset);
      throw new ReviewInputError(
        `${file} is not valid JSON at line ${line}, column ${column}: ${found.problem}`,
      );
    }
    throw new ReviewInputError(`${file} is not valid JSON: ${String((e as Error).message)}`);
  }
}

/** The kind of a JSON value, for messages ("a list", "a number", ...). */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return `${v}`;
  return typeof v;
}

export const isJsonObject = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// Reading only some members of a large object, from its bytes

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** Where a part of the bytes ends: -1 when the bytes do not have the expected shape. */
type End = number;

/** The offset after the string that starts at `i` (a `"`), or -1 when it is not closed. */
function stringEnd(bytes: Buffer, i: number): End {
  let end = i;
  for (;;) {
    end = bytes.indexOf(0x22, end + 1);
    if (end < 0) return -1;
    let b = end - 1;
    while (bytes[b] === 0x5c) b--;
    if ((end - 1 - b) % 2 === 0) return end + 1;
  }
}

/**
 * The offset after the JSON value that starts at `i` (its extent only: brackets counted,
 * strings skipped; its syntax is checked by whoever parses it), or -1. UTF-8 never uses a
 * byte below 0x80 inside a multi-byte character, so the ASCII structure reads the same.
 */
function valueEnd(bytes: Buffer, i: number): End {
  const n = bytes.length;
  const c = bytes[i];
  if (c === 0x22) return stringEnd(bytes, i);
  if (c !== 0x7b && c !== 0x5b) {
    let j = i;
    while (
      j < n &&
      !isSpace(bytes[j]) &&
      bytes[j] !== 0x2c &&
      bytes[j] !== 0x7d &&
      bytes[j] !== 0x5d
    )
      j++;
    return j > i ? j : -1;
  }
  let depth = 0;
  for (let j = i; j < n; j++) {
    const d = bytes[j];
    if (d === 0x22) {
      j = stringEnd(bytes, j) - 1;
      if (j < 0) return -1;
    } else if (d === 0x7b || d === 0x5b) depth++;
    else if (d === 0x7d || d === 0x5d) {
      if (--depth === 0) return j + 1;
    }
  }
  return -1;
}

/**
 * The entries of the object (`{`) or list (`[`) that starts at `i`: `[key start, key end,
 * value start, value end]` (no key in a list), and the offset after it; undefined when the
 * bytes are not delimited as JSON delimits them.
 */
function entriesAt(
  bytes: Buffer,
  i: number,
): { entries: [number, number, number, number][]; end: number } | undefined {
  const n = bytes.length;
  const list = bytes[i] === 0x5b;
  const close = list ? 0x5d : 0x7d;
  const ws = () => {
    while (i < n && isSpace(bytes[i])) i++;
  };
  i++;
  ws();
  const entries: [number, number, number, number][] = [];
  if (bytes[i] === close) return { entries, end: i + 1 };
  for (;;) {
    let keyStart = -1;
    let keyEnd = -1;
    if (!list) {
      if (bytes[i] !== 0x22) return undefined;
      keyStart = i;
      keyEnd = stringEnd(bytes, i);
      if (keyEnd < 0) return undefined;
      i = keyEnd;
      ws();
      if (bytes[i] !== 0x3a) return undefined;
      i++;
      ws();
    }
    const end = valueEnd(bytes, i);
    if (end < 0) return undefined;
    entries.push([keyStart, keyEnd, i, end]);
    i = end;
    ws();
    if (bytes[i] === 0x2c) {
      i++;
      ws();
    } else if (bytes[i] === close) return { entries, end: i + 1 };
    else return undefined;
  }
}

/** Thrown inside `parseSome` when the fast reading gives up (the whole parse then decides). */
const GIVE_UP = Symbol('give up');

/**
 * The JSON object of a file with only the top-level members in `keep` built; every other
 * member is checked for syntax (never built) and read as `true`, so its presence still shows.
 * A member that is a list is parsed entry by entry from the bytes, so no string of the whole
 * file is ever made. For a 100 000-change plan, whose planned values, state and configuration
 * the reviewer does not read, that is about 100 MB less heap and the file's text (65 MB) not
 * held while it is parsed. Anything else (not an object, a syntax error, a limit exceeded) is
 * read as `parseJson` reads the whole text: the same result, the same message.
 */
export function parseJsonFileMembers(
  file: string,
  keep: ReadonlySet<string>,
  shapes: ReadonlyMap<string, JsonShape> = new Map(),
): unknown {
  const bytes = readJsonBytes(file);
  try {
    return parseSome(bytes, file, keep, shapes);
  } catch (e) {
    if (e !== GIVE_UP) throw e;
    return parseJson(bytes.toString('utf8'), file);
  }
}

/**
 * What of a member `parseJsonFileMembers` builds, when only part of it is read (given in
 * `shapes`; the member is checked for syntax and limits whole first, as an unread one is):
 * `true` builds the value whole; `keys` builds, of an object, only those keys (each by its
 * own shape; the others are left out, as if absent); `each` builds, of a list, every element
 * by its shape. A value of another kind than the shape expects is built whole, and so is an
 * object with a `__proto__` key, so every key read holds what `JSON.parse` gives it.
 */
export type JsonShape =
  true | { readonly keys: { readonly [key: string]: JsonShape } } | { readonly each: JsonShape };

function parseSome(
  bytes: Buffer,
  file: string,
  keep: ReadonlySet<string>,
  shapes: ReadonlyMap<string, JsonShape>,
): unknown {
  const text = (from: number, to: number, depth: number): string => {
    const t = bytes.toString('utf8', from, to);
    try {
      checkJsonLimits(t, file, MAX_JSON_DEPTH - depth);
    } catch {
      throw GIVE_UP;
    }
    return t;
  };
  const parse = (t: string): unknown => {
    try {
      return JSON.parse(t);
    } catch {
      throw GIVE_UP;
    }
  };
  let i = 0;
  while (i < bytes.length && isSpace(bytes[i])) i++;
  if (bytes[i] !== 0x7b) throw GIVE_UP;
  const top = entriesAt(bytes, i);
  if (!top) throw GIVE_UP;
  for (i = top.end; i < bytes.length; i++) if (!isSpace(bytes[i])) throw GIVE_UP;
  const keys = top.entries.map(([ks, ke]) => parse(text(ks, ke, 1)) as string);
  if (keys.includes('__proto__') || keys.every((k) => keep.has(k))) throw GIVE_UP;
  /** The value at `vs`..`ve` (checked already) built as `shape` says. */
  const shaped = (vs: number, ve: number, shape: JsonShape): unknown => {
    const open = bytes[vs];
    if (shape !== true && 'keys' in shape && open === 0x7b) {
      const object = entriesAt(bytes, vs);
      if (!object || object.end !== ve) throw GIVE_UP;
      const names = object.entries.map(([ks, ke]) => parse(bytes.toString('utf8', ks, ke)));
      if (!names.includes('__proto__')) {
        // In order, by assignment: a key given twice keeps its last value.
        const out: Record<string, unknown> = {};
        object.entries.forEach(([, , es, ee], m) => {
          const name = names[m] as string;
          if (Object.prototype.hasOwnProperty.call(shape.keys, name))
            out[name] = shaped(es, ee, shape.keys[name]);
        });
        return out;
      }
    } else if (shape !== true && 'each' in shape && open === 0x5b) {
      const list = entriesAt(bytes, vs);
      if (!list || list.end !== ve) throw GIVE_UP;
      return list.entries.map(([, , es, ee]) => shaped(es, ee, shape.each));
    }
    return parse(bytes.toString('utf8', vs, ve));
  };
  // In order, by assignment: a key given twice keeps its last value, as JSON.parse does.
  const out: Record<string, unknown> = {};
  top.entries.forEach(([, , vs, ve], m) => {
    const key = keys[m];
    const shape = shapes.get(key);
    if (shape !== undefined) {
      if (jsonSyntaxError(text(vs, ve, 1)) !== undefined) throw GIVE_UP;
      out[key] = shaped(vs, ve, shape);
    } else if (!keep.has(key)) {
      if (jsonSyntaxError(text(vs, ve, 1)) !== undefined) throw GIVE_UP;
      out[key] = true;
    } else if (bytes[vs] === 0x5b) {
      const list = entriesAt(bytes, vs);
      if (!list || list.end !== ve) throw GIVE_UP;
      out[key] = list.entries.map(([, , es, ee]) => parse(text(es, ee, 2)));
    } else out[key] = parse(text(vs, ve, 1));
  });
  return out;
}
