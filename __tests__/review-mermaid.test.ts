/**
 * The markdown review draws each session path a finding is on as a Mermaid flowchart (issue
 * 21, item 5): frontend or Gateway → backend service or Service and its policy → groups or
 * pods, with the changed nodes and links marked with their risk. Text and JSON stay as they
 * were, and no resource name can break out of the diagram.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import {
  Duration,
  GkeFrontend,
  GuacamoleWebTier,
  GuacdStatefulPool,
  SessionAffinity,
} from '../lib';
import { runReview } from '../lib/review/cli';
import { MERMAID_MAX_NODES, mermaidLabel, sessionPathDiagrams } from '../lib/review/mermaid';
import { validSynth } from '../fuzz/cli-inputs';
import { synthApp } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'review-mermaid-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let serial = 0;

/** A synth directory with the fuzz fixture (plus a URL map in front of it), edited. */
function gceDir(edit: (resource: Record<string, any>) => void = () => {}): string {
  const d = path.join(tmp, `gce${serial++}`);
  fs.mkdirSync(path.join(d, 'stacks', 'a'), { recursive: true });
  const s = validSynth();
  s.resource.google_compute_url_map = {
    map: { name: 'web-map', default_service: '${google_compute_backend_service.web.id}' },
  };
  edit(s.resource);
  fs.writeFileSync(path.join(d, 'stacks', 'a', 'cdk.tf.json'), JSON.stringify(s));
  return d;
}

/** A second backend service `web2` (named `name`) on the URL map's `/api` path. */
const apiRoute = (name: string) => (r: Record<string, any>) => {
  r.google_compute_backend_service.web2 = { ...r.google_compute_backend_service.web, name };
  r.google_compute_url_map.map.host_rule = [{ hosts: ['*'], path_matcher: 'pm' }];
  r.google_compute_url_map.map.path_matcher = [
    {
      name: 'pm',
      default_service: '${google_compute_backend_service.web.id}',
      path_rule: [{ paths: ['/api'], service: '${google_compute_backend_service.web2.id}' }],
    },
  ];
};

