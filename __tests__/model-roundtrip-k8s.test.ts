/**
 * The Kubernetes models render and read through the same tables (issue 17 item 1): what a
 * construct (or any API object) renders into the provider's cdktf class, synthesizes and reads
 * back with `readKubernetesObject` is the API object it was rendered from, plus the provider's
 * defaults for what it left unset, and nothing else.
 *
 * - the tables agree with @cdktf/provider-kubernetes 12.1.1's generated classes (attribute names,
 *   value types, single blocks vs lists);
 * - property: API objects generated from the tables, every resource type, render -> cdktf synth
 *   -> read = the object plus the reader's defaults;
 * - properties: generated valid GuacdStatefulPool and GuacamoleWebTier props, construct ->
 *   synth -> read = exactly the object each construct built (plus defaults), and the pieces the
 *   rules and the reviewer use read back as the construct's own values (ClientIP affinity and
 *   its timeout, grace period, preStop drain, selectors, ports, PDB, policy targetRef).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformResource,
  TerraformStack,
  Testing,
  Tokenization,
} from 'cdktf';
import { IConstruct } from 'constructs';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import {
  DrainingPolicy,
  Duration,
  GkeFrontend,
  GuacamoleWebTier,
  GuacamoleWebTierProps,
  GuacdStatefulPool,
  GuacdStatefulPoolProps,
  HealthCheck,
  SessionAffinity,
} from '../lib';
import { kubernetesResource, renderedObject } from '../lib/k8s/kubernetes-provider';
import {
  Json,
  JsonObject,
  KUBERNETES_MODELS,
  MANIFEST_TYPE,
  readKubernetesObject,
  renderKubernetesObject,
} from '../lib/terraform/kubernetes';
import { readPodDrain } from '../lib/terraform/kubernetes/pod-drain';
import { AttrSpec, BlockSpec, Fields, camel, readFields } from '../lib/terraform/kubernetes/schema';

const SEED = 17;
const RUNS = 50;

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The types with their own table (the legacy names share the v1 tables). */
const TYPES = [
  'kubernetes_stateful_set_v1',
  'kubernetes_deployment_v1',
  'kubernetes_service_v1',
  'kubernetes_network_policy_v1',
  'kubernetes_pod_disruption_budget_v1',
  'kubernetes_ingress_v1',
  'kubernetes_pod_disruption_budget',
  'kubernetes_ingress',
];

/**
 * What the reader gives for `object`, a block the table `fields` describes, when the provider
 * fills in what the object leaves unset: the reader's value of an empty block (the defaults and
 * the `absent` values), with the object's own fields over it, recursively.
 */
function withDefaults(fields: Fields, object: JsonObject): JsonObject {
  const byApi = new Map(
    Object.entries(fields).map(([name, spec]) => [spec.api ?? camel(name), spec]),
  );
  const out: JsonObject = { ...readFields(fields, {}) };
  for (const [key, value] of Object.entries(object)) {
    const spec = byApi.get(key);
    if (spec === undefined || spec.kind === 'attr' || spec.shape) out[key] = value;
    else if (spec.kind === 'one') out[key] = withDefaults(spec.fields, value as JsonObject);
    else out[key] = (value as JsonObject[]).map((v) => withDefaults(spec.fields, v));
  }
  return out;
}

/** The API object the provider sends for a rendered object: apiVersion, kind and defaults. */
function expectedRead(type: string, object: JsonObject): JsonObject {
  if (type === MANIFEST_TYPE) return object;
  const { apiVersion, kind, ...rest } = object;
  return { apiVersion, kind, ...withDefaults(KUBERNETES_MODELS[type].fields, rest) };
}

