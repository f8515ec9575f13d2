/**
 * An independent oracle: the platforms' rules restated compactly from their documentation,
 * without calling the library's rule code. Given the props a construct accepted and the
 * Terraform JSON it produced, each function lists what a platform would reject or silently
 * ignore. For an accepted configuration the list must be empty.
 *
 * Sources: Google Cloud "Backend services overview" (session affinity table, balancing
 * modes), the Compute API reference for backendServices and healthChecks, "Enable connection
 * draining"; Kubernetes "Object names", "Labels", "Service" (ClientIP affinity), "Pod
 * lifecycle" (termination), "Resource management" and the distribution image-reference grammar.
 */
import { isIPv6 } from 'net';
import { AffinityBackendServiceProps, GuacdStatefulPoolProps } from '../lib';

const known = (v: unknown): v is number => typeof v === 'number' || /^-?\d/.test(String(v));
const isRef = (v: unknown) => typeof v === 'string' && v.includes('${');

/** Scope/scheme -> protocols (Google: "Backend services", protocol to the backends). */
const PROTOCOLS: Record<string, string[]> = {
  'global EXTERNAL_MANAGED': ['HTTP', 'HTTPS', 'HTTP2', 'H2C', 'TCP', 'SSL'],
  'global EXTERNAL': ['HTTP', 'HTTPS', 'HTTP2', 'TCP', 'SSL'],
  'global INTERNAL_MANAGED': ['HTTP', 'HTTPS', 'HTTP2', 'H2C', 'TCP'],
  'global INTERNAL_SELF_MANAGED': ['HTTP', 'HTTPS', 'HTTP2', 'GRPC', 'H2C'],
  'regional EXTERNAL_MANAGED': ['HTTP', 'HTTPS', 'HTTP2', 'H2C', 'TCP'],
  'regional EXTERNAL': ['TCP', 'UDP', 'UNSPECIFIED'],
  'regional INTERNAL': ['TCP', 'UDP', 'UNSPECIFIED'],
  'regional INTERNAL_MANAGED': ['HTTP', 'HTTPS', 'HTTP2', 'H2C', 'TCP'],
};
const HTTP = ['HTTP', 'HTTPS', 'HTTP2', 'H2C', 'GRPC'];

/** The session affinity table, by load balancer. */
function acceptedAffinity(regional: boolean, scheme: string, protocol: string): string[] {
  const http = HTTP.includes(protocol);
  if (regional && scheme === 'EXTERNAL')
    return ['NONE', 'CLIENT_IP', 'CLIENT_IP_PROTO', 'CLIENT_IP_PORT_PROTO'];
  if (scheme === 'INTERNAL')
    return [
      'NONE',
      'CLIENT_IP',
      'CLIENT_IP_PROTO',
      'CLIENT_IP_PORT_PROTO',
      'CLIENT_IP_NO_DESTINATION',
    ];
  if (!http) return ['NONE', 'CLIENT_IP']; // proxy Network Load Balancers
  if (scheme === 'EXTERNAL') return ['NONE', 'CLIENT_IP', 'GENERATED_COOKIE']; // classic ALB
  if (scheme === 'INTERNAL_SELF_MANAGED')
    return ['NONE', 'CLIENT_IP', 'GENERATED_COOKIE', 'HEADER_FIELD', 'HTTP_COOKIE'];
  return [
    'NONE',
    'CLIENT_IP',
    'GENERATED_COOKIE',
    'HEADER_FIELD',
    'HTTP_COOKIE',
    'STRONG_COOKIE_AFFINITY',
  ];
}

const RFC1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const RFC1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function inRange(v: unknown, min: number, max: number, integer = true): boolean {
  if (isRef(v)) return true;
  return (
    typeof v === 'number' &&
    Number.isFinite(v) &&
    v >= min &&
    v <= max &&
    (!integer || Number.isInteger(v))
  );
}

function hasNull(x: unknown): boolean {
  if (x === null) return true;
  if (Array.isArray(x)) return x.some(hasNull);
  if (x && typeof x === 'object') return Object.values(x).some(hasNull);
  return false;
}

