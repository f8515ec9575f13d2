import { GcsBackend, LocalBackend, TerraformStack } from 'cdktf';

/**
 * Where a stack keeps its Terraform state. Local files by default (`terraform.<stack>.tfstate` in the project root, nothing to set up); a GCS
 * bucket when `stateBucket` is set in cdktf context (cdktf.json `context`) or
 * `TF_STATE_BUCKET` in the environment. Each stack gets its own prefix:
 * `<statePrefix>/<stack>` (prefix default `cdktf-affinity-draining`).
 */
export function configureStateBackend(stack: TerraformStack, stackName: string): void {
  const ctx = (key: string): string | undefined => {
    const v = stack.node.tryGetContext(key);
    return typeof v === 'string' && v.length > 0 ? v : undefined;
  };
  const bucket = ctx('stateBucket') ?? process.env.TF_STATE_BUCKET;
  if (!bucket) {
    // Terraform runs in cdktf.out/stacks/<stack>/; the state lives in the project root, as with
    // cdktf's default, but the path is relative so the synthesized JSON (and the remote-state
    // references between stacks) does not depend on the checkout's location.
    new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
    return;
  }
  const prefix = ctx('statePrefix') ?? process.env.TF_STATE_PREFIX ?? 'cdktf-affinity-draining';
  new GcsBackend(stack, { bucket, prefix: `${prefix}/${stackName}` });
}