describe('the tables are the cdktf classes of @cdktf/provider-kubernetes 12.1.1', () => {
  /** `xToTerraform` functions of a provider module: attribute -> converter, or block -> function. */
  function toTerraformFunctions(module: string) {
    const dir = path.join(
      path.dirname(require.resolve('@cdktf/provider-kubernetes/package.json')),
      'lib',
      module,
    );
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const f of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, f.name);
        if (f.isDirectory()) walk(p);
        else if (p.endsWith('.js')) files.push(p);
      }
    };
    walk(dir);
    const text = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    const fns = new Map<string, Map<string, { key: string; kind: string; fn?: string }>>();
    for (const m of text.matchAll(/function (\w+)ToTerraform\(struct\) \{([\s\S]*?)\n\}/g)) {
      const body = new Map<string, { key: string; kind: string; fn?: string }>();
      for (const line of m[2].split('\n')) {
        const l = /^\s+(\w+): (.*)\(struct\.(\w+)\),?$/.exec(line);
        if (!l) continue;
        const expr = l[2].replace(/\(0, \w+\.(\w+)\)/, '$1').replace(/\bstructs\w*\./g, '');
        const list = /^cdktf\.listMapper\((\w+)ToTerraform, true\)$/.exec(expr);
        const single = /^(\w+)ToTerraform$/.exec(expr);
        body.set(l[1], {
          key: l[3],
          kind: list ? 'list' : single ? 'single' : expr.replace(/cdktf\./g, ''),
          fn: list?.[1] ?? single?.[1],
        });
      }
      fns.set(m[1], body);
    }
    return fns;
  }

  const CONVERTER: Record<AttrSpec['type'], string> = {
    s: 'stringToTerraform',
    int: 'stringToTerraform',
    intstr: 'stringToTerraform',
    octal: 'stringToTerraform',
    n: 'numberToTerraform',
    b: 'booleanToTerraform',
    map: 'hashMapper(stringToTerraform)',
    list: 'listMapper(stringToTerraform, false)',
    nlist: 'listMapper(numberToTerraform, false)',
  };

  test.each(TYPES)('%s: names, value types and block shapes', (type) => {
    const module = type.replace(/^kubernetes_/, '').replace(/_/g, '-');
    const prefix = camel(type.replace(/^kubernetes_/, ''));
    const fns = toTerraformFunctions(module);
    const problems: string[] = [];
    let checked = 0;
    const walk = (fields: Fields, fn: string, at: string): void => {
      const body = fns.get(fn);
      if (body === undefined) return void problems.push(`${at}: no ${fn}ToTerraform`);
      for (const [name, spec] of Object.entries(fields)) {
        if (spec.drop) continue;
        const t = body.get(name);
        if (t === undefined) {
          problems.push(`${at}${name}: not an attribute of the cdktf class`);
          continue;
        }
        checked++;
        if (t.key !== camel(name)) problems.push(`${at}${name}: cdktf names it ${t.key}`);
        const shape =
          spec.kind === 'attr'
            ? CONVERTER[spec.type]
            : spec.kind === 'many' || (spec as BlockSpec).list
              ? 'list'
              : 'single';
        if (t.kind !== shape) problems.push(`${at}${name}: table ${shape}, cdktf ${t.kind}`);
        if (spec.kind !== 'attr' && t.fn) walk(spec.fields, t.fn, `${at}${name}.`);
      }
      for (const name of body.keys())
        if (!(name in fields)) problems.push(`${at}${name}: missing from the table`);
    };
    const fields = KUBERNETES_MODELS[type].fields;
    for (const top of ['metadata', 'spec']) {
      const spec = fields[top] as BlockSpec;
      walk(spec.fields, `${prefix}${top === 'metadata' ? 'Metadata' : 'Spec'}`, `${top}.`);
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(5);
  });
});

/** A generated API object and what the reader must give back for it. */
type Pair = readonly [Json, Json];

const word = fc
  .tuple(fc.constantFrom('a', 'web', 'guacd', 'x-y', 'Tcp'), fc.nat(99))
  .map(([w, n]) => `${w}${n}`);
const pair = (a: fc.Arbitrary<Json>): fc.Arbitrary<Pair> => a.map((v) => [v, v] as const);