/** What Google Cloud would reject or ignore in an accepted backend service. */
export function backendServiceOracle(props: AffinityBackendServiceProps, json: any): string[] {
  const out: string[] = [];
  const expect = (ok: boolean, what: string) => ok || out.push(what);
  const regional = props.region !== undefined;
  const type = regional
    ? 'google_compute_region_backend_service'
    : 'google_compute_backend_service';
  const bs: any = Object.values(json.resource?.[type] ?? {})[0];
  const hcType = regional ? 'google_compute_region_health_check' : 'google_compute_health_check';
  const hc: any = Object.values(json.resource?.[hcType] ?? {})[0];
  if (!bs || !hc) return ['no backend service or health check rendered'];
  const scheme = props.loadBalancingScheme as string;
  const protocol = props.protocol as string;
  const passthrough = scheme === 'INTERNAL' || (regional && scheme === 'EXTERNAL');

  expect(!hasNull(json.resource), 'a null value (non-finite number?) reached the JSON');
  expect(
    (PROTOCOLS[`${regional ? 'regional' : 'global'} ${scheme}`] ?? []).includes(protocol),
    'scheme/protocol',
  );
  expect(isRef(bs.name) || (RFC1035.test(bs.name) && bs.name.length <= 63), 'service name');
  expect(isRef(hc.name) || (RFC1035.test(hc.name) && hc.name.length <= 63), 'health check name');
  expect(bs.load_balancing_scheme === scheme, 'scheme emitted explicitly');

  // Affinity.
  const aff = bs.session_affinity ?? 'NONE';
  expect(acceptedAffinity(regional, scheme, protocol).includes(aff), `affinity ${aff} accepted`);
  expect(
    bs.affinity_cookie_ttl_sec === undefined || ['GENERATED_COOKIE', 'HTTP_COOKIE'].includes(aff),
    'cookie TTL only with a cookie',
  );
  expect(
    (bs.strong_session_affinity_cookie !== undefined) === (aff === 'STRONG_COOKIE_AFFINITY'),
    'strong cookie block iff strong affinity',
  );
  const ttls = [
    bs.affinity_cookie_ttl_sec,
    bs.strong_session_affinity_cookie?.ttl?.seconds,
    bs.consistent_hash?.http_cookie?.ttl?.seconds,
  ];
  for (const t of ttls)
    if (t !== undefined) expect(inRange(t, 0, 1_209_600), `TTL ${t} in 0..14 days`);
  if (aff === 'STRONG_COOKIE_AFFINITY') {
    const c = bs.strong_session_affinity_cookie;
    expect(
      c.ttl !== undefined && (isRef(c.name) || HTTP_TOKEN.test(c.name)),
      'strong cookie name and TTL',
    );
  }
  if (aff === 'HTTP_COOKIE') {
    const name = bs.consistent_hash?.http_cookie?.name;
    expect(isRef(name) || HTTP_TOKEN.test(name ?? ''), 'HTTP cookie name');
  }
  if (aff === 'HEADER_FIELD') {
    const h = bs.consistent_hash?.http_header_name;
    expect(isRef(h) || HTTP_TOKEN.test(h ?? ''), 'header name is an RFC 9110 token');
  }
  if (aff === 'HEADER_FIELD' || aff === 'HTTP_COOKIE') {
    expect(
      ['RING_HASH', 'MAGLEV'].includes(bs.locality_lb_policy),
      'hash affinity needs RING_HASH or MAGLEV',
    );
  }
  const ring = bs.consistent_hash?.minimum_ring_size;
  if (ring !== undefined) expect(inRange(ring, 1, 8_388_608), 'ring size');
  const policy = bs.locality_lb_policy;
  if (policy !== undefined) {
    expect(!(scheme === 'EXTERNAL' && !regional), 'no locality policy on classic load balancers');
    expect(scheme !== 'INTERNAL', 'no locality policy on the internal passthrough NLB');
    if (regional && scheme === 'EXTERNAL')
      expect(['MAGLEV', 'WEIGHTED_MAGLEV'].includes(policy), 'NLB policy');
    if (policy === 'WEIGHTED_MAGLEV') {
      expect(
        regional && scheme === 'EXTERNAL',
        'WEIGHTED_MAGLEV only on the external passthrough NLB',
      );
      expect(
        hc.http_health_check !== undefined || hc.https_health_check !== undefined,
        'WEIGHTED_MAGLEV needs an HTTP health check',
      );
    }
    if (!['NONE', 'STRONG_COOKIE_AFFINITY'].includes(aff) && !passthrough) {
      expect(['RING_HASH', 'MAGLEV', 'WEIGHTED_MAGLEV'].includes(policy), 'policy keeps affinity');
    }
  }

  // Draining, timeout, logging.
  expect(inRange(bs.connection_draining_timeout_sec, 0, 3600), 'draining 0..3600 s');
  if (bs.timeout_sec !== undefined) expect(inRange(bs.timeout_sec, 1, 2_147_483_647), 'timeout');
  if (bs.log_config?.sample_rate !== undefined)
    expect(inRange(bs.log_config.sample_rate, 0, 1, false), 'sample rate');
  if (passthrough)
    expect(bs.port_name === undefined || scheme !== 'INTERNAL', 'INTERNAL has no port name');

  // Health check.
  expect(
    inRange(hc.check_interval_sec, 1, 300) && inRange(hc.timeout_sec, 1, 300),
    'HC interval/timeout 1..300',
  );
  if (
    known(hc.check_interval_sec) &&
    known(hc.timeout_sec) &&
    !isRef(hc.timeout_sec) &&
    !isRef(hc.check_interval_sec)
  )
    expect(hc.timeout_sec <= hc.check_interval_sec, 'HC timeout <= interval');
  expect(
    inRange(hc.healthy_threshold, 1, 10) && inRange(hc.unhealthy_threshold, 1, 10),
    'HC thresholds',
  );
  const probe = hc.http_health_check ?? hc.https_health_check ?? hc.tcp_health_check;
  if (probe.port !== undefined) expect(inRange(probe.port, 1, 65535), 'HC port');
  if (passthrough)
    expect(probe.port_specification !== 'USE_SERVING_PORT', 'passthrough needs a fixed probe port');
  if (probe.request_path !== undefined && !isRef(probe.request_path))
    expect(
      probe.request_path.startsWith('/') &&
        ![...probe.request_path].some(
          (ch: string) => /\s/.test(ch) || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f,
        ),
      'request path',
    );

  // Backends.
  const backends: any[] = bs.backend ?? [];
  const live = backends.filter(
    (b) => !known(b.capacity_scaler) || isRef(b.capacity_scaler) || b.capacity_scaler > 0,
  );
  if (!passthrough && backends.length > 0) expect(live.length > 0, 'some capacity');
  for (const b of backends) {
    const mode = b.balancing_mode;
    if (passthrough) {
      expect(mode === 'CONNECTION', 'passthrough balances on CONNECTION');
      expect(
        b.capacity_scaler === undefined &&
          b.max_connections === undefined &&
          b.max_connections_per_instance === undefined,
        'passthrough takes no capacity settings',
      );
    } else if (b.capacity_scaler !== undefined && !isRef(b.capacity_scaler)) {
      expect(
        b.capacity_scaler === 0 || inRange(b.capacity_scaler, 0.1, 1, false),
        'capacity scaler 0 or 0.1..1',
      );
    }
    if (mode === 'RATE') expect(HTTP.includes(protocol), 'RATE needs HTTP');
    if (mode === 'CONNECTION') expect(!HTTP.includes(protocol), 'CONNECTION is not for HTTP');
    for (const k of [
      'max_rate',
      'max_rate_per_instance',
      'max_connections',
      'max_connections_per_instance',
    ])
      if (b[k] !== undefined)
        expect(inRange(b[k], 0, Number.MAX_SAFE_INTEGER, false), `${k} finite, not negative`);
    if (b.max_utilization !== undefined)
      expect(inRange(b.max_utilization, 0, 1, false), 'max utilization');
  }
  return out;
}

