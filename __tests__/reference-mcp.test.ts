import { buildMcpDeployment } from '../stacks/mcp';
import { mcpTopology } from '../stacks/topology';
import { resources, synthApp } from './helpers';

// One full synth for the whole file: the same path `cdktf synth` takes (validations on).
// In beforeAll, so a focused or mutation run of other tests does not pay for it.
const STACKS = ['mcp-europe-west1', 'mcp-global', 'mcp-us-central1', 'mcp-us-west1'];
let result: ReturnType<typeof synthApp>;
let global: Record<string, any>;
let services: Record<string, any>;
let healthChecks: Record<string, any>;
beforeAll(() => {
  result = synthApp((app) => buildMcpDeployment(app, mcpTopology()));
  global = result.stacks['mcp-global'];
  services = resources(global, 'google_compute_backend_service');
  healthChecks = resources(global, 'google_compute_health_check');
});

function service(name: string): any {
  const found = Object.values(services).find((s: any) => s.name === name);
  if (!found) throw new Error(`no backend service ${name}`);
  return found;
}

function healthCheckOf(s: any): any {
  const ref = /google_compute_health_check\.([^.]+)\.id/.exec(s.health_checks[0])![1];
  return healthChecks[ref];
}

/** The stickiness lifetime wherever the provider keeps it. */
function ttlOf(s: any): number | undefined {
  return (
    s.affinity_cookie_ttl_sec ??
    s.strong_session_affinity_cookie?.ttl?.seconds ??
    s.consistent_hash?.http_cookie?.ttl?.seconds
  );
}

