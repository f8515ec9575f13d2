/**
 * `google_compute_instance_template` and `google_compute_region_instance_template`, as far as
 * the traffic path needs them: the instances' network tags, service accounts and network
 * (hashicorp/google 6.50.0, resource_compute_instance_template.go: `tags`, `service_account`
 * (one block, `email`), `network_interface` (`network`, `subnetwork`)). Unset tags are no tags;
 * an unset service account is the project's default Compute Engine account (not known here).
 */
import { isUnknown } from '../../core/unknown';
import { block } from '../resource';
import { stringList } from './firewall';

/** What the traffic path reads of an instance template. */
export interface InstanceTemplateRead {
  /** The tags; undefined when unknown. */
  readonly tags?: string[];
  /** Service account e-mails; undefined when unknown or the default account. */
  readonly serviceAccounts?: string[];
  /** The first network interface's `network` and `subnetwork` values, as written. */
  readonly network: unknown;
  readonly subnetwork: unknown;
}

/** Reads an instance template's values. */
export function readInstanceTemplate(values: Record<string, any>): InstanceTemplateRead {
  const tags = stringList(values.tags);
  const sa = block(values.service_account);
  const email = sa?.email;
  const nic = block(values.network_interface);
  return {
    tags: tags.some((t) => isUnknown(t)) ? undefined : tags,
    serviceAccounts: typeof email === 'string' && !isUnknown(email) ? [email] : undefined,
    network: nic?.network,
    subnetwork: nic?.subnetwork,
  };
}