/** A distribution/reference image reference (lowercase repository, optional tag or digest). */
const IMAGE =
  /^(?:((?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::\d+)?)\/)?([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

const QUANTITY = /^\+?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][-+]?\d+)?$/;
function quantity(q: string): number {
  const m = QUANTITY.exec(q)!;
  const n = Number(m[1]);
  const s = m[3] ?? '';
  if (/^[eE]/.test(s)) return n * 10 ** Number(s.slice(1));
  const bin = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'].indexOf(s);
  if (bin >= 0) return n * 1024 ** (bin + 1);
  const dec: Record<string, number> = {
    n: -9,
    u: -6,
    m: -3,
    '': 0,
    k: 3,
    M: 6,
    G: 9,
    T: 12,
    P: 15,
    E: 18,
  };
  return n * 10 ** dec[s];
}

/** What Kubernetes would reject (or what would cut sessions) in an accepted guacd pool. */
export function poolOracle(props: GuacdStatefulPoolProps, json: any): string[] {
  const out: string[] = [];
  const expect = (ok: boolean, what: string) => ok || out.push(what);
  const r = json.resource ?? {};
  const sts: any = Object.values(r.kubernetes_stateful_set_v1 ?? {})[0];
  if (!sts) return ['no StatefulSet'];
  expect(!hasNull(r), 'a null value reached the JSON');
  const name = sts.metadata.name;
  const tokenName = isRef(name);
  // StatefulSet pods carry controller-revision-hash=<name>-<10 characters> (63 at most).
  expect(tokenName || (RFC1035.test(name) && name.length <= 52), 'StatefulSet name fits its pods');
  expect(
    isRef(sts.metadata.namespace) ||
      (RFC1123.test(sts.metadata.namespace) && sts.metadata.namespace.length <= 63),
    'namespace',
  );
  const replicas = sts.spec.replicas;
  if (typeof props.replicas === 'number' && !isRef(replicas) && Number.isFinite(props.replicas))
    expect(replicas === String(props.replicas), 'replicas as given');
  expect(isRef(replicas) || inRange(Number(replicas), 0, Number.MAX_SAFE_INTEGER), 'replicas');
  const pod = sts.spec.template.spec;
  const grace = pod.termination_grace_period_seconds;
  const script: string = pod.container[0].lifecycle.pre_stop[0].exec.command[2];
  const drain = /\+ (\S+) \)\)/.exec(script)![1];
  if (!isRef(grace) && !drain.includes('${')) expect(grace > Number(drain), 'grace > drain');
  const c = pod.container[0];
  expect(isRef(c.image) || IMAGE.test(c.image), 'image reference');
  for (const kind of ['cpu', 'memory']) {
    const req = c.resources.requests[kind];
    const lim = c.resources.limits[kind];
    for (const q of [req, lim]) expect(isRef(q) || QUANTITY.test(q), `${kind} quantity`);
    if (!isRef(req) && !isRef(lim) && QUANTITY.test(req) && QUANTITY.test(lim))
      expect(quantity(req) <= quantity(lim), `${kind} request <= limit`);
  }
  expect(
    isRef(pod.security_context.run_as_user) || Number(pod.security_context.run_as_user) > 0,
    'non-root',
  );
  const services: any[] = Object.values(r.kubernetes_service_v1 ?? {});
  for (const s of services) {
    if (!isRef(s.metadata.name))
      expect(
        RFC1035.test(s.metadata.name) && s.metadata.name.length <= 63,
        `Service name ${s.metadata.name}`,
      );
    const t = s.spec.session_affinity_config?.client_ip?.timeout_seconds;
    if (t !== undefined)
      expect(
        s.spec.session_affinity === 'ClientIP' && inRange(t, 1, 86_400),
        'ClientIP timeout 1..86400',
      );
  }
  const np: any = Object.values(r.kubernetes_network_policy_v1 ?? {})[0];
  const peer = np.spec.ingress[0].from[0].pod_selector.match_labels;
  expect(Object.keys(peer).length > 0, 'the network policy admits only selected pods');
  for (const [k, v] of Object.entries<string>(peer)) {
    const [prefix, key] = k.includes('/') ? k.split('/') : [undefined, k];
    expect(
      k.split('/').length <= 2 && /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(key),
      `label key ${k}`,
    );
    if (prefix !== undefined)
      expect(
        /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(prefix) && prefix.length <= 253,
        `label prefix ${prefix}`,
      );
    expect(
      isRef(v) || v === '' || /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(v),
      `label value ${v}`,
    );
  }
  for (const e of np.spec.egress.slice(1)) {
    for (const to of e.to) {
      const cidr = to.ip_block.cidr;
      if (isRef(cidr)) continue;
      if (cidr.includes(':')) {
        const [addr, bits] = cidr.split('/');
        expect(isIPv6(addr) && Number(bits) <= 128, `CIDR ${cidr}`);
        continue;
      }
      const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
      expect(
        !!m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32,
        `CIDR ${cidr}`,
      );
    }
  }
  const pdb: any = Object.values(r.kubernetes_pod_disruption_budget_v1 ?? {})[0];
  expect(pdb.spec.max_unavailable === '1', 'one pod at a time');
  return out;
}
