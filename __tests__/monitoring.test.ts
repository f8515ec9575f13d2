import {
  AffinityBackendService,
  AffinityMonitoring,
  AffinityMonitoringProps,
  BackendProtocol,
  Duration,
  HealthCheck,
  LoadBalancingScheme,
  SessionAffinity,
} from '../lib';
import { TerraformStack } from 'cdktf';
import { errorOf, gcpStack, only, resources, synthJson, warningsOf } from './helpers';

function service(stack: TerraformStack, name: string, extra: object = {}) {
  return new AffinityBackendService(stack, name, {
    name,
    loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
    protocol: BackendProtocol.HTTPS,
    sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.minutes(30) }),
    healthCheck: HealthCheck.https({ port: 443, requestPath: '/health' }),
    ...extra,
  });
}

function build(p: (s: TerraformStack) => Partial<AffinityMonitoringProps> = () => ({})) {
  const stack = gcpStack();
  const services = [service(stack, 'web'), service(stack, 'api')];
  new AffinityMonitoring(stack, 'monitoring', {
    dashboardName: 'LB',
    services,
    notificationChannels: ['projects/p/notificationChannels/1'],
    ...p(stack),
  });
  return { stack, json: synthJson(stack) };
}

describe('AffinityMonitoring', () => {
  let dashboard: any;
  let filters: string[];
  let policies: any[];
  beforeAll(() => {
    const { json } = build();
    dashboard = JSON.parse(only(json, 'google_monitoring_dashboard').dashboard_json);
    filters = dashboard.mosaicLayout.tiles.map(
      (t: any) => t.widget.xyChart.dataSets[0].timeSeriesQuery.timeSeriesFilter.filter,
    );
    policies = Object.values<any>(resources(json, 'google_monitoring_alert_policy'));
  });

  test('charts backend latency, request rate and health per service, by backend group', () => {
    expect(dashboard.displayName).toBe('LB');
    for (const svc of ['web', 'api']) {
      const own = filters.filter((f) => f.includes(`resource.label.backend_target_name="${svc}"`));
      expect(own).toHaveLength(3);
      expect(
        own.some((f) =>
          f.startsWith(
            'metric.type="loadbalancing.googleapis.com/https/backend_latencies" AND resource.type="https_lb_rule"',
          ),
        ),
      ).toBe(true);
      expect(
        own.some((f) =>
          f.startsWith('metric.type="loadbalancing.googleapis.com/https/request_count"'),
        ),
      ).toBe(true);
      expect(own.some((f) => f.includes('NO_BACKEND_SELECTED'))).toBe(true);
    }
    const rate =
      dashboard.mosaicLayout.tiles[1].widget.xyChart.dataSets[0].timeSeriesQuery.timeSeriesFilter
        .aggregation;
    expect(rate).toEqual({
      alignmentPeriod: '60s',
      perSeriesAligner: 'ALIGN_RATE',
      crossSeriesReducer: 'REDUCE_SUM',
      groupByFields: ['resource.label.backend_name'],
    });
  });

  test('two alert policies per service with their thresholds and channels', () => {
    expect(policies).toHaveLength(4);
    const none = policies.find((p) => p.display_name === 'web: no healthy backend');
    expect(none.conditions[0].condition_prometheus_query_language).toMatchObject({
      query:
        'sum(rate(loadbalancing_googleapis_com:https_request_count{monitored_resource="https_lb_rule",backend_target_name="web",backend_name="NO_BACKEND_SELECTED"}[5m])) > 0',
      duration: '300s',
    });
    expect(none.severity).toBe('CRITICAL');
    const uneven = policies.find(
      (p) => p.display_name === 'web: one backend takes more than 80% of requests',
    );
    const q = uneven.conditions[0].condition_prometheus_query_language;
    expect(q.query).toContain('> 0.8\n');
    expect(q.query).toContain('count(sum by (backend_name)');
    expect(q.query).toContain('>= 2');
    expect(q.query).toMatch(/>= 1$/);
    expect(q.duration).toBe('600s');
    for (const p of policies)
      expect(p.notification_channels).toEqual(['projects/p/notificationChannels/1']);
  });

  test('thresholds are configurable', () => {
    const custom = build(() => ({
      unevenShareThreshold: 0.6,
      minRequestRate: 5,
      alertAfter: Duration.minutes(15),
    })).json;
    const q = Object.values<any>(resources(custom, 'google_monitoring_alert_policy')).find((p) =>
      p.display_name.includes('more than 60%'),
    ).conditions[0].condition_prometheus_query_language;
    expect(q.query).toContain('> 0.6\n');
    expect(q.query).toContain('[900s]');
    expect(q.query).toMatch(/>= 5$/);
    expect(q.duration).toBe('900s');
  });

  test('G1: only global Application Load Balancer services, at least one', () => {
    expect(errorOf(() => build(() => ({ services: [] })))).toMatch(
      /services \[\] gives the dashboard nothing to show.*rule G1/,
    );
    expect(
      errorOf(() =>
        build((s) => ({
          services: [
            service(s, 'tcp', {
              protocol: BackendProtocol.TCP,
              portName: 'https',
              sessionAffinity: SessionAffinity.clientIp(),
              backends: [],
            }),
          ],
        })),
      ),
    ).toMatch(/tcp \(proxy Network Load Balancer\) has no https_lb_rule metrics/);
  });

  test('G2/G3: threshold and windows in range', () => {
    expect(errorOf(() => build(() => ({ unevenShareThreshold: 0 })))).toMatch(
      /unevenShareThreshold 0 is not a share.*rule G2/,
    );
    expect(errorOf(() => build(() => ({ unevenShareThreshold: 1.5 })))).toMatch(/rule G2/);
    expect(errorOf(() => build(() => ({ alertAfter: Duration.seconds(30) })))).toMatch(
      /alertAfter 30s is out of range.*rule G3/,
    );
    expect(errorOf(() => build(() => ({ minRequestRate: -1 })))).toMatch(
      /minRequestRate -1 is out of range/,
    );
  });

  test('G4: alerts without a channel are warned about', () => {
    expect(warningsOf(build(() => ({ notificationChannels: [] })).stack).join()).toMatch(
      /notificationChannels not set leaves the alert policies without a channel/,
    );
    expect(warningsOf(build().stack)).toEqual([]);
  });
});
