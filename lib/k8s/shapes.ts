/** P1 shapes of the Kubernetes props interfaces (`lib/core/shape.ts`). */
import { DRAINING, DURATION } from '../core/value-shapes';
import {
  Shape,
  aBoolean,
  aNumber,
  aString,
  arrayOf,
  mapOf,
  objectOf,
  optional,
  required,
} from '../core/shape';

/** `GuacdResources` (Kubernetes quantities as strings). */
export const RESOURCES = objectOf(
  'GuacdResources',
  {
    cpuRequest: optional(aString("'100m'")),
    cpuLimit: optional(aString("'500m'")),
    memoryRequest: optional(aString("'256Mi'")),
    memoryLimit: optional(aString("'512Mi'")),
  },
  "{ cpuRequest: '100m', memoryLimit: '512Mi' }",
);

/** Labels (a selector). */
export const LABELS = mapOf(aString("'guacamole'"), "{ 'app.kubernetes.io/name': 'guacamole' }");

/** `GuacdStatefulPoolProps`. */
export const POOL_PROPS: Shape = objectOf(
  'GuacdStatefulPoolProps',
  {
    webPodSelector: required(LABELS),
    webNamespace: optional(aString("'web'")),
    name: optional(aString("'guacd-stateful'")),
    namespace: optional(aString("'guacamole'")),
    affinityServiceName: optional(aString("'guacd-service'")),
    image: optional(aString("'guacamole/guacd:1.6.0'")),
    replicas: optional(aNumber('3')),
    concurrentUsers: optional(aNumber('60')),
    usersPerPod: optional(aNumber('20')),
    sessionAffinityTimeout: optional(DURATION('Duration.hours(1)')),
    draining: optional(DRAINING('DrainingPolicy.of(Duration.minutes(30))')),
    resources: optional(RESOURCES),
    remoteDesktopCidrs: optional(arrayOf(aString("'10.0.0.0/8'"), "['10.0.0.0/8']")),
    remoteDesktopPorts: optional(arrayOf(aNumber('3389'), '[3389]')),
    runAsUser: optional(aNumber('1000')),
    waitForRollout: optional(aBoolean()),
  },
  "{ webPodSelector: { 'app.kubernetes.io/name': 'guacamole' } }",
);
