/** A named port of an instance group (`named_port`): the backend service's `port_name` must be one. */
export interface NamedPort {
  /** Port name, e.g. `https`. */
  readonly name: string;
  /** Port number, 1..65535. */
  readonly port: number;
}

/**
 * An instance group a backend service can send traffic to. Implemented by
 * `ZonalBackendGroup`; `InstanceGroup.fromUrl` wraps a group made elsewhere.
 */
export interface IInstanceGroup {
  /** The instance group URL (`google_compute_instance_group_manager.instance_group`); may be a token. */
  readonly instanceGroupUrl: string;
  /** Name shown in messages and reviews, e.g. `mcp-group-us-west1-a`. */
  readonly groupName: string;
  /** Zone of the group (e.g. `us-west1-a`). */
  readonly zone: string;
  /** Named ports of the group, when known. */
  readonly namedPorts: NamedPort[];
  /** False when the named ports are not known (group made outside this app): port checks are skipped. */
  readonly knowsNamedPorts: boolean;
  /**
   * Most instances the group can ever have (fixed size, or the autoscaler's maximum); 0
   * means it can take no traffic. Undefined when unknown.
   */
  readonly maxInstances?: number;
  /** True when an autoscaler scales the group on load-balancing utilization (C6). */
  readonly autoscalesOnLoadBalancing: boolean;
}

/** Attributes of an instance group made outside this app. */
export interface InstanceGroupAttributes {
  /** Name for messages. */
  readonly name: string;
  /** Zone of the group. */
  readonly zone: string;
  /**
   * Named ports, if known; when omitted the `port_name` check (B5) is skipped for this group.
   * @default - unknown
   */
  readonly namedPorts?: NamedPort[];
}

/** Factories for instance groups not created by this library. */
export class InstanceGroup {
  /** Wraps an existing instance group URL. Capacity checks are skipped (size unknown). */
  public static fromUrl(url: string, attributes: InstanceGroupAttributes): IInstanceGroup {
    return {
      instanceGroupUrl: url,
      groupName: attributes.name,
      zone: attributes.zone,
      namedPorts: attributes.namedPorts ?? [],
      knowsNamedPorts: attributes.namedPorts !== undefined,
      maxInstances: undefined,
      autoscalesOnLoadBalancing: false,
    };
  }

  private constructor() {}
}
