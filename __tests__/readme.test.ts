/* eslint-disable @typescript-eslint/no-require-imports -- the README examples run as CommonJS modules */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

// Every ```ts block of the README is type-checked against lib/ and run. A block preceded by
// `<!-- readme-test: throws /regex/ -->` must throw a matching error. The consumer's
// `review.ts` reads a synth directory of the consumer's project: it is type-checked here and
// run by the consumer test (scripts/consumer-test.mjs) against the installed package.
const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const blocks = [
  ...readme.matchAll(
    /(?:<!-- readme-test: throws \/(.+?)\/ -->\s*)?(?:<!-- consumer: \S+ (\S+) -->\s*)?```ts\n([\s\S]*?)```/g,
  ),
].map((m, i) => ({
  name: `block-${i + 1}`,
  throws: m[1] ? new RegExp(m[1]) : undefined,
  runByConsumerTest: m[2] === 'review.ts',
  code: m[3],
}));
const runnable = blocks.filter((b) => !b.runByConsumerTest);

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

describe('README examples', () => {
  test('there are examples, including one that must fail', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(blocks.some((b) => b.throws)).toBe(true);
  });

  test('every example type-checks against the library', () => {
    const files = new Map(
      blocks.map((b) => [path.join(root, '__readme__', `${b.name}.ts`), b.code]),
    );
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
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-'));
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
      if (block.throws) {
        expect(run).toThrow(block.throws);
      } else {
        run();
        expect(fs.readdirSync(path.join(outdir, 'stacks')).length).toBeGreaterThan(0);
      }
    } finally {
      if (previous === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = previous;
    }
  });
});
