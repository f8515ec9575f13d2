import { Construct } from 'constructs';
import { TerraformResource } from 'cdktf';
import type * as dashboard from '@cdktf/provider-google/lib/monitoring-dashboard';
import type * as alertPolicy from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { googleModule } from './google-provider';
import { markRulesChecked } from '../core/checked';
import { Duration } from '../core/duration';
import { RuleViolation, applyFindings, withConstructPath } from '../core/errors';
import { checkDurationSeconds, checkRange, isUnresolved, checkRequiredProps } from '../core/rules';
import { AffinityBackendService } from './affinity-backend-service';
import { LoadBalancerKind } from './load-balancing';
import { checkShape } from '../core/shape';
import { backendServiceShape, monitoringProps } from './shapes';

const MONITORING_PROPS = monitoringProps(
  backendServiceShape((v) => v instanceof AffinityBackendService),
);

/** Properties of an `AffinityMonitoring`. */
export interface AffinityMonitoringProps {
  /** The backend services of one load balancer (global external or classic Application LB). */
  readonly services: AffinityBackendService[];
  /** Display name of the dashboard. */
  readonly dashboardName: string;
  /**
   * Notification channel ids for the alert policies.
   * @default - none: alerts only show in the console (a warning says so)
   */
  readonly notificationChannels?: string[];
  /**
   * Alert when one backend takes more than this share (0..1, exclusive of 0) of a service's
   * requests while at least two backends serve it: affinity piling sessions onto one group.
   * @default 0.8
   */
  readonly unevenShareThreshold?: number;
  /**
   * The uneven-share alert ignores services below this many requests per second.
   * @default 1
   */
  readonly minRequestRate?: number;
  /**
   * How long a condition must hold before an alert opens.
   * @default Duration.minutes(10)
   */
  readonly alertAfter?: Duration;
  /**
   * Project.
   * @default - the provider's project
   */
  readonly project?: string;
}

/** Metric filter of a load-balancer metric for one backend service (`https_lb_rule`). */
function lbFilter(metric: string, service: string, extra = ''): string {
  return `metric.type="loadbalancing.googleapis.com/https/${metric}" AND resource.type="https_lb_rule" AND resource.label.backend_target_name="${service}"${extra}`;
}

/** PromQL selector of the request counter for one backend service. */
function promRequests(service: string, extra: string): string {
  return `loadbalancing_googleapis_com:https_request_count{monitored_resource="https_lb_rule",backend_target_name="${service}"${extra}}`;
}

function chart(
  title: string,
  filter: string,
  aligner: string,
  reducer: string,
  groupBy: string[],
  plot = 'LINE',
) {
  return {
    title,
    xyChart: {
      dataSets: [
        {
          plotType: plot,
          timeSeriesQuery: {
            timeSeriesFilter: {
              filter,
              aggregation: {
                alignmentPeriod: '60s',
                perSeriesAligner: aligner,
                crossSeriesReducer: reducer,
                groupByFields: groupBy,
              },
            },
          },
        },
      ],
    },
  };
}

/**
 * Cloud Monitoring for sticky sessions and draining: one dashboard for a load balancer's
 * services (backend latency and request rate per backend group, which is the session
 * distribution; requests that found no healthy backend; 5xx by backend) and, per service, an
 * alert for "no healthy backend" and one for a strongly uneven request share between backends.
 *
 * Metrics are those of the global external (and classic) Application Load Balancer
 * (`https_lb_rule`); `backend_target_name` is the backend service, `backend_name` the instance
 * group. Alerts use PromQL conditions (MQL is deprecated for new policies).
 */
export class AffinityMonitoring extends Construct {
  /**
   * The dashboard: a `MonitoringDashboard` of `@cdktf/provider-google/lib/monitoring-dashboard`
   * (cast to it for its typed API). Typed as cdktf's `TerraformResource` so that the package's declarations type-check without the provider packages an app does not use.
   */
  public readonly dashboard: TerraformResource;
  /**
   * Alert policies, two per service (no healthy backend, uneven share): each a
   * `MonitoringAlertPolicy` of `@cdktf/provider-google/lib/monitoring-alert-policy`.
   */
  public readonly alertPolicies: TerraformResource[] = [];

