/* eslint-disable @typescript-eslint/no-require-imports -- the examples run as CommonJS modules */
import { App, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { GuacdStatefulPool } from '../lib';
import { runReview } from '../lib/review';

// Every fenced block of README.md, CONTRIBUTING.md and docs/*.md (except the generated
// docs/RULES.md) is checked here, and a block no checker knows fails:
// - ts: type-checked against lib/ and run. `<!-- readme-test: throws /regex/ -->` before the
//   fence: it must throw a matching error, and its `// Error:` comment (`(...)` marks omitted
//   text) must be in the message. Otherwise it must synthesize, without a warning unless
//   `<!-- readme-test: warns /regex/ -->` says which. The consumer's `review.ts` reads the
//   consumer project's synth: it is type-checked here and run by scripts/consumer-test.mjs;
// - sh: every command is one this repository or the package provides (npm scripts, installed
//   tools, affinity-review options accepted by its own parser) or a known external one;
// - json: parses (the consumer test writes the marked ones into projects and uses them);
// - a plain block marked `<!-- readme-test: paths -->`: its directories exist or are ignored.
const root = path.join(__dirname, '..');
const documents = [
  'README.md',
  'CONTRIBUTING.md',
  ...fs
    .readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md') && f !== 'RULES.md')
    .map((f) => `docs/${f}`),
];

interface Block {
  readonly name: string;
  readonly lang: string;
  readonly markers: string[];
  readonly code: string;
}

/** Fenced blocks with the HTML comments just above them (indented fences included). */
function blocksOf(document: string): Block[] {
  const lines = fs.readFileSync(path.join(root, document), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1];
    const end = lines.findIndex((l, j) => j > i && l === `${indent}\`\`\``);
    if (end < 0) throw new Error(`${document}:${i + 1}: a fence that is never closed`);
    const markers: string[] = [];
    for (let j = i - 1; j >= 0 && /^\s*(<!--.*-->)?\s*$/.test(lines[j]); j--) {
      const m = /<!--\s*(.*?)\s*-->/.exec(lines[j]);
      if (m) markers.unshift(m[1]);
    }
    const code = lines
      .slice(i + 1, end)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
      .join('\n');
    blocks.push({ name: `${document}:${i + 1}`, lang: open[2], markers, code: `${code}\n` });
    i = end;
  }
  return blocks;
}

const blocks = documents.flatMap(blocksOf);
const marker = (b: Block, kind: string) =>
  b.markers.map((m) => new RegExp(`^readme-test: ${kind}(?: /(.+)/)?$`).exec(m)).find(Boolean);
const regexOf = (b: Block, kind: string) => {
  const m = marker(b, kind);
  return m?.[1] !== undefined ? new RegExp(m[1]) : undefined;
};
const tsBlocks = blocks.filter((b) => b.lang === 'ts');
const runnable = tsBlocks.filter((b) => !b.markers.includes('consumer: full review.ts'));

