// The package as a consumer gets it: build with jsii, check API.md is fresh, pack, check the
// tarball's contents, then install the tarball into temporary projects written from the
// documents' consumer blocks (README.md's install lines and apps, docs/review-and-lint.md's
// review.ts) and run them as the README says:
//   full         every peer; compiled with tsc, synthesized with the cdktf CLI, reviewed with
//                `npx affinity-review`, and the `/review` library entry point imported;
//   google-only  no @cdktf/provider-kubernetes installed (optional peer);
//   k8s-only     no @cdktf/provider-google installed.
// The two single-provider projects also compile the root entry point with skipLibCheck false.
// Peers are linked from this repository's node_modules (same versions as the README's install
// lines, checked), so no network is needed. Prints the time of each step.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const env = { ...process.env, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1' };
const failures = [];
const keep = process.argv.includes('--keep');
// The documents the README links for package users (the others are linked by URL).
const SHIPPED_DOCS = ['docs/constructs.md', 'docs/review-and-lint.md', 'docs/versioning.md'];

function step(name, fn) {
  const start = Date.now();
  try {
    return fn();
  } finally {
    console.log(`consumer-test: ${name} ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
}
function check(ok, message) {
  if (!ok) {
    failures.push(message);
    console.error(`consumer-test: FAIL ${message}`);
  }
}
function run(cmd, args, cwd, options = {}) {
  try {
    return execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: 'pipe', ...options });
  } catch (e) {
    if (options.allowFailure) return e;
    throw new Error(
      `${cmd} ${args.join(' ')} (in ${cwd}) failed with ${e.status}:\n${e.stdout}\n${e.stderr}`,
    );
  }
}
const npm = (args, cwd, options) => run('npm', args, cwd, options);
const node = (args, cwd, options) => run(process.execPath, args, cwd, options);

// 1. Build once with jsii (no second compiler over dist/), then API.md against the assembly.
step('jsii build', () => npm(['run', 'build'], root));
const work = mkdtempSync(join(tmpdir(), 'affinity-consumer-'));
step('API.md freshness (jsii-docgen)', () => {
  const fresh = join(work, 'API.md');
  run(join(root, 'node_modules/.bin/jsii-docgen'), ['--output', fresh], root);
  check(
    readFileSync(fresh, 'utf8') === readFileSync(join(root, 'API.md'), 'utf8'),
    'API.md is stale: run `npm run docs:api` and commit it',
  );
});

// 2. Pack (the build above is what prepack would run) and check what ships.
const tarball = step('npm pack', () => {
  const out = JSON.parse(
    npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], root),
  );
  const files = out[0].files.map((f) => f.path);
  for (const f of [
    '.jsii',
    'LICENSE',
    'README.md',
    'API.md',
    'CHANGELOG.md',
    'docs/RULES.md',
    'package.json',
    ...SHIPPED_DOCS,
  ]) {
    check(files.includes(f), `the package lacks ${f}`);
  }
  for (const f of [
    'dist/index.js',
    'dist/index.d.ts',
    'dist/gcp/index.js',
    'dist/k8s/index.js',
    'dist/review/cli.js',
  ]) {
    check(files.includes(f), `the package lacks ${f}`);
  }
  const stray = files.filter(
    (f) =>
      !/^dist\/.+\.(js|d\.ts)$/.test(f) &&
      ![
        '.jsii',
        'LICENSE',
        'README.md',
        'API.md',
        'CHANGELOG.md',
        'docs/RULES.md',
        'package.json',
        ...SHIPPED_DOCS,
      ].includes(f),
  );
  check(stray.length === 0, `the package ships files it should not: ${stray.join(', ')}`);
  check(
    readFileSync(join(root, 'LICENSE'), 'utf8').startsWith('Mozilla Public License Version 2.0'),
    'LICENSE is not the MPL-2.0 text',
  );
  console.log(
    `consumer-test: ${out[0].filename}: ${files.length} files, ${out[0].size} bytes packed`,
  );
  return join(work, out[0].filename);
});

// 3. The consumer blocks, `<!-- consumer: <project|all> <file> -->` before a fence, of
// README.md, CONTRIBUTING.md and docs/*.md (the same documents __tests__/readme.test.ts checks).
const documents = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md') && f !== 'RULES.md')
    .map((f) => `docs/${f}`),
];
const blocks = documents.flatMap((d) =>
  [
    ...readFileSync(join(root, d), 'utf8').matchAll(
      /<!-- consumer: (\S+) (\S+) -->\s*```\w*\n([\s\S]*?)```/g,
    ),
  ].map((m) => ({ project: m[1], file: m[2], text: m[3], document: d })),
);
const projects = ['full', 'google-only', 'k8s-only'];
for (const p of projects) {
  for (const f of ['install.sh', 'main.ts']) {
    check(
      blocks.some((b) => b.project === p && b.file === f && b.document === 'README.md'),
      `README has no ${f} block for ${p}`,
    );
  }
}
for (const b of blocks) {
  const same = blocks.filter((o) => o.project === b.project && o.file === b.file);
  check(same.length === 1, `two consumer blocks write ${b.project} ${b.file}; keep one`);
}
check(
  blocks.some((b) => b.project === 'full' && b.file === 'review.ts'),
  "no document has the full project's review.ts block",
);
for (const f of ['tsconfig.json', 'cdktf.json']) {
  check(
    blocks.some((b) => b.project === 'all' && b.file === f && b.document === 'README.md'),
    `README has no ${f} block`,
  );
}

/** `npm install a@1 b` lines → dependencies; every peer is linked from this repo at the same version. */
function dependenciesOf(installScript) {
  const deps = {};
  const devDeps = {};
  for (const line of installScript.split('\n').map((l) => l.replace(/#.*/, '').trim())) {
    if (!line.startsWith('npm install ')) continue;
    const words = line.split(/\s+/).slice(2);
    const dev = words.includes('--save-dev') || words.includes('-D');
    for (const spec of words.filter((w) => !w.startsWith('-'))) {
      const at = spec.lastIndexOf('@');
      const name = at > 0 ? spec.slice(0, at) : spec;
      const version = at > 0 ? spec.slice(at + 1) : undefined;
      if (name === pkg.name) {
        deps[name] = `file:${tarball}`;
        continue;
      }
      const local = join(root, 'node_modules', name);
      if (!existsSync(local))
        throw new Error(`README installs ${spec}, which this repository does not have`);
      const have = JSON.parse(readFileSync(join(local, 'package.json'), 'utf8')).version;
      if (version && !/^[\^~]/.test(version) && version !== have) {
        check(
          false,
          `README installs ${spec} but the library is built and tested with ${name}@${have}`,
        );
      }
      (dev ? devDeps : deps)[name] = `file:${local}`;
    }
  }
  return { deps, devDeps };
}

const home = join(work, 'home');
for (const project of projects) {
  const dir = join(work, project);
  const files = blocks.filter((b) => b.project === project || b.project === 'all');
  const install = files.find((b) => b.file === 'install.sh')?.text ?? '';
  const { deps, devDeps } = dependenciesOf(install);
  step(`${project}: install`, () => {
    run('mkdir', ['-p', dir, home], work);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify(
        {
          name: `consumer-${project}`,
          version: '1.0.0',
          private: true,
          dependencies: deps,
          devDependencies: devDeps,
        },
        null,
        2,
      ),
    );
    for (const b of files.filter((f) => f.file !== 'install.sh'))
      writeFileSync(join(dir, b.file), b.text);
    // --legacy-peer-deps: npm's arborist fails on peers linked from another project's
    // node_modules; every peer is listed explicitly here anyway, as the README's lines do.
    npm(
      ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps'],
      dir,
      {
        env: { ...env, npm_config_cache: join(home, 'npm-cache') },
      },
    );
  });
  const installed = (name) => existsSync(join(dir, 'node_modules', name, 'package.json'));
  const manifest = JSON.parse(
    readFileSync(join(dir, 'node_modules', pkg.name, 'package.json'), 'utf8'),
  );
  for (const peer of ['@cdktf/provider-google', '@cdktf/provider-kubernetes']) {
    // What keeps npm (7+) from installing a provider the app does not use.
    check(
      manifest.peerDependenciesMeta?.[peer]?.optional === true,
      `${peer} is not an optional peer`,
    );
  }
  if (project === 'google-only') {
    check(
      !installed('@cdktf/provider-kubernetes'),
      'google-only: npm installed @cdktf/provider-kubernetes anyway',
    );
  }
  if (project === 'k8s-only') {
    check(
      !installed('@cdktf/provider-google'),
      'k8s-only: npm installed @cdktf/provider-google anyway',
    );
  }
  // The root entry point loads with whichever providers are installed, and has the main classes.
  const load = node(
    [
      '-e',
      "const l=require('cdktf-affinity-draining');for(const n of ['AffinityBackendService','DrainingPolicy','GuacdStatefulPool','SessionAffinity','Duration','Errors'])if(typeof l[n]!=='function')throw new Error(n+' missing')",
    ],
    dir,
    { allowFailure: true },
  );
  check(
    !(load instanceof Error),
    `${project}: require('${pkg.name}') failed: ${load.stderr ?? ''}`,
  );
  step(`${project}: tsc`, () =>
    node([join(dir, 'node_modules/typescript/bin/tsc'), '-p', '.'], dir),
  );
  if (project !== 'full') {
    // The declarations of the root entry point type-check without the provider the app does
    // not install (issue 21): `skipLibCheck: false`, as strict projects set it.
    step(`${project}: tsc --skipLibCheck false (the root entry point)`, () => {
      writeFileSync(
        join(dir, 'root-types.ts'),
        project === 'google-only'
          ? "import { AffinityBackendService } from 'cdktf-affinity-draining';\nexport const k = AffinityBackendService;\n"
          : "import { GuacdStatefulPool } from 'cdktf-affinity-draining';\nexport const k = GuacdStatefulPool;\n",
      );
      const out = node(
        [
          join(dir, 'node_modules/typescript/bin/tsc'),
          '--noEmit',
          '--strict',
          '--target',
          'ES2022',
          '--module',
          'commonjs',
          '--skipLibCheck',
          'false',
          '--types',
          'node',
          'root-types.ts',
          'main.ts',
        ],
        dir,
        { allowFailure: true },
      );
      check(
        !(out instanceof Error),
        `${project}: the root entry point does not type-check with skipLibCheck false: ${out.stdout ?? ''}`,
      );
      rmSync(join(dir, 'root-types.ts'));
    });
  }
  const synth = step(`${project}: cdktf synth`, () =>
    run(join(dir, 'node_modules/.bin/cdktf'), ['synth'], dir, { allowFailure: true }),
  );
  const stacksDir = join(dir, 'cdktf.out', 'stacks');
  check(
    synth instanceof Error === false,
    `${project}: cdktf synth failed:\n${synth.stdout ?? ''}\n${synth.stderr ?? ''}`,
  );
  check(
    existsSync(stacksDir) && readdirSync(stacksDir).length > 0,
    `${project}: cdktf synth wrote no stack`,
  );
  if (!existsSync(stacksDir)) continue;

  const review = step(`${project}: npx affinity-review`, () =>
    run('npx', ['--no-install', 'affinity-review', 'cdktf.out'], dir, { allowFailure: true }),
  );
  const reviewText = review instanceof Error ? `${review.stdout}${review.stderr}` : review;
  check(!(review instanceof Error), `${project}: npx affinity-review failed: ${reviewText}`);
  check(
    /affinity|draining/i.test(reviewText),
    `${project}: affinity-review printed no inventory: ${reviewText}`,
  );

  const lint = step(`${project}: npx affinity-review lint`, () =>
    run('npx', ['--no-install', 'affinity-review', 'lint', 'cdktf.out'], dir, {
      allowFailure: true,
    }),
  );
  const lintText = lint instanceof Error ? `${lint.stdout}${lint.stderr}` : lint;
  check(!(lint instanceof Error), `${project}: npx affinity-review lint found errors: ${lintText}`);
  check(
    /0 error\(s\)/.test(lintText),
    `${project}: affinity-review lint printed no summary: ${lintText}`,
  );

  if (project === 'full') {
    // The documents' review.ts: the reviewer as a library through the `/review` entry point
    // (exports map at run time, typesVersions for tsc), compiled above with main.ts.
    step('full: /review as a library', () => {
      const out = node(['review.js'], dir, { allowFailure: true });
      check(!(out instanceof Error), `full: review.js failed: ${out.stderr ?? ''}`);
      if (out instanceof Error) return;
      const entries = JSON.parse(out).entries ?? [];
      check(entries.length > 0, 'full: the /review library reviewed nothing');
    });
  }
  if (project === 'google-only') {
    // The missing peer is named, with the install command, only when a Kubernetes construct is used.
    const probe = node(
      [
        '-e',
        "const l=require('cdktf-affinity-draining');const {App,TerraformStack}=require('cdktf');new l.GuacdStatefulPool(new TerraformStack(new App(),'s'),'p',{replicas:2,webPodSelector:{app:'web'}})",
      ],
      dir,
      { allowFailure: true },
    );
    const text = probe instanceof Error ? String(probe.stderr) : '';
    check(
      /GuacdStatefulPool needs the optional peer dependency @cdktf\/provider-kubernetes.*npm install @cdktf\/provider-kubernetes@/.test(
        text,
      ),
      `google-only: a Kubernetes construct without its provider did not name the missing peer: ${text.slice(0, 400)}`,
    );
  }
}

if (!keep) rmSync(work, { recursive: true, force: true });
else console.log(`consumer-test: kept ${work}`);
if (failures.length > 0) {
  console.error(`consumer-test: ${failures.length} failure(s)`);
  process.exit(1);
}
console.log('consumer-test: ok');