function attrArbitrary(spec: AttrSpec): fc.Arbitrary<Json> {
  const hasDefault = spec.default !== undefined;
  switch (spec.type) {
    case 's':
      return word;
    case 'n':
      return fc.integer({ min: hasDefault ? 0 : 1, max: 100_000 });
    case 'b':
      // The reader takes an unset boolean without a default for false, as the provider does.
      return hasDefault ? fc.boolean() : fc.constant(true);
    case 'int':
      return fc.integer({ min: 0, max: 2_147_483_647 });
    case 'intstr':
      return fc.oneof(fc.integer({ min: 0, max: 65_535 }), fc.constantFrom('http', '25%', 'guacd'));
    case 'octal':
      return fc.integer({ min: 0, max: 0o777 });
    case 'map':
      return fc.dictionary(
        fc.oneof(word, fc.constantFrom('app.kubernetes.io/name', 'example.com/a_b')),
        word,
        { minKeys: 1, maxKeys: 3 },
      );
    case 'list':
      return fc.array(word, { minLength: 1, maxLength: 3 });
    case 'nlist':
      return fc.array(fc.integer({ min: 1, max: 65_535 }), { minLength: 1, maxLength: 3 });
  }
}

/** How many of a block's fields a generated object sets: up to four, at least one, or all. */
type Fill = 'some' | 'one' | 'all';

const BLOCKS = new Map<string, fc.Arbitrary<readonly [JsonObject, JsonObject]>>();
const TABLE_IDS = new Map<Fields, number>();

/**
 * An API object of a block, with what the reader gives for it: the chosen fields, each a
 * generated value, over the reader's value of an empty block (its defaults). `some` sets up to
 * four fields (so a pod spec stays small), `all` every field at every depth. Conditional
 * attributes (`when`) and dropped ones are left out: the provider would not send them as given.
 */
function blockArbitrary(
  fields: Fields,
  fill: Fill,
): fc.Arbitrary<readonly [JsonObject, JsonObject]> {
  if (!TABLE_IDS.has(fields)) TABLE_IDS.set(fields, TABLE_IDS.size);
  const id = `${TABLE_IDS.get(fields)}:${fill}`;
  const cached = BLOCKS.get(id);
  if (cached) return cached;
  const entries = Object.entries(fields).filter(
    ([, spec]) => !spec.drop && !(spec.kind === 'attr' && spec.when),
  );
  const chosen =
    fill === 'all'
      ? fc.constant(entries)
      : fc.shuffledSubarray(entries, {
          minLength: fill === 'one' ? 1 : 0,
          maxLength: Math.min(4, entries.length),
        });
  const arb = chosen
    .chain((picked) =>
      fc.tuple(
        ...picked.map(([name, spec]) =>
          fieldArbitrary(spec, fill === 'all' ? 'all' : 'some').map(
            (p) => [spec.api ?? camel(name), p] as const,
          ),
        ),
      ),
    )
    .map((picked) => {
      const api: JsonObject = {};
      const read: JsonObject = {};
      for (const [key, [a, r]] of picked) {
        api[key] = a;
        read[key] = r;
      }
      return [api, { ...readFields(fields, {}), ...read }] as const;
    });
  BLOCKS.set(id, arb);
  return arb;
}

function fieldArbitrary(spec: AttrSpec | BlockSpec, fill: Fill): fc.Arbitrary<Pair> {
  if (spec.kind === 'attr') return pair(attrArbitrary(spec));
  // A block with a `shape` (projected sources): every element projects something.
  const inner: Fill = fill === 'all' ? 'all' : spec.shape ? 'one' : 'some';
  const element = fc.constant(null).chain(() => blockArbitrary(spec.fields, inner));
  if (spec.kind === 'one') return element;
  return fc.array(element, { minLength: 1, maxLength: 2 }).map((items) => {
    const api = items.map(([a]) => a);
    const read = items.map(([, r]) => r);
    return spec.shape ? [spec.shape(api), spec.shape(read)] : [api, read];
  });
}