describe('MCP reference deployment (seed 000)', () => {
  test('one stack per region plus the global one', () => {
    expect(Object.keys(result.stacks).sort()).toEqual(STACKS);
  });

  test('synthesizes without a single warning', () => {
    expect(Object.values(result.warnings).flat()).toEqual([]);
  });

  test.each([
    // name, affinity, TTL, draining
    ['mcp-backend-global', 'GENERATED_COOKIE', 1800, 60],
    ['voice-backend-global', 'GENERATED_COOKIE', 2700, 45],
    ['vls-backend-global', 'STRONG_COOKIE_AFFINITY', 3600, 30],
    ['sao-backend-global', 'STRONG_COOKIE_AFFINITY', 7200, 120],
  ])('%s: %s stickiness for %ss, draining %ss', (name, affinity, ttl, drain) => {
    const s = service(name);
    expect(s.session_affinity).toBe(affinity);
    expect(ttlOf(s)).toBe(ttl);
    expect(s.connection_draining_timeout_sec).toBe(drain);
    expect(s.load_balancing_scheme).toBe('EXTERNAL_MANAGED');
    expect(s.protocol).toBe('HTTPS');
    expect(s.port_name).toBe('https');
  });

  test('the TTL sits where each type reads it, and nowhere else', () => {
    expect(service('mcp-backend-global').strong_session_affinity_cookie).toBeUndefined();
    expect(service('vls-backend-global').affinity_cookie_ttl_sec).toBeUndefined();
    expect(service('vls-backend-global').strong_session_affinity_cookie).toEqual({
      name: 'VLS_AGENT_SESSION',
      path: '/',
      ttl: { seconds: 3600 },
    });
    expect(service('sao-backend-global').strong_session_affinity_cookie.ttl).toEqual({
      seconds: 7200,
    });
  });

  test('no service keeps a cookie TTL on a cookie-less type, and none uses an L4-only type', () => {
    for (const s of Object.values<any>(services)) {
      if (!['GENERATED_COOKIE', 'HTTP_COOKIE'].includes(s.session_affinity)) {
        expect(s.affinity_cookie_ttl_sec).toBeUndefined();
      }
      expect(['CLIENT_IP_PORT_PROTO', 'CLIENT_IP_PROTO']).not.toContain(s.session_affinity);
      expect(s.connection_draining_timeout_sec).toEqual(expect.any(Number));
      expect(s.log_config).toEqual({ enable: true, sample_rate: 1 });
    }
  });

  test('personality-aware stickiness hashes on X-Personality with RING_HASH', () => {
    const s = service('mcp-personality-backend-global');
    expect(s.session_affinity).toBe('HEADER_FIELD');
    expect(s.locality_lb_policy).toBe('RING_HASH');
    expect(s.consistent_hash).toEqual({ http_header_name: 'X-Personality' });
    expect(s.affinity_cookie_ttl_sec).toBeUndefined();
    expect(s.connection_draining_timeout_sec).toBe(60);
  });

  test.each([
    ['mcp-backend-global', 'mcp-personality-health-check', '/health?source=lb&check=personality'],
    ['voice-backend-global', 'voice-health-check', '/health?service=elevenlabs&check=voices'],
    ['vls-backend-global', 'vls-health-check', '/health?service=vls&check=agents'],
    ['sao-backend-global', 'sao-health-check', '/health?source=lb&check=personality'],
  ])('%s health check %s: HTTPS 443 %s every 5 s, timeout 5 s', (name, hcName, path) => {
    const hc = healthCheckOf(service(name));
    expect(hc.name).toBe(hcName);
    expect(hc.https_health_check).toEqual({
      port: 443,
      port_specification: 'USE_FIXED_PORT',
      request_path: path,
    });
    expect(hc.check_interval_sec).toBe(5);
    expect(hc.timeout_sec).toBe(5);
    expect(hc.timeout_sec).toBeLessThanOrEqual(hc.check_interval_sec);
  });

  test('backends: every zone group, RATE balancing, us-central1 attached but parked', () => {
    const backends = service('mcp-backend-global').backend;
    expect(backends).toHaveLength(5);
    for (const b of backends) {
      expect(b.balancing_mode).toBe('RATE');
      expect(b.max_rate_per_instance).toBe(100);
      expect(b.max_utilization).toBeUndefined();
      // Wired through cdktf cross-stack references, not copied ids.
      expect(b.group).toMatch(
        /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-mcp-[a-z0-9-]+\.outputs\./,
      );
    }
    const byRegion = (r: string) =>
      backends.filter((b: any) => b.group.includes(`input-mcp-${r}.`));
    expect(byRegion('us-west1')).toHaveLength(3);
    expect(byRegion('europe-west1').map((b: any) => b.capacity_scaler)).toEqual([1]);
    expect(byRegion('us-central1').map((b: any) => b.capacity_scaler)).toEqual([0]);
  });

  test('regions: named port https:443, europe-west1 autoscales from 1, us-central1 has no instances', () => {
    const west = resources(result.stacks['mcp-us-west1'], 'google_compute_instance_group_manager');
    expect(
      Object.values<any>(west)
        .map((m) => m.name)
        .sort(),
    ).toEqual(['mcp-group-us-west1-a', 'mcp-group-us-west1-b', 'mcp-group-us-west1-c']);
    for (const m of Object.values<any>(west)) {
      expect(m.named_port).toEqual([{ name: 'https', port: 443 }]);
      expect(m.target_size).toBeUndefined();
    }
    const eu = result.stacks['mcp-europe-west1'];
    const euMig = Object.values<any>(resources(eu, 'google_compute_instance_group_manager'))[0];
    expect(euMig.name).toBe('mcp-mig-europe-west1-b');
    const euAs = Object.values<any>(resources(eu, 'google_compute_autoscaler'))[0];
    expect(euAs.autoscaling_policy.min_replicas).toBe(1);
    const central = Object.values<any>(
      resources(result.stacks['mcp-us-central1'], 'google_compute_instance_group_manager'),
    )[0];
    expect(central.target_size).toBe(0);
    expect(resources(result.stacks['mcp-us-central1'], 'google_compute_autoscaler')).toEqual({});
  });

  test('firewall admits only Google probe/GFE ranges on 443 to tagged backends', () => {
    const fw = Object.values<any>(resources(global, 'google_compute_firewall'));
    expect(fw).toHaveLength(1);
    expect(fw[0].source_ranges).toEqual(['35.191.0.0/16', '130.211.0.0/22']);
    expect(fw[0].allow).toEqual([{ protocol: 'tcp', ports: ['443'] }]);
    expect(fw[0].direction).toBe('INGRESS');
    expect(fw[0].target_tags).toEqual(['mcp-backend']);
  });

  test('frontend: HTTPS on 443 with TLS 1.2+, same scheme as the services, HTTP redirect', () => {
    const rules = Object.values<any>(resources(global, 'google_compute_global_forwarding_rule'));
    expect(rules.map((r) => [r.port_range, r.load_balancing_scheme]).sort()).toEqual([
      ['443', 'EXTERNAL_MANAGED'],
      ['80', 'EXTERNAL_MANAGED'],
    ]);
    const ssl = Object.values<any>(resources(global, 'google_compute_ssl_policy'))[0];
    expect(ssl).toMatchObject({ profile: 'MODERN', min_tls_version: 'TLS_1_2' });
    const maps = Object.values<any>(resources(global, 'google_compute_url_map'));
    const redirect = maps.find((m) => m.default_url_redirect);
    expect(redirect.default_url_redirect.https_redirect).toBe(true);
    const routes = maps.find((m) => m.path_matcher).path_matcher[0].route_rules;
    const personality = routes.find((r: any) => r.priority === 40);
    expect(personality.match_rules[0].header_matches).toEqual([
      { header_name: 'X-Personality', present_match: true },
    ]);
  });

  test('monitoring: one dashboard charting latency and request rate of every service, alerts to on-call', () => {
    const dashboard = JSON.parse(
      Object.values<any>(resources(global, 'google_monitoring_dashboard'))[0].dashboard_json,
    );
    const filters: string[] = dashboard.mosaicLayout.tiles.map(
      (t: any) => t.widget.xyChart.dataSets[0].timeSeriesQuery.timeSeriesFilter.filter,
    );
    for (const s of Object.values<any>(services)) {
      expect(filters).toContain(
        `metric.type="loadbalancing.googleapis.com/https/backend_latencies" AND resource.type="https_lb_rule" AND resource.label.backend_target_name="${s.name}"`,
      );
      expect(filters).toContain(
        `metric.type="loadbalancing.googleapis.com/https/request_count" AND resource.type="https_lb_rule" AND resource.label.backend_target_name="${s.name}"`,
      );
    }
    const policies = Object.values<any>(resources(global, 'google_monitoring_alert_policy'));
    expect(policies).toHaveLength(10);
    const channel = Object.keys(resources(global, 'google_monitoring_notification_channel'))[0];
    for (const p of policies)
      expect(p.notification_channels).toEqual([
        `\${google_monitoring_notification_channel.${channel}.id}`,
      ]);
  });

  test('Terraform addresses are stable (a rename destroys a live resource)', () => {
    const addresses = (json: Record<string, any>) =>
      Object.entries<any>(json.resource ?? {})
        .flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`))
        .sort();
    expect(
      Object.fromEntries(Object.entries(result.stacks).map(([k, v]) => [k, addresses(v)])),
    ).toMatchSnapshot();
  });

  test.each(STACKS)('snapshot of %s', (name) => {
    expect(result.stacks[name]).toMatchSnapshot();
  });
});
