// Entry point `cdktf-affinity-draining/gke`: Guacamole's web tier on GKE (needs both the
// Kubernetes constructs and the Google Cloud value classes), with the shared core.
export * from '../core/index';
export { GkeFrontend } from './web-tier-rules';
export { GuacamoleWebTier, type GuacamoleWebTierProps } from './guacamole-web-tier';
