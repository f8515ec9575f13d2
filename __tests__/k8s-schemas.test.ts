/**
 * Every Kubernetes object the library renders, read through lib/terraform/kubernetes into the
 * API object the provider sends, validates against its published schema (issue 18 item 2):
 * kubernetes-models for the core kinds, @kubernetes-models/gke for BackendConfig,
 * GCPBackendPolicy and HealthCheckPolicy, @kubernetes-models/gateway-api for HTTPRoute.
 * The packages are ES modules, so their validators run in one child Node process
 * (k8s-schemas/validate.mjs); the field names are checked against their TypeScript interfaces.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
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
import {
  JsonObject,
  containsUnknown,
  isKubernetesType,
  readKubernetesObject,
} from '../lib/terraform/kubernetes';
import { GuacdClusterStack } from '../stacks/guacd-cluster-stack';
import { GUACD_CLUSTERS } from '../stacks/guacd-topology';
import { fieldChecker } from './k8s-schemas/fields';
import { synthApp } from './helpers';

interface Rendered {
  readonly where: string;
  readonly object: JsonObject;
}
interface Validation {
  readonly class: string | null;
  readonly error: string | null;
}

const VALIDATOR = path.join(__dirname, 'k8s-schemas', 'validate.mjs');

/** Runs the published validators on the objects, in order. */
function validate(objects: JsonObject[]): Validation[] {
  const out = execFileSync(process.execPath, [VALIDATOR], {
    input: JSON.stringify(objects),
    cwd: path.join(__dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

/** The web-tier configurations of __tests__/web-tier.test.ts that synthesize, both frontends. */
const WEB_TIERS: Record<
  string,
  { pool?: Partial<GuacdStatefulPoolProps>; web: Partial<GuacamoleWebTierProps> }
> = {
  'ingress-defaults': { web: { frontend: GkeFrontend.INGRESS } },
  'ingress-host-static-ip': {
    web: {
      frontend: GkeFrontend.INGRESS,
      host: 'desk.example.com',
      staticIpName: 'guacamole-ip',
      sessionAffinity: SessionAffinity.clientIp(),
      healthCheck: HealthCheck.https({ port: 8443, requestPath: '/guacamole/' }),
    },
  },
  // A TCP health check on an Ingress is refused (W9: ingress-gce's translator has no TCP).
  'ingress-no-affinity': {
    web: {
      frontend: GkeFrontend.INGRESS,
      healthCheck: HealthCheck.http({ port: 8080, requestPath: '/guacamole/' }),
      sessionAffinity: SessionAffinity.none(),
    },
  },
  'gateway-defaults': { web: { frontend: GkeFrontend.GATEWAY, gatewayName: 'gw' } },
  'gateway-short-timeout': {
    web: { frontend: GkeFrontend.GATEWAY, gatewayName: 'gw', backendTimeout: Duration.minutes(10) },
  },
  'gateway-custom-health-check': {
    web: {
      frontend: GkeFrontend.GATEWAY,
      gatewayName: 'gw',
      gatewayNamespace: 'infra',
      host: 'lab.example.com',
      healthCheck: HealthCheck.http({
        port: 8080,
        requestPath: '/guacamole/api/languages',
        interval: Duration.seconds(15),
        timeout: Duration.seconds(10),
      }),
    },
  },
  'gateway-https-health-check-other-namespace': {
    pool: { webNamespace: 'web' },
    web: {
      frontend: GkeFrontend.GATEWAY,
      gatewayName: 'gw',
      namespace: 'web',
      healthCheck: HealthCheck.https({ port: 8443 }),
      draining: DrainingPolicy.of(Duration.minutes(5)),
    },
  },
  'gateway-tcp-health-check': {
    web: {
      frontend: GkeFrontend.GATEWAY,
      gatewayName: 'gw',
      healthCheck: HealthCheck.tcp({ port: 8080 }),
    },
  },
};

function renderedObjects(): Rendered[] {
  const { stacks } = synthApp((app: App) => {
    for (const c of GUACD_CLUSTERS) new GuacdClusterStack(app, `guacd-${c.cluster}`, c);
    for (const [name, config] of Object.entries(WEB_TIERS)) {
      const stack = new TerraformStack(app, `web-${name}`);
      new KubernetesProvider(stack, 'kubernetes', {});
      const guacd = new GuacdStatefulPool(stack, 'guacd', {
        webPodSelector: { 'app.kubernetes.io/name': 'guacamole' },
        ...config.pool,
      });
      new GuacamoleWebTier(stack, 'web', { guacd, frontend: GkeFrontend.INGRESS, ...config.web });
    }
  });
  const out: Rendered[] = [];
  for (const [stack, json] of Object.entries(stacks)) {
    for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
      if (!isKubernetesType(type)) continue;
      for (const [name, values] of Object.entries<any>(byName)) {
        out.push({
          where: `${stack}: ${type}.${name}`,
          object: readKubernetesObject(type, values)!,
        });
      }
    }
  }
  return out;
}

describe('rendered Kubernetes objects against their published schemas', () => {
  let rendered: Rendered[];
  let results: Validation[];
  let check: ReturnType<typeof fieldChecker>;
  beforeAll(() => {
    rendered = renderedObjects();
    results = validate(rendered.map((r) => r.object));
    check = fieldChecker();
  });

  test('both reference clusters and every web-tier configuration render every kind', () => {
    const kinds = new Set(rendered.map((r) => `${r.object.apiVersion} ${r.object.kind}`));
    expect([...kinds].sort()).toEqual([
      'apps/v1 Deployment',
      'apps/v1 StatefulSet',
      'cloud.google.com/v1 BackendConfig',
      'gateway.networking.k8s.io/v1 HTTPRoute',
      'networking.gke.io/v1 GCPBackendPolicy',
      'networking.gke.io/v1 HealthCheckPolicy',
      'networking.k8s.io/v1 Ingress',
      'networking.k8s.io/v1 NetworkPolicy',
      'policy/v1 PodDisruptionBudget',
      'v1 Service',
    ]);
    const stacks = new Set(rendered.map((r) => r.where.split(':')[0]));
    expect(stacks.size).toBe(2 + Object.keys(WEB_TIERS).length);
  });

  test('every object validates against its package class', () => {
    const failures = rendered
      .map((r, i) => ({ where: r.where, ...results[i] }))
      .filter((r) => r.error !== null)
      .map((r) => `${r.where} (${r.class ?? 'no class'}): ${r.error}`);
    expect(failures).toEqual([]);
    expect(results.every((r) => r.class !== null)).toBe(true);
  });

  test('every field name is one the published interface has', () => {
    const unknownFields = rendered.flatMap((r) => check(r.object).map((f) => `${r.where}: ${f}`));
    expect(unknownFields).toEqual([]);
  });

  test('the rendered objects hold no unknown values (the schemas see real values)', () => {
    expect(rendered.filter((r) => containsUnknown(r.object)).map((r) => r.where)).toEqual([]);
  });

  test('the checks can fail: a wrong type and a misspelt field are caught', () => {
    const service = rendered.find((r) => r.object.kind === 'Service')!.object;
    const spec = service.spec as JsonObject;
    const broken: JsonObject = {
      ...service,
      spec: { ...spec, ports: [{ port: 'http' }], sessionAffinityConfig: { clientIp: {} } },
    };
    const [result] = validate([broken]);
    expect(result.error).toMatch(/ports\/0\/port must be integer/);
    expect(check(broken)).toEqual(['v1 Service.spec.sessionAffinityConfig.clientIp']);
  });
});
