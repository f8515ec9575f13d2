/**
 * The registry's Google Cloud rules over plain Terraform: backend services with their health
 * checks, health checks on their own, managed instance groups with their autoscalers (the
 * frontends are in frontend-checks, the firewall in firewall-checks). Each resource is read by its model (lib/terraform/google) and the
 * constructs' rule functions run on the result; nothing is restated here.
 */
import { Reporter } from './reporter';
import { BACKEND_SERVICES, HEALTH_CHECKS, GROUP_MANAGERS } from '../terraform/types';
import { RuleLevel } from '../core/rule-registry';
import { Vocabulary } from '../core/rules';
import { validateService } from '../gcp/backend-service-rules';
import { validateZonalGroup } from '../gcp/zonal-group-rules';
import { checkPortSpecification } from '../gcp/health-check';
import { ResourceIndex, TfResource, block } from '../terraform/resource';
import { readBackendService } from '../terraform/google/backend-service';
import { HEALTH_CHECK_ATTRIBUTES, readHealthCheck } from '../terraform/google/health-check';
import { str } from '../terraform/google/values';
import {
  AUTOSCALER_ATTRIBUTES,
  GROUP_ATTRIBUTES,
  autoscalerOf,
  readInstanceGroup,
} from '../terraform/google/instance-group';

/** The Google Cloud rules over the resources of `idx`. */
export function checkGoogleResources(idx: ResourceIndex, out: Reporter): void {
  // Google Cloud: backend services with their health checks, and the probe firewall.
  const used = new Set<TfResource>();
  for (const bs of idx.ofTypes(BACKEND_SERVICES)) {
    const referenced = idx.referenced(bs, 'health_checks', HEALTH_CHECKS);
    for (const hc of referenced) used.add(hc);
    out.guarded(bs, {}, () => {
      const [hcResource] = referenced;
      const read = readBackendService(
        bs,
        hcResource ? readHealthCheck(hcResource.values).healthCheck : undefined,
      );
      const service = validateService(read.spec, Vocabulary.TERRAFORM);
      // Health-check findings belong to the health-check resource.
      out.reportFindings(
        service,
        bs,
        read.attributes,
        hcResource,
        (v) => v.attribute.startsWith('healthCheck.'),
        HEALTH_CHECK_ATTRIBUTES,
      );
      if (read.drainingImplicit && !bs.references?.connection_draining_timeout_sec) {
        out.report(bs, RuleLevel.WARNING, [
          {
            rule: 'T4',
            attribute: 'connection_draining_timeout_sec',
            value: 'not set',
            problem:
              'leaves draining to the provider\u2019s hidden default (300 s), which nobody chose: too short for long sessions, needlessly long for short requests',
            allowed: 'an explicit 0..3600 s',
            fix: 'set connection_draining_timeout_sec to the longest request or session that must finish during a rollout',
          },
        ]);
      }
    });
  }
  // Health checks no backend service of this configuration uses (autohealing, or a service
  // elsewhere): their own rules still hold, since the API checks them at create.
  for (const hc of idx.ofTypes(HEALTH_CHECKS)) {
    if (used.has(hc)) continue;
    out.guarded(hc, HEALTH_CHECK_ATTRIBUTES, () => {
      const { healthCheck } = readHealthCheck(hc.values);
      const name = str(hc.values.name) ?? hc.address.split('.').pop()!;
      // Not passthrough: H6 (no port on a passthrough NLB) needs the service, which is not here.
      out.report(
        hc,
        RuleLevel.ERROR,
        healthCheck._validate(name, false, Vocabulary.TERRAFORM),
        HEALTH_CHECK_ATTRIBUTES,
      );
    });
  }
  // Every health check, used or not: the provider's plan-time check of the port specification.
  for (const hc of idx.ofTypes(HEALTH_CHECKS))
    out.report(
      hc,
      RuleLevel.ERROR,
      checkPortSpecification(block(hc.values.http_health_check), 'http_health_check'),
    );
  // Managed instance groups with their autoscalers: N1, M1 (a size Terraform and an
  // autoscaler both set), M2 (named ports), M3 (autoscaler bounds).
  for (const igm of idx.ofTypes(GROUP_MANAGERS)) {
    const group = readInstanceGroup(igm, autoscalerOf(idx, igm));
    out.guarded(igm, GROUP_ATTRIBUTES, () =>
      out.reportFindings(
        validateZonalGroup(group.spec, Vocabulary.TERRAFORM),
        igm,
        GROUP_ATTRIBUTES,
        group.autoscaler,
        (x) => x.attribute.startsWith('autoscaling.'),
        AUTOSCALER_ATTRIBUTES,
      ),
    );
  }
}