  constructor(scope: Construct, id: string, props: AffinityMonitoringProps) {
    super(scope, id);
    markRulesChecked(this);
    applyFindings(this, {
      errors: checkRequiredProps(props, [
        ['services', 'array', '[service]'],
        ['dashboardName', 'string', "'lb-affinity'"],
      ]),
      warnings: [],
    });
    applyFindings(this, { errors: checkShape(props, MONITORING_PROPS), warnings: [] });
    const threshold = props.unevenShareThreshold ?? 0.8;
    const minRate = props.minRequestRate ?? 1;
    const after = props.alertAfter ?? Duration.minutes(10);
    applyFindings(
      this,
      withConstructPath(this, () => validateMonitoring(props, threshold, minRate, after)),
    );

    const widgets = props.services.flatMap((s) => [
      chart(
        `${s.name}: backend latency p95 by backend`,
        lbFilter('backend_latencies', s.name),
        'ALIGN_DELTA',
        'REDUCE_PERCENTILE_95',
        ['resource.label.backend_name'],
      ),
      chart(
        `${s.name}: requests/s by backend (session distribution)`,
        lbFilter('request_count', s.name),
        'ALIGN_RATE',
        'REDUCE_SUM',
        ['resource.label.backend_name'],
        'STACKED_AREA',
      ),
      chart(
        `${s.name}: backend health (requests with no healthy backend, 5xx by backend)`,
        lbFilter(
          'request_count',
          s.name,
          ' AND (resource.label.backend_name="NO_BACKEND_SELECTED" OR metric.label.response_code_class="500")',
        ),
        'ALIGN_RATE',
        'REDUCE_SUM',
        ['resource.label.backend_name', 'metric.label.response_code_class'],
      ),
    ]);
    const { MonitoringDashboard } = googleModule<typeof dashboard>(
      'monitoring-dashboard',
      'AffinityMonitoring',
    );
    const { MonitoringAlertPolicy } = googleModule<typeof alertPolicy>(
      'monitoring-alert-policy',
      'AffinityMonitoring',
    );
    this.dashboard = new MonitoringDashboard(this, 'dashboard', {
      project: props.project,
      dashboardJson: JSON.stringify({
        displayName: props.dashboardName,
        mosaicLayout: {
          columns: 12,
          tiles: widgets.map((widget, i) => ({
            xPos: (i % 3) * 4,
            yPos: Math.floor(i / 3) * 4,
            width: 4,
            height: 4,
            widget,
          })),
        },
      }),
    });

    const window = `${after.toSeconds()}s`;
    for (const s of props.services) {
      const served = ',backend_name!="NO_BACKEND_SELECTED"';
      this.alertPolicies.push(
        new MonitoringAlertPolicy(this, `${s.name}-no-healthy-backend`, {
          project: props.project,
          displayName: `${s.name}: no healthy backend`,
          combiner: 'OR',
          severity: 'CRITICAL',
          notificationChannels: props.notificationChannels,
          documentation: {
            mimeType: 'text/markdown',
            content: `Requests to backend service ${s.name} found no healthy backend (backend_name NO_BACKEND_SELECTED). Check the health check (${s.healthCheck.toString()}), the firewall for 35.191.0.0/16 and 130.211.0.0/22, and the instance groups' sizes.`,
          },
          conditions: [
            {
              displayName: 'requests with no healthy backend',
              conditionPrometheusQueryLanguage: {
                query: `sum(rate(${promRequests(s.name, ',backend_name="NO_BACKEND_SELECTED"')}[5m])) > 0`,
                duration: '300s',
                evaluationInterval: '60s',
              },
            },
          ],
        }),
        new MonitoringAlertPolicy(this, `${s.name}-uneven-share`, {
          project: props.project,
          displayName: `${s.name}: one backend takes more than ${Math.round(threshold * 100)}% of requests`,
          combiner: 'OR',
          severity: 'WARNING',
          notificationChannels: props.notificationChannels,
          documentation: {
            mimeType: 'text/markdown',
            content: `One instance group serves more than ${Math.round(threshold * 100)}% of ${s.name}'s requests while others are serving. With ${s.sessionAffinity.type} affinity, sessions pile up where they started: check capacity scalers, autoscaling and whether one client population (one NAT, one header value) dominates.`,
          },
          conditions: [
            {
              displayName: `backend share above ${threshold}`,
              conditionPrometheusQueryLanguage: {
                query: [
                  `max(sum by (backend_name) (rate(${promRequests(s.name, served)}[${window}])) / ignoring (backend_name) group_left sum(rate(${promRequests(s.name, served)}[${window}]))) > ${threshold}`,
                  `and on () count(sum by (backend_name) (rate(${promRequests(s.name, served)}[${window}]))) >= 2`,
                  `and on () sum(rate(${promRequests(s.name, served)}[${window}])) >= ${minRate}`,
                ].join('\n'),
                duration: window,
                evaluationInterval: '60s',
              },
            },
          ],
        }),
      );
    }
  }
}

/** G1–G4. */
function validateMonitoring(
  props: AffinityMonitoringProps,
  threshold: number,
  minRate: number,
  after: Duration,
) {
  const errors: RuleViolation[] = [];
  const warnings: RuleViolation[] = [];
  if (props.services.length === 0) {
    errors.push({
      rule: 'G1',
      attribute: 'services',
      value: '[]',
      problem: 'gives the dashboard nothing to show',
      allowed: 'one or more backend services',
      fix: 'pass the services of the load balancer',
    });
  }
  for (const s of props.services) {
    if (
      s.loadBalancerKind !== LoadBalancerKind.GLOBAL_EXTERNAL_ALB &&
      s.loadBalancerKind !== LoadBalancerKind.CLASSIC_ALB
    ) {
      errors.push({
        rule: 'G1',
        attribute: 'services',
        value: `${s.name} (${s.loadBalancerKind})`,
        problem:
          'has no https_lb_rule metrics: this monitoring covers global external and classic Application Load Balancers',
        allowed: 'global EXTERNAL_MANAGED or EXTERNAL services with an HTTP-family protocol',
        fix: 'leave this service out of AffinityMonitoring',
      });
    }
  }
  if (!isUnresolved(threshold) && !(threshold > 0 && threshold <= 1)) {
    errors.push({
      rule: 'G2',
      attribute: 'unevenShareThreshold',
      value: String(threshold),
      problem: 'is not a share of requests that can be exceeded',
      allowed: 'a share in (0, 1]',
      fix: 'use e.g. 0.8 (one backend above 80 % of the requests)',
    });
  }
  errors.push(
    ...checkRange('G3', 'minRequestRate', minRate, 0, 1e9, 'use requests per second, 0 or more'),
  );
  errors.push(
    ...checkDurationSeconds(
      'G3',
      'alertAfter',
      after,
      60,
      86_400,
      'use Duration.minutes(1) up to Duration.days(1)',
    ),
  );
  if (!props.notificationChannels?.length) {
    warnings.push({
      rule: 'G4',
      attribute: 'notificationChannels',
      value: 'not set',
      problem:
        'leaves the alert policies without a channel: they open incidents nobody is told about',
      allowed: 'notification channel ids (google_monitoring_notification_channel)',
      fix: 'pass notificationChannels: [channel.id]',
    });
  }
  return { errors, warnings };
}
