/**
 * The registry's rules over plain Terraform resources, used by the `AffinityChecks` Aspect (any
 * cdktf app) and `affinity-review lint` (synth output or a plan, so HCL projects too). Each
 * resource is read by its model and the constructs' rule functions run on it; the families live
 * in gcp-checks, frontend-checks, firewall-checks and k8s-checks.
 */
import { ResourceIndex, TfResource } from '../terraform/resource';
import { checkFirewalls } from './firewall-checks';
import {
  BACKEND_SERVICES,
  HEALTH_CHECKS,
  FIREWALLS,
  HTTPS_PROXIES,
  HTTP_PROXIES,
  FORWARDING_RULES,
  URL_MAPS,
  SSL_POLICIES,
  WORKLOADS,
  SERVICES,
  NETWORK_POLICIES,
  MANIFESTS,
  GROUP_MANAGERS,
  AUTOSCALERS,
} from '../terraform/types';
import { checkGoogleResources } from './gcp-checks';
import { checkFrontends } from './frontend-checks';
import { checkKubernetesResources } from './k8s-checks';
import { CheckFinding, Reporter } from './reporter';

export type { CheckFinding } from './reporter';

/** The Terraform resource types the checks read. */
export const CHECKED_TYPES: readonly string[] = [
  ...BACKEND_SERVICES,
  ...HEALTH_CHECKS,
  ...FIREWALLS,
  ...HTTPS_PROXIES,
  ...HTTP_PROXIES,
  ...FORWARDING_RULES,
  ...URL_MAPS,
  ...SSL_POLICIES,
  ...WORKLOADS,
  ...SERVICES,
  ...NETWORK_POLICIES,
  ...MANIFESTS,
  ...GROUP_MANAGERS,
  ...AUTOSCALERS,
];

/** Runs every applicable rule on the resources; findings carry level and suppression. */
export function checkResources(resources: readonly TfResource[]): CheckFinding[] {
  const idx = new ResourceIndex(resources);
  const reporter = new Reporter();
  checkGoogleResources(idx, reporter);
  checkFrontends(idx, reporter);
  checkFirewalls(idx, reporter);
  checkKubernetesResources(idx, reporter);
  return reporter.findings;
}
