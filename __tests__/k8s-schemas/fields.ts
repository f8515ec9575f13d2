/**
 * Strict field names: the published validators accept unknown fields (their schemas have no
 * `additionalProperties: false`), so a misspelt API field (`clientIp` for `clientIP`) would pass.
 * This walks an object along the TypeScript interfaces the same packages publish and lists every
 * key that the interface does not have.
 */
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..', 'node_modules');

/** The published interface of each apiVersion/kind: declaration file and interface name. */
export const INTERFACES: Record<string, [string, string]> = {
  'apps/v1 StatefulSet': ['kubernetes-models/apps/v1/StatefulSet.d.ts', 'IStatefulSet'],
  'apps/v1 Deployment': ['kubernetes-models/apps/v1/Deployment.d.ts', 'IDeployment'],
  'v1 Service': ['kubernetes-models/v1/Service.d.ts', 'IService'],
  'policy/v1 PodDisruptionBudget': [
    'kubernetes-models/policy/v1/PodDisruptionBudget.d.ts',
    'IPodDisruptionBudget',
  ],
  'networking.k8s.io/v1 NetworkPolicy': [
    'kubernetes-models/networking.k8s.io/v1/NetworkPolicy.d.ts',
    'INetworkPolicy',
  ],
  'networking.k8s.io/v1 Ingress': [
    'kubernetes-models/networking.k8s.io/v1/Ingress.d.ts',
    'IIngress',
  ],
  'cloud.google.com/v1 BackendConfig': [
    '@kubernetes-models/gke/cloud.google.com/v1/BackendConfig.d.ts',
    'IBackendConfig',
  ],
  'networking.gke.io/v1 GCPBackendPolicy': [
    '@kubernetes-models/gke/networking.gke.io/v1/GCPBackendPolicy.d.ts',
    'IGCPBackendPolicy',
  ],
  'networking.gke.io/v1 HealthCheckPolicy': [
    '@kubernetes-models/gke/networking.gke.io/v1/HealthCheckPolicy.d.ts',
    'IHealthCheckPolicy',
  ],
  'gateway.networking.k8s.io/v1 HTTPRoute': [
    '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute.d.ts',
    'IHTTPRoute',
  ],
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Builds one TypeScript program over every interface file (about a second). */
export function fieldChecker(): (obj: Record<string, unknown>) => string[] {
  const files = Object.values(INTERFACES).map(([f]) => path.join(ROOT, f));
  const program = ts.createProgram(files, {
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const roots = new Map<string, ts.Type>();
  for (const [key, [file, name]] of Object.entries(INTERFACES)) {
    const source = program.getSourceFile(path.join(ROOT, file));
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    const symbol =
      moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === name);
    if (!symbol) throw new Error(`interface ${name} not found in ${file}`);
    roots.set(key, checker.getDeclaredTypeOfSymbol(symbol));
  }

  const objectParts = (type: ts.Type): ts.Type[] =>
    (type.isUnion() ? type.types : [type]).filter(
      (t) => (t.flags & ts.TypeFlags.Object) !== 0 || t.isIntersection(),
    );
  const opaque = (type: ts.Type) =>
    (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 ||
    (type.isUnion() &&
      type.types.some((t) => (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0));

  const walk = (type: ts.Type, value: unknown, where: string, out: string[]): void => {
    if (opaque(type)) return;
    if (Array.isArray(value)) {
      for (const part of objectParts(type)) {
        const element = checker.getIndexTypeOfType(part, ts.IndexKind.Number);
        if (element) {
          value.forEach((v, i) => walk(element, v, `${where}[${i}]`, out));
          return;
        }
      }
      return;
    }
    if (!isPlainObject(value)) return;
    const parts = objectParts(type);
    if (parts.length === 0) return;
    for (const [key, v] of Object.entries(value)) {
      const part = parts.find((p) => checker.getPropertyOfType(p, key));
      const prop = part && checker.getPropertyOfType(part, key);
      if (prop) {
        walk(checker.getNonNullableType(checker.getTypeOfSymbol(prop)), v, `${where}.${key}`, out);
        continue;
      }
      const index = parts
        .map((p) => checker.getIndexTypeOfType(p, ts.IndexKind.String))
        .find((t) => t !== undefined);
      if (index) walk(index, v, `${where}.${key}`, out);
      else out.push(`${where}.${key}`);
    }
  };

  return (obj) => {
    const key = `${obj.apiVersion} ${obj.kind}`;
    const root = roots.get(key);
    if (!root) return [`${key}: no published interface`];
    const out: string[] = [];
    walk(root, obj, key, out);
    return out;
  };
}