/** One generated object per type, with what the reader must give for it. */
function objectsOfEveryType(fill: Fill) {
  return fc.tuple(
    ...TYPES.map((type) => {
      const m = KUBERNETES_MODELS[type];
      const meta = blockArbitrary((m.fields.metadata as BlockSpec).fields, fill);
      const spec = blockArbitrary((m.fields.spec as BlockSpec).fields, fill);
      return fc.tuple(meta, spec).map(([[ma, mr], [sa, sr]]) => ({
        type,
        object: { apiVersion: m.apiVersion, kind: m.kind, metadata: ma, spec: sa },
        read: { apiVersion: m.apiVersion, kind: m.kind, metadata: mr, spec: sr },
      }));
    }),
  );
}

/** Renders each object into a provider resource, synthesizes, reads back, compares. */
function renderSynthRead(cases: { type: string; object: JsonObject; read: JsonObject }[]) {
  const stack = new TerraformStack(Testing.app(), 'roundtrip');
  new KubernetesProvider(stack, 'kubernetes', {});
  const made = cases.map((c, i) => ({
    ...c,
    resource: kubernetesResource(stack, `r${i}`, c.type, c.object, 'test'),
  }));
  const json = JSON.parse(Testing.synth(stack));
  for (const c of made) {
    const values = json.resource[c.type][stack.getLogicalId(c.resource)];
    expect(readKubernetesObject(c.type, values)).toEqual(c.read);
  }
}