/** The ```mermaid blocks of a markdown report. */
const blocks = (md: string): string[] =>
  [...md.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

/** The node id of the node whose label contains `text` in a block. */
function idOf(block: string, text: string): string {
  const m = block.split('\n').find((l) => /^ {2}n\d+\["/.test(l) && l.includes(text));
  if (!m) throw new Error(`no node with ${text} in\n${block}`);
  return /n\d+/.exec(m)![0];
}

describe('markdown: one Mermaid flowchart per affected session path', () => {
  const base = gceDir();
  const changed = gceDir((r) => {
    r.google_compute_backend_service.web.connection_draining_timeout_sec = 0;
    apiRoute('web-api')(r);
    r.kubernetes_service_v1.guacd.spec.session_affinity = 'None';
  });
  const md = runReview([changed, '--base', base, '--format', 'markdown']).stdout;

  test('URL map → backend services → instance group, with risks on nodes and links', () => {
    expect(md).toContain('### Session paths');
    const [gce] = blocks(md).filter((b) => b.includes('URL map web-map'));
    expect(gce.split('\n')[0]).toBe('flowchart LR');
    const map = idOf(gce, 'URL map web-map');
    const web = idOf(gce, 'backend service web +');
    const api = idOf(gce, 'backend service web-api');
    const ig = idOf(gce, 'instance group web-ig');
    // Each node once; risks in the labels and as classes.
    expect(gce).toContain(`${map}["HIGH: URL map web-map"]`);
    expect(gce).toContain(`${web}["HIGH: backend service web + health check web-hc"]`);
    expect(gce).toContain(`${api}["LOW: backend service web-api (added) + health check web-hc"]`);
    expect(gce).toContain(`${ig}["instance group web-ig"]`);
    expect(gce).toContain(`class ${map} high`);
    expect(gce).toContain(`class ${web} high`);
    expect(gce).toContain(`class ${api} low`);
    expect(gce).not.toContain(`class ${ig} `);
    expect(gce).toMatch(/classDef high fill:#fdd/);
    // The links: the new /api route is HIGH and added; the unchanged group link is plain.
    expect(gce).toContain(`${map} -->|HIGH added| ${api}`);
    expect(gce).toContain(`${web} --> ${ig}`);
    expect(gce).toContain(`${api} -->|LOW added| ${ig}`);
    expect(gce).toMatch(/linkStyle \d+ stroke:#c00/);
  });

  test('a Kubernetes Service and its pods are a path of their own', () => {
    const [k8s] = blocks(md).filter((b) => b.includes('Service guacamole/guacd'));
    const svc = idOf(k8s, 'Service guacamole/guacd');
    const sts = idOf(k8s, 'StatefulSet guacamole/guacd');
    expect(k8s).toContain(`${svc}["HIGH: Service guacamole/guacd"]`);
    expect(k8s).toContain(`${svc} --> ${sts}`);
    expect(k8s).toContain(`class ${svc} high`);
  });

  test('text and JSON have no diagram, and are what they were without one', () => {
    for (const format of ['text', 'json']) {
      const out = runReview([changed, '--base', base, '--format', format]).stdout;
      expect(out).not.toMatch(/mermaid|flowchart/);
    }
    const table = md.slice(0, md.indexOf('\n\n### Session paths'));
    expect(table).toMatch(/^## Affinity review: /);
    expect(table).not.toContain('```');
  });

  test('no diagram when no finding is on a path, and for an empty diff', () => {
    expect(runReview([base, '--base', base, '--format', 'markdown']).stdout).not.toContain(
      'mermaid',
    );
    const fw = gceDir((r) => {
      r.google_compute_firewall.probes.source_ranges = ['35.191.0.0/16'];
    });
    const out = runReview([fw, '--base', base, '--format', 'markdown', '--fail-on', 'never']);
    expect(out.stdout).toMatch(/firewall rule probes/);
    expect(out.stdout).not.toContain('mermaid');
  });
});

describe('--plan: the same diagrams from a plan', () => {
  // The plan (our own fixture) turns draining off on `web` and adds `web-api` on the URL map's
  // `/api` path; `web-api`'s id, and so the URL map's link to it, is known only after apply.
  const planFile = path.join(__dirname, 'fixtures', 'plan-session-paths.json');
  const run = (format: string) =>
    runReview([gceDir(), '--plan', planFile, '--format', format, '--fail-on', 'never']).stdout;

  test('URL map → backend services → instance group, the changed links marked by risk', () => {
    const [gce] = blocks(run('markdown'));
    expect(gce.split('\n')[0]).toBe('flowchart LR');
    const map = idOf(gce, 'URL map web-map');
    const web = idOf(gce, 'backend service web +');
    const api = idOf(gce, 'backend service web-api');
    const ig = idOf(gce, 'instance group web-ig');
    // The old versions name their targets by self link, the new ones by the configuration.
    expect(gce).toContain(`${web}["HIGH: backend service web + health check web-hc"]`);
    expect(gce).toContain(`${api}["LOW: backend service web-api (added) + health check web-hc"]`);
    expect(gce).toContain(`${ig}["instance group web-ig"]`);
    // The new path matcher's routes: its default to `web` and `/api` to the new service.
    expect(gce).toContain(`${map} -->|HIGH| ${web}`);
    expect(gce).toContain(`${map} -->|HIGH added| ${api}`);
    expect(gce).toContain(`${web} --> ${ig}`);
    expect(gce).toContain(`${api} -->|LOW added| ${ig}`);
    expect(gce).toContain(`class ${web} high`);
    expect(gce).not.toContain(`class ${ig} `);
  });

  test('the same plan as text or JSON has no diagram', () => {
    for (const format of ['text', 'json']) expect(run(format)).not.toMatch(/mermaid|flowchart/);
  });
});

describe('GKE: Gateway → HTTPRoute → Service and its policy → pods', () => {
  let dir: string;
  beforeAll(() => {
    dir = synthApp((app) => {
      const s = new TerraformStack(app, 'cluster');
      new KubernetesProvider(s, 'kubernetes', {});
      const guacd = new GuacdStatefulPool(s, 'guacd', { webPodSelector: { app: 'guacamole' } });
      new GuacamoleWebTier(s, 'web', {
        guacd,
        frontend: GkeFrontend.GATEWAY,
        gatewayName: 'external-http',
        host: 'remote.example.com',
        sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.hours(8) }),
        backendTimeout: Duration.hours(8),
      });
    }).outdir;
  });

  test('a detached GCPBackendPolicy: the Service HIGH, its policy link HIGH, removed and dashed', () => {
    const out = path.join(tmp, 'gke-detached');
    fs.cpSync(dir, out, { recursive: true });
    const file = path.join(out, 'stacks', 'cluster', 'cdk.tf.json');
    const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
    const policy = Object.values<any>(tf.resource.kubernetes_manifest).find(
      (v) => v.manifest.kind === 'GCPBackendPolicy',
    );
    policy.manifest.spec.targetRef.name = 'other';
    fs.writeFileSync(file, JSON.stringify(tf));
    const md = runReview([out, '--base', dir, '--format', 'markdown']).stdout;
    const [b] = blocks(md).filter((x) => x.includes('Gateway guacamole/external-http'));
    const gw = idOf(b, 'Gateway guacamole/external-http');
    const route = idOf(b, 'HTTPRoute guacamole/');
    const svc = idOf(b, 'Service guacamole/guacamole');
    const pol = idOf(b, 'GCPBackendPolicy guacamole/guacamole-backend-policy');
    const pods = idOf(b, 'Deployment guacamole/');
    expect(b).toContain(`${gw} --> ${route}`);
    expect(b).toContain(`${route} --> ${svc}`);
    expect(b).toContain(`${svc} --> ${pods}`);
    expect(b).toContain(`${svc} -.->|HIGH removed| ${pol}`);
    expect(b).toContain(`class ${svc} high`);
    expect(b).toMatch(new RegExp(`${svc}\\["HIGH: Service guacamole/guacamole`));
  });

  test('the same change as a plan draws the same path', () => {
    // The synth's resources as a plan's changes: all unchanged but the detached policy.
    const tf = JSON.parse(
      fs.readFileSync(path.join(dir, 'stacks', 'cluster', 'cdk.tf.json'), 'utf8'),
    );
    const changes = Object.entries<Record<string, any>>(tf.resource).flatMap(([type, byName]) =>
      Object.entries<any>(byName).map(([name, values]) => {
        const after = JSON.parse(JSON.stringify(values));
        const detached = values.manifest?.kind === 'GCPBackendPolicy';
        if (detached) after.manifest.spec.targetRef.name = 'other';
        return {
          address: `${type}.${name}`,
          type,
          name,
          change: { actions: [detached ? 'update' : 'no-op'], before: values, after },
        };
      }),
    );
    const file = path.join(tmp, 'gke-plan.json');
    fs.writeFileSync(file, JSON.stringify({ format_version: '1.2', resource_changes: changes }));
    const md = runReview([dir, '--plan', file, '--format', 'markdown']).stdout;
    const [b] = blocks(md).filter((x) => x.includes('Gateway guacamole/external-http'));
    const route = idOf(b, 'HTTPRoute guacamole/');
    const svc = idOf(b, 'Service guacamole/guacamole');
    const pol = idOf(b, 'GCPBackendPolicy guacamole/guacamole-backend-policy');
    expect(b).toContain(`${idOf(b, 'Gateway guacamole/external-http')} --> ${route}`);
    expect(b).toContain(`${route} --> ${svc}`);
    expect(b).toContain(`${svc} --> ${idOf(b, 'Deployment guacamole/')}`);
    expect(b).toContain(`${svc} -.->|HIGH removed| ${pol}`);
  });
});

describe('a hostile resource name cannot break out of the diagram', () => {
  const HOSTILE = [
    'x"]\n```\n# injected\n```mermaid\nflowchart LR\n  evil["pwned',
    'a%%{init: {"theme":"dark"}}%%',
    '<img src=x onerror=alert(1)>',
    'b|HIGH| n0 --> n9',
    '\u001b[2J\u202eevil#35;',
    'w'.repeat(5000),
  ];

  test.each(HOSTILE)('%j', (name) => {
    const base = gceDir();
    const changed = gceDir(apiRoute(name));
    const md = runReview([changed, '--base', base, '--format', 'markdown']).stdout;
    const [b] = blocks(md);
    // Exactly one block, and every line of it is one of the statements we write.
    expect(md.match(/^```/gm)).toHaveLength(2);
    for (const line of b.trimEnd().split('\n'))
      expect(line).toMatch(
        /^(flowchart LR| {2}n\d+\["[^"]*"\]| {2}n\d+ (-->|-\.->)(\|[A-Za-z ]+\|)? n\d+| {2}more\["\+\d+ more"\]| {2}classDef \w+ [^"]+| {2}class n\d+ \w+| {2}linkStyle \d+ [\w:#,-]+)$/,
      );
    // eslint-disable-next-line no-control-regex
    expect(b).not.toMatch(/[<`\u0000-\u0009\u000b-\u001f\u202e]/);
    for (const label of b.match(/\["[^"]*"\]/g)!) expect(label).not.toMatch(/[<>|]|#(?!\d+;)/);
    for (const line of b.split('\n')) expect(line.length).toBeLessThanOrEqual(400);
  });

  test('mermaidLabel writes syntax as entity codes, bounded', () => {
    expect(mermaidLabel('a"b#c<d>e&f`g|h')).toBe('a#34;b#35;c#60;d#62;e#38;f#96;g#124;h');
    expect(mermaidLabel('x'.repeat(10_000)).length).toBeLessThan(200);
    expect(mermaidLabel('\u001b[31m')).toBe('\\x1b[31m');
  });
});

test('a diagram is capped, the rest counted', () => {
  const base = gceDir();
  const changed = gceDir((r) => {
    const bs = r.google_compute_backend_service.web;
    bs.connection_draining_timeout_sec = 0;
    for (let i = 0; i < 30; i++) {
      r.google_compute_instance_group_manager[`ig${i}`] = {
        ...r.google_compute_instance_group_manager.ig,
        name: `ig-${i}`,
      };
      bs.backend.push({
        ...bs.backend[0],
        group: `\${google_compute_instance_group_manager.ig${i}.instance_group}`,
      });
    }
  });
  const [b] = blocks(runReview([changed, '--base', base, '--format', 'markdown']).stdout);
  expect(b.match(/^ {2}n\d+\[/gm)).toHaveLength(MERMAID_MAX_NODES);
  expect(b).toMatch(/more\["\+\d+ more"\]/);
  // The changed nodes are kept.
  expect(b).toContain('HIGH: backend service web');
});

test('sessionPathDiagrams of no resources is empty', () => {
  expect(
    sessionPathDiagrams(
      [{ risk: 'high', stack: 'a', subject: 'x', change: 'y', consequence: 'z' }],
      {
        base: [],
        current: [],
      },
    ),
  ).toBe('');
});

describe('SARIF carries the tool and every rule it reports', () => {
  test('driver name, version, semanticVersion; each rule id, name, descriptions, help, level', () => {
    const synth = gceDir((r) => {
      r.google_compute_backend_service.web.connection_draining_timeout_sec = 0;
      r.google_compute_backend_service.web.session_affinity = 'HEADER_FIELD';
    });
    const r = runReview(['lint', synth, '--format', 'sarif', '--fail-on', 'never']);
    const driver = JSON.parse(r.stdout).runs[0].tool.driver;
    const version = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'),
    ).version;
    expect(driver).toMatchObject({
      name: 'affinity-review lint',
      version,
      semanticVersion: version,
      informationUri: expect.stringMatching(/RULES\.md$/),
    });
    expect(driver.rules.length).toBeGreaterThan(0);
    for (const rule of driver.rules) {
      expect(rule).toMatchObject({
        id: expect.stringMatching(/^[A-Z]+\d+$/),
        name: expect.stringMatching(/^[A-Za-z][A-Za-z0-9]*$/),
        shortDescription: { text: expect.any(String) },
        fullDescription: { text: expect.any(String) },
        helpUri: expect.stringMatching(new RegExp(`RULES\\.md#${rule.id.toLowerCase()}$`)),
        help: {
          text: expect.stringContaining(rule.helpUri),
          markdown: expect.stringContaining(`](${rule.helpUri})`),
        },
        defaultConfiguration: { level: expect.stringMatching(/^(error|warning)$/) },
      });
      expect(rule.properties.tags.length).toBeGreaterThan(0);
    }
  });
});