describe('documents', () => {
  test('every fenced block has a checker', () => {
    const unchecked = blocks
      .filter(
        (b) =>
          !['ts', 'sh', 'json'].includes(b.lang) &&
          !(b.lang === '' && marker(b, 'paths')) &&
          // The layer diagram is checked against the imports by architecture.test.ts.
          !(b.lang === 'mermaid' && b.markers.includes('architecture: layers')),
      )
      .map((b) => `${b.name} (\`\`\`${b.lang})`);
    expect(unchecked).toEqual([]);
  });

  test('the README has the consumer blocks and an example that must fail', () => {
    const readme = blocks.filter((b) => b.name.startsWith('README.md:'));
    expect(readme.some((b) => regexOf(b, 'throws'))).toBe(true);
    const consumer = readme.flatMap((b) => b.markers.filter((m) => m.startsWith('consumer: ')));
    for (const p of ['full', 'google-only', 'k8s-only'])
      for (const f of ['install.sh', 'main.ts']) expect(consumer).toContain(`consumer: ${p} ${f}`);
    expect(consumer).toEqual(
      expect.arrayContaining(['consumer: all tsconfig.json', 'consumer: all cdktf.json']),
    );
  });

  test('every relative link of a shipped document is to a file the package ships', () => {
    // A user with the tarball (or an offline npm page) follows these; a file only in the
    // repository is linked by its GitHub URL instead (issue 21).
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const shipped = new Set<string>([
      'README.md',
      'LICENSE',
      'package.json',
      ...(pkg.files as string[]).filter((f) => !f.includes('*')),
    ]);
    const broken: string[] = [];
    for (const doc of [...shipped].filter((f) => f.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(root, doc), 'utf8');
      for (const m of text.matchAll(/\]\(([\w./:-]+\.\w+)(#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(m[1])) continue;
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(doc), m[1]));
        if (!shipped.has(target)) broken.push(`${doc} → ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  baseUrl: root,
  paths: {
    'cdktf-affinity-draining': ['lib/index.ts'],
    'cdktf-affinity-draining/*': ['lib/*/index.ts'],
  },
  types: ['node'],
};

describe('Develop', () => {
  test("the README's set-up commands are the ones CI runs", () => {
    const develop = blocks.filter(
      (b) => b.name.startsWith('README.md:') && b.code.includes('npm test'),
    );
    expect(develop).toHaveLength(1);
    const commands = develop[0].code
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual(['npm ci && npm run synth', 'npm test']);
    const ci = fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm test$/m);
  });

  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

  test('the README stays under 400 lines (issue 21)', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(400);
  });

  test('the corpus numbers it states are the fixtures in the repository', () => {
    const dir = path.join(__dirname, 'fixtures', 'corpus');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tf'));
    const clean = files.filter((f) =>
      /^# expect: no ERROR$/m.test(fs.readFileSync(path.join(dir, f), 'utf8')),
    );
    const stated =
      /lints the (\d+) HCL configurations[^:]*:\s+(\d+) must get no ERROR, (\d+) pin/.exec(
        readme.replace(/\s+/g, ' '),
      );
    expect(stated?.slice(1).map(Number)).toEqual([
      files.length,
      clean.length,
      files.length - clean.length,
    ]);
    expect(readme.replace(/\s+/g, ' ')).toContain(`lints ${files.length} configurations`);
  });

  test("the README's mutation table is CONTRIBUTING.md's, a row per directory", () => {
    // CONTRIBUTING: | `lib/dir/file.ts` | 100 % | killed | survived | no coverage | disabled |
    const contributing = fs
      .readFileSync(path.join(root, 'CONTRIBUTING.md'), 'utf8')
      .split('\n')
      .filter((l) => /^\| `lib\//.test(l))
      .map((l) =>
        l
          .split('|')
          .slice(1, 6)
          .map((c) => c.trim().replace(/`/g, ''))
          .join(' '),
      );
    // README: | `lib/dir/` | `file.ts` 100 % (killed/survived/no coverage) · ... |
    const entry = /^`([^`]+)` (\d+ %) \((\d+)\/(\d+)\/(\d+)\)$/;
    const grouped = readme
      .split('\n')
      .filter((l) => /^\| `lib\/[^`]*\/`\s+\|/.test(l))
      .flatMap((l) => {
        const [, dir, files] = l.split('|').map((c) => c.trim());
        return files.split(' · ').map((e) => {
          const m = entry.exec(e);
          expect([e, m !== null]).toEqual([e, true]);
          return `${dir.replace(/`/g, '')}${m![1]} ${m![2]} ${m![3]} ${m![4]} ${m![5]}`;
        });
      });
    expect(grouped.length).toBeGreaterThan(0);
    expect([...grouped].sort()).toEqual([...contributing].sort());
  });
});

describe('ts blocks', () => {
  test('every example type-checks against the library', () => {
    const fileOf = (b: Block) =>
      path.join(root, '__docs__', `${b.name.replace(/[^A-Za-z0-9]+/g, '-')}.ts`);
    const files = new Map(tsBlocks.map((b) => [fileOf(b), b.code]));
    const host = ts.createCompilerHost(options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (file, lang, ...rest) =>
      files.has(file)
        ? ts.createSourceFile(file, files.get(file)!, lang)
        : read(file, lang, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (file) => files.has(file) || fileExists(file);
    const program = ts.createProgram([...files.keys()], options, host);
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.has(d.file.fileName))
      .map(
        (d) =>
          `${path.basename(d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(diagnostics).toEqual([]);
  });

  test.each(runnable.map((b) => [b.name, b] as const))('%s runs as documented', (_name, block) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-'));
    const js = ts.transpileModule(block.code, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const localRequire = (id: string) =>
      id === 'cdktf-affinity-draining'
        ? require('../lib')
        : id.startsWith('cdktf-affinity-draining/')
          ? require(`../lib/${id.slice('cdktf-affinity-draining/'.length)}`)
          : require(id);
    const previous = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = outdir;
    try {
      const run = () => new Function('require', 'exports', js)(localRequire, {});
      const throws = regexOf(block, 'throws');
      if (throws) {
        let message = '';
        try {
          run();
        } catch (e) {
          message = (e as Error).message;
        }
        expect(message).toMatch(throws);
        // The `// Error:` comment shows the message: each shown part must be in it.
        const comment = /\/\/ Error: ([\s\S]*)$/.exec(block.code)?.[1];
        const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
        for (const part of (comment ?? '').replace(/^\s*\/\/ ?/gm, ' ').split('(...)'))
          expect(flat(message)).toContain(flat(part));
      } else {
        run();
        expect(fs.readdirSync(path.join(outdir, 'stacks')).length).toBeGreaterThan(0);
        const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
        const messages: string[] = Object.values<{ annotations: { message: string }[] }>(
          manifest.stacks,
        ).flatMap((s) => s.annotations.map((a) => a.message));
        const warns = regexOf(block, 'warns');
        if (warns) expect(messages.some((m) => warns.test(m))).toBe(true);
        expect(messages.filter((m) => !warns?.test(m))).toEqual([]);
      }
    } finally {
      if (previous === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = previous;
    }
  });
});

/** One shell line split into commands (on unquoted `&&`, `||`, `|`, `;`) of words. */
function commandsOf(line: string): string[][] {
  const commands: string[][] = [[]];
  let word = '';
  let quote = '';
  const flush = () => {
    if (word) commands[commands.length - 1].push(word);
    word = '';
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') word += line[++i];
      else if (c === quote) quote = '';
      else word += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && word === '') break;
    else if (/\s/.test(c)) flush();
    else if ('&|;'.includes(c)) {
      flush();
      if (line[i + 1] === c) i++;
      commands.push([]);
    } else word += c;
  }
  flush();
  return commands
    .map((words) => {
      const out: string[] = [];
      for (let i = 0; i < words.length; i++) {
        const w = words[i].replace(/^\(+|\)+$/g, '');
        if (/^\d?>$/.test(w))
          i++; // `> file`
        else if (/^\d?>/.test(w))
          continue; // `2>/dev/null`, `>file`
        else if (w && !(out.length === 0 && /^[A-Z_]+=/.test(w))) out.push(w);
      }
      return out;
    })
    .filter((c) => c.length > 0);
}

const scripts: Record<string, string> = JSON.parse(
  fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
).scripts;

/** Why a command is wrong, or undefined when it is one the documents may show. */
function problemOf(words: string[], block: Block): string | undefined {
  const [cmd, ...args] = words;
  const reviewProblem = (argv: string[]) => {
    // Run from an empty directory: the options are parsed, then the input is not found.
    const cwd = process.cwd();
    process.chdir(fs.mkdtempSync(path.join(os.tmpdir(), 'docs-sh-')));
    try {
      const r = runReview(argv);
      return r.code === 2 && !/does not exist|is not a directory/.test(r.stderr)
        ? r.stderr.trim()
        : undefined;
    } finally {
      process.chdir(cwd);
    }
  };
  switch (cmd) {
    case 'export':
    case 'cd':
      return undefined;
    case 'npm': {
      if (['ci', 'test', 'install', 'init', 'pack'].includes(args[0])) return undefined;
      if (args[0] !== 'run') return `npm ${args[0]} is not a command the documents use`;
      if (!(args[1] in scripts)) return `npm run ${args[1]}: package.json has no such script`;
      const dashes = args.indexOf('--');
      return args[1] === 'review' && dashes > 0 ? reviewProblem(args.slice(dashes + 1)) : undefined;
    }
    case 'npx': {
      const [tool, ...rest] = args.filter((a) => a !== '--no-install');
      if (tool === 'affinity-review') return reviewProblem(rest);
      if (!fs.existsSync(path.join(root, 'node_modules', '.bin', tool)))
        return `npx ${tool}: not installed`;
      if (tool === 'cdktf' && !['synth', 'deploy', 'diff', 'get', 'init'].includes(rest[0]))
        return `cdktf ${rest[0]} is not a cdktf command the documents use`;
      const missing = rest.find(
        (a) => a.startsWith('__tests__/') && !fs.existsSync(path.join(root, a)),
      );
      return missing ? `${missing} does not exist` : undefined;
    }
    case 'terraform': {
      const sub = args.find((a) => !a.startsWith('-'));
      return ['init', 'plan', 'show', 'apply'].includes(sub!)
        ? undefined
        : `terraform ${sub} is not a command the documents use`;
    }
    case 'git':
      return args[0] === 'worktree' ? undefined : `git ${args[0]} is not shown anywhere else`;
    case 'kubectl':
      return marker(block, 'session-count-command')
        ? undefined
        : 'kubectl only in a block marked session-count-command';
    default:
      return `${cmd}: not a command the documents may show`;
  }
}

describe('sh blocks', () => {
  const shBlocks = blocks.filter((b) => b.lang === 'sh');

  test.each(shBlocks.map((b) => [b.name, b] as const))('%s', (_name, block) => {
    const lines = block.code.replace(/\\\n/g, ' ').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    const problems = lines.flatMap((line) =>
      commandsOf(line)
        .map((words) => problemOf(words, block))
        .filter((p): p is string => p !== undefined)
        .map((p) => `${line}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  test('the session-count command is the one the pool prints', () => {
    const shown = blocks.filter((b) => marker(b, 'session-count-command'));
    expect(shown.length).toBeGreaterThan(0);
    const stack = new TerraformStack(new App(), 'docs');
    new KubernetesProvider(stack, 'kubernetes', {});
    const pool = new GuacdStatefulPool(stack, 'guacd', {
      webPodSelector: { 'app.kubernetes.io/name': 'guacamole' },
    });
    for (const b of shown) expect(b.code.trim()).toBe(pool.sessionCountCommands[0]);
  });
});

describe('other blocks', () => {
  test.each(blocks.filter((b) => b.lang === 'json').map((b) => [b.name, b] as const))(
    '%s is JSON',
    (_name, block) => {
      expect(() => JSON.parse(block.code)).not.toThrow();
    },
  );

  test.each(blocks.filter((b) => marker(b, 'paths')).map((b) => [b.name, b] as const))(
    '%s names directories that exist',
    (_name, block) => {
      const ignored = fs.readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n');
      const dirs = block.code
        .split('\n')
        .flatMap((l) => l.split(/\s{2,}/)[0].split(' '))
        .filter((d) => d.endsWith('/'));
      expect(dirs.length).toBeGreaterThan(3);
      const missing = dirs.filter(
        (d) => !fs.existsSync(path.join(root, d)) && !ignored.includes(d),
      );
      expect(missing).toEqual([]);
    },
  );
});