describe('property: render then read is the identity (plus the provider defaults), every table', () => {
  test(`API objects generated from the tables (${RUNS} runs, ${TYPES.length} types each)`, () => {
    fc.assert(fc.property(objectsOfEveryType('some'), renderSynthRead), {
      seed: SEED,
      numRuns: RUNS,
    });
  });

  test('every attribute and block of every table at once (3 runs)', () => {
    // No shrinking: an object with every field is large, and the first failure names the field.
    fc.assert(fc.property(objectsOfEveryType('all'), renderSynthRead), {
      seed: SEED,
      numRuns: 3,
      endOnFailure: true,
    });
  });

  test('a field no attribute sends is refused, not dropped; so is another kind', () => {
    expect(() =>
      renderKubernetesObject('kubernetes_service_v1', {
        apiVersion: 'v1',
        kind: 'Service',
        spec: { sessionAffinityConfig: { clientIp: { timeoutSeconds: 60 } } },
      }),
    ).toThrow(
      /kubernetes_service_v1\.spec\.sessionAffinityConfig\.clientIp: no attribute .*known: clientIP/,
    );
    expect(() =>
      renderKubernetesObject('kubernetes_service_v1', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
      }),
    ).toThrow(/sends v1 Service, not apps\/v1 Deployment/);
  });

  test('conversions: an integer kept as a string, an int-or-string, an octal mode, a list block', () => {
    const config = renderKubernetesObject('kubernetes_stateful_set_v1', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      spec: {
        replicas: 3,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        template: {
          spec: {
            securityContext: { runAsUser: 1000 },
            containers: [{ name: 'c', livenessProbe: { tcpSocket: { port: 4822 } } }],
            volumes: [{ name: 'v', secret: { secretName: 's', defaultMode: 0o640 } }],
          },
        },
      },
    });
    expect(config).toEqual({
      spec: {
        replicas: '3',
        updateStrategy: [{ type: 'RollingUpdate', rollingUpdate: [{ partition: 0 }] }],
        template: {
          spec: {
            securityContext: { runAsUser: '1000' },
            container: [{ name: 'c', livenessProbe: { tcpSocket: [{ port: '4822' }] } }],
            volume: [{ name: 'v', secret: { secretName: 's', defaultMode: '0640' } }],
          },
        },
      },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The constructs

const label = fc.constantFrom('guacamole', 'web', 'desk-01');
const dnsName = fc
  .tuple(fc.constantFrom('guacd', 'pool', 'rd'), fc.nat(9))
  .map(([w, n]) => `${w}${n}`);

/** Valid GuacdStatefulPool props (every one synthesizes without an error). */
const poolProps: fc.Arbitrary<GuacdStatefulPoolProps> = fc.record(
  {
    webPodSelector: fc.dictionary(fc.constantFrom('app', 'app.kubernetes.io/name', 'tier'), label, {
      minKeys: 1,
      maxKeys: 2,
    }),
    webNamespace: fc.constantFrom('web', 'frontend'),
    name: dnsName,
    namespace: fc.constantFrom('guacamole', 'desktops'),
    affinityServiceName: fc.constantFrom('guacd-service', 'guacd-affinity'),
    replicas: fc.integer({ min: 0, max: 6 }),
    sessionAffinityTimeout: fc.integer({ min: 1, max: 86_400 }).map((s) => Duration.seconds(s)),
    draining: fc
      .record({
        timeout: fc.integer({ min: 0, max: 7200 }),
        pollInterval: fc.integer({ min: 1, max: 30 }),
        shutdownMargin: fc.integer({ min: 1, max: 60 }),
      })
      .map((d) =>
        DrainingPolicy.withOptions({
          timeout: Duration.seconds(d.timeout),
          pollInterval: Duration.seconds(d.pollInterval),
          shutdownMargin: Duration.seconds(d.shutdownMargin),
        }),
      ),
    resources: fc.constantFrom(
      { cpuRequest: '200m', memoryLimit: '1Gi' },
      { cpuRequest: '1', cpuLimit: '2', memoryRequest: '1Gi', memoryLimit: '2Gi' },
    ),
    remoteDesktopCidrs: fc.constantFrom([], ['10.0.0.0/8'], ['192.168.1.0/24', '10.1.0.0/16']),
    remoteDesktopPorts: fc.constantFrom([], [3389], [22, 5900]),
    runAsUser: fc.integer({ min: 1, max: 65_535 }),
    waitForRollout: fc.boolean(),
  },
  { requiredKeys: ['webPodSelector', 'draining', 'remoteDesktopCidrs', 'remoteDesktopPorts'] },
);

/** Valid GuacamoleWebTier props besides `guacd`, for both frontends. */
const webProps: fc.Arbitrary<Omit<GuacamoleWebTierProps, 'guacd'>> = fc
  .record({
    frontend: fc.constantFrom(GkeFrontend.INGRESS, GkeFrontend.GATEWAY),
    name: fc.option(fc.constantFrom('guacamole', 'desk'), { nil: undefined }),
    replicas: fc.option(fc.integer({ min: 2, max: 5 }), { nil: undefined }),
    drainMinutes: fc.integer({ min: 0, max: 60 }),
    affinity: fc.constantFrom('cookie', 'none'),
    ttlHours: fc.integer({ min: 1, max: 24 }),
    backendHours: fc.integer({ min: 8, max: 24 }),
    https: fc.boolean(),
    runAsUser: fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
    environment: fc.option(
      fc.constantFrom<Record<string, string>>({ OPENID_ENABLED: 'true' }, { A: 'b', C: 'd' }),
      {
        nil: undefined,
      },
    ),
    host: fc.option(fc.constantFrom('desk.example.com', 'a.example.org'), { nil: undefined }),
    staticIpName: fc.option(fc.constantFrom('guacamole-ip'), { nil: undefined }),
  })
  .map((p) => ({
    frontend: p.frontend,
    name: p.name,
    replicas: p.replicas,
    draining: DrainingPolicy.of(Duration.minutes(p.drainMinutes)),
    sessionAffinity:
      p.affinity === 'none'
        ? SessionAffinity.none()
        : SessionAffinity.generatedCookie({ ttl: Duration.hours(p.ttlHours) }),
    backendTimeout: Duration.hours(p.backendHours),
    healthCheck: p.https
      ? HealthCheck.https({ port: 8443, requestPath: '/guacamole/' })
      : undefined,
    runAsUser: p.runAsUser,
    environment: p.environment,
    host: p.host,
    ...(p.frontend === GkeFrontend.INGRESS
      ? { staticIpName: p.staticIpName }
      : { gatewayName: 'external-http', gatewayNamespace: 'infra' }),
  }));

interface ReadBack {
  readonly type: string;
  readonly construct: IConstruct;
  readonly built: JsonObject;
  readonly read: JsonObject;
}

/** Every Kubernetes resource of a stack: the API object built, and the one read from the synth. */
function readBack(stack: TerraformStack): ReadBack[] {
  const json = JSON.parse(Testing.synth(stack, true));
  const resolver = new DefaultTokenResolver(new StringConcat());
  return stack.node.findAll().flatMap((c) => {
    const built = renderedObject(c);
    if (built === undefined) return [];
    const type = (c as TerraformResource).terraformResourceType;
    const values = json.resource[type][stack.getLogicalId(c as TerraformResource)];
    return [
      {
        type,
        construct: c,
        built: Tokenization.resolve(built, { scope: stack, resolver }),
        read: readKubernetesObject(type, values)!,
      },
    ];
  });
}

/** The one read-back object of a construct id. */
const byId = (all: ReadBack[], id: string): JsonObject => {
  const found = all.filter((r) => r.construct.node.id === id);
  expect(found).toHaveLength(1);
  return found[0].read;
};

const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});

function newStack() {
  const stack = new TerraformStack(Testing.app(), 'k8s');
  new KubernetesProvider(stack, 'kubernetes', {});
  return stack;
}

describe('property: what the constructs build is what the provider sends', () => {
  test(`GuacdStatefulPool (${RUNS} generated props): read(synth) = the built objects + defaults`, () => {
    let withRemote = 0;
    fc.assert(
      fc.property(poolProps, (props) => {
        const stack = newStack();
        const pool = new GuacdStatefulPool(stack, 'guacd', props);
        const all = readBack(stack);
        expect(all.map((r) => r.type).sort()).toEqual(
          [
            'kubernetes_network_policy_v1',
            'kubernetes_pod_disruption_budget_v1',
            'kubernetes_service_v1',
            'kubernetes_service_v1',
            'kubernetes_stateful_set_v1',
            ...pool.podNames.map(() => 'kubernetes_service_v1'),
          ].sort(),
        );
        for (const r of all) expect(r.read).toEqual(expectedRead(r.type, r.built));

        // The values the rules and the reviewer take from the API objects.
        const sts = byId(all, 'stateful-set');
        const affinity = byId(all, 'affinity-service');
        expect(obj(affinity.spec).sessionAffinity).toBe('ClientIP');
        expect(obj(affinity.spec).sessionAffinityConfig).toEqual({
          clientIP: { timeoutSeconds: pool.sessionAffinityTimeoutSeconds },
        });
        const drain = readPodDrain(sts);
        expect(drain).toEqual({
          preStop: true,
          drainSeconds: props.draining!.timeout.toSeconds(),
          graceSeconds: pool.terminationGracePeriodSeconds,
        });
        expect(obj(sts.spec).replicas).toBe(pool.replicas);
        const selector = obj(obj(sts.spec).selector).matchLabels;
        expect(obj(obj(obj(sts.spec).template).metadata).labels).toMatchObject(obj(selector));
        expect(obj(byId(all, 'pod-disruption-budget').spec)).toEqual({
          selector: { matchLabels: selector },
          maxUnavailable: 1,
        });
        pool.podNames.forEach((pod, i) => {
          const svc = obj(byId(all, `pod-service-${i}`).spec);
          expect(svc.selector).toEqual({
            ...obj(selector),
            'statefulset.kubernetes.io/pod-name': pod,
          });
          expect(svc.ports).toEqual([
            { name: 'guacd', port: 4822, targetPort: 'guacd', protocol: 'TCP' },
          ]);
        });
        const policy = obj(byId(all, 'network-policy').spec);
        expect(policy.ingress).toEqual([
          {
            from: [
              {
                podSelector: { matchLabels: props.webPodSelector },
                ...(props.webNamespace !== undefined
                  ? {
                      namespaceSelector: {
                        matchLabels: { 'kubernetes.io/metadata.name': props.webNamespace },
                      },
                    }
                  : {}),
              },
            ],
            ports: [{ port: 4822, protocol: 'TCP' }],
          },
        ]);
        const remote = props.remoteDesktopCidrs!.length > 0 && props.remoteDesktopPorts!.length > 0;
        if (remote) withRemote++;
        expect((policy.egress as Json[]).length).toBe(remote ? 2 : 1);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(withRemote).toBeGreaterThan(RUNS / 10);
  });

  test(`GuacamoleWebTier (${RUNS} generated props, both frontends): read(synth) = the built objects + defaults`, () => {
    const frontends = { [GkeFrontend.INGRESS]: 0, [GkeFrontend.GATEWAY]: 0 };
    fc.assert(
      fc.property(poolProps, webProps, (pp, wp) => {
        const stack = newStack();
        const pool = new GuacdStatefulPool(stack, 'guacd', { ...pp, webNamespace: undefined });
        const web = new GuacamoleWebTier(stack, 'web', { ...wp, guacd: pool });
        frontends[wp.frontend]++;
        const all = readBack(stack);
        for (const r of all) expect(r.read).toEqual(expectedRead(r.type, r.built));

        const deployment = byId(all, 'deployment');
        expect(readPodDrain(deployment)).toEqual({
          preStop: true,
          drainSeconds: wp.draining!.timeout.toSeconds(),
          graceSeconds: web.terminationGracePeriodSeconds,
        });
        expect(obj(obj(deployment.spec).selector).matchLabels).toEqual(web.podLabels);
        const service = byId(all, 'service');
        expect(obj(service.spec).selector).toEqual(web.podLabels);
        expect(obj(service.spec).ports).toEqual([
          { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' },
        ]);
        // guacd's NetworkPolicy admits exactly the web pods.
        const policy = obj(byId(all, 'network-policy').spec);
        expect(policy.ingress).toEqual([
          {
            from: [{ podSelector: { matchLabels: web.podLabels } }],
            ports: [{ port: 4822, protocol: 'TCP' }],
          },
        ]);
        const ttl = web.sessionAffinity.ttl?.toSeconds();
        if (wp.frontend === GkeFrontend.INGRESS) {
          const config = byId(all, 'backend-config');
          const annotations = obj(obj(service.metadata).annotations);
          expect(JSON.parse(String(annotations['cloud.google.com/backend-config']))).toEqual({
            default: obj(config.metadata).name,
          });
          expect(obj(config.spec).sessionAffinity).toEqual({
            affinityType: web.sessionAffinity.type,
            ...(ttl !== undefined ? { affinityCookieTtlSec: ttl } : {}),
          });
          const rule = (obj(byId(all, 'ingress').spec).rules as JsonObject[])[0];
          expect(obj(rule.http).paths).toEqual([
            {
              path: '/guacamole',
              pathType: 'Prefix',
              backend: { service: { name: web.name, port: { number: 8080 } } },
            },
          ]);
        } else {
          const targetRef = { group: '', kind: 'Service', name: obj(service.metadata).name };
          for (const id of ['backend-policy', 'health-check-policy'])
            expect(obj(byId(all, id).spec).targetRef).toEqual(targetRef);
          expect(obj(obj(byId(all, 'backend-policy').spec).default).sessionAffinity).toEqual({
            type: web.sessionAffinity.type,
            ...(ttl !== undefined ? { cookieTtlSec: ttl } : {}),
          });
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(frontends[GkeFrontend.INGRESS]).toBeGreaterThan(RUNS / 10);
    expect(frontends[GkeFrontend.GATEWAY]).toBeGreaterThan(RUNS / 10);
  });
});
