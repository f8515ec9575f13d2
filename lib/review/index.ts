// Plan-review library: reads Terraform JSON only (no cdktf at run time).
export * from './model';
export * from './extract';
export * from './synth-dir';
export * from './compare';
export * from './plan';
export * from './format';
export { runReview } from './cli';
export type { ReviewResult } from './cli';
