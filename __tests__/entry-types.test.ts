/**
 * The package's declarations type-check in an app that installs only one of the optional
 * provider peers, with `skipLibCheck: false` (issue 21): the declarations of the root entry
 * point (and of /gcp, /k8s, /gke) must not name a type of a provider package the app may not
 * have. The declarations are emitted as the jsii build does (tsconfig.jsii.json), then a
 * consumer is compiled against them with the missing peer mapped to a module that does not
 * exist. scripts/consumer-test.mjs checks the same on the packed tarball.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.join(__dirname, '..');
let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'entry-types-'));
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.jsii.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  )!;
  const program = ts.createProgram({
    rootNames: config.fileNames,
    options: {
      ...config.options,
      outDir: path.join(work, 'dist'),
      declaration: true,
      emitDeclarationOnly: true,
      noEmit: false,
    },
  });
  const { diagnostics } = program.emit();
  expect(diagnostics).toEqual([]);
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Compiles `source` as an app's main.ts without `missing`; the diagnostics, formatted. */
function compileWithout(missing: string, source: string): string[] {
  const main = path.join(work, `main-${missing.replace(/\W/g, '-')}.ts`);
  fs.writeFileSync(main, source);
  const program = ts.createProgram({
    rootNames: [main],
    options: {
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      lib: ['lib.es2022.d.ts'],
      types: [],
      baseUrl: work,
      paths: {
        // The package as its exports map and typesVersions give it to an app.
        'cdktf-affinity-draining': ['dist/index.d.ts'],
        'cdktf-affinity-draining/*': ['dist/*/index.d.ts'],
        // The peer the app did not install: nothing resolves.
        [missing]: [path.join(work, 'not-installed')],
        [`${missing}/*`]: [path.join(work, 'not-installed', '*')],
        '*': [path.join(root, 'node_modules', '*')],
      },
    },
  });
  const loaded = program
    .getSourceFiles()
    .filter((f) => f.fileName.includes(`/node_modules/${missing}/`));
  expect(loaded.map((f) => f.fileName)).toEqual([]);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(work, d.file.fileName)}: ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

test('a Google-only app imports the package root with skipLibCheck false', () => {
  expect(
    compileWithout(
      '@cdktf/provider-kubernetes',
      `import { App, TerraformStack } from 'cdktf';
import {
  AffinityBackendService,
  BackendProtocol,
  HealthCheck,
  LoadBalancingScheme,
} from 'cdktf-affinity-draining';
import { LoadBalancerFirewall } from 'cdktf-affinity-draining/gcp';

const stack = new TerraformStack(new App(), 'web');
const web = new AffinityBackendService(stack, 'web', {
  name: 'web',
  loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
  protocol: BackendProtocol.HTTPS,
  healthCheck: HealthCheck.https({ port: 443 }),
});
new LoadBalancerFirewall(stack, 'probes', {
  name: 'probes',
  network: 'default',
  ports: [443],
  services: [web],
});
web.resource.addOverride('description', 'web');
`,
    ),
  ).toEqual([]);
}, 60_000);

test('a Kubernetes-only app imports the package root with skipLibCheck false', () => {
  expect(
    compileWithout(
      '@cdktf/provider-google',
      `import { App, TerraformStack } from 'cdktf';
import { GuacdStatefulPool } from 'cdktf-affinity-draining';
import { GuacdStatefulPool as Pool } from 'cdktf-affinity-draining/k8s';

const stack = new TerraformStack(new App(), 'guacd');
const pool: Pool = new GuacdStatefulPool(stack, 'guacd', {
  replicas: 2,
  webPodSelector: { app: 'guacamole' },
});
pool.statefulSet.addOverride('spec.revision_history_limit', 5);
`,
    ),
  ).toEqual([]);
}, 60_000);

test('the check fails when a declaration names a type of the missing provider', () => {
  const file = path.join(work, 'dist', 'k8s', 'guacd-stateful-pool.d.ts');
  const before = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(
    file,
    `import type * as sts from '@cdktf/provider-kubernetes/lib/stateful-set-v1';\nexport type Typed = sts.StatefulSetV1;\n${before}`,
  );
  try {
    expect(
      compileWithout(
        '@cdktf/provider-kubernetes',
        "import { Duration } from 'cdktf-affinity-draining';\nDuration.seconds(1);\n",
      ).join('\n'),
    ).toMatch(/Cannot find module '@cdktf\/provider-kubernetes\/lib\/stateful-set-v1'/);
  } finally {
    fs.writeFileSync(file, before);
  }
}, 60_000);
