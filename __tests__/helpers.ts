import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ruleDocsUrl } from '../lib/core/rule-registry';

/** A stack with a Google provider, so `Testing.synth(stack, true)` can run validations. */
export function gcpStack(): TerraformStack {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new GoogleProvider(stack, 'google', { project: 'test-project' });
  return stack;
}

/** Synthesizes with validations and returns the parsed Terraform JSON. */
export function synthJson(stack: TerraformStack): Record<string, any> {
  return JSON.parse(Testing.synth(stack, true));
}

/** Resources of one type, by logical id. */
export function resources(json: Record<string, any>, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** The only resource of a type. */
export function only(json: Record<string, any>, type: string): any {
  const all = Object.values(resources(json, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/**
 * The annotations of a construct tree of one cdktf level, each as `cdktf synth` prints it
 * (`<construct path>: <message>`), with the rule's documentation link that ends every rule
 * annotation checked and removed (so messages read as the thrown errors do).
 */
export function annotationsOf(scope: IConstruct, type: '@cdktf/warn' | '@cdktf/error'): string[] {
  return scope.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === type)
      .map((m) => {
        const text = String(m.data);
        const tagged = /\[rule ([A-Za-z0-9]+)\] (\S+)$/.exec(text);
        if (tagged && tagged[2] !== ruleDocsUrl(tagged[1]))
          throw new Error(`annotation without its rule's docs link: ${text}`);
        if (text.startsWith(`${c.node.path}:`))
          throw new Error(`annotation repeats the construct path: ${text}`);
        if (m.trace) throw new Error(`annotation with a stack trace: ${text}`);
        return `${c.node.path}: ${tagged ? text.slice(0, -tagged[2].length - 1) : text}`;
      }),
  );
}

/** Warning messages recorded on a construct tree (`Annotations.addWarning`). */
export function warningsOf(scope: IConstruct): string[] {
  return annotationsOf(scope, '@cdktf/warn');
}

/** The error thrown by `fn` (fails the test when nothing is thrown). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, none was thrown');
}

/** Runs a full `app.synth()` (validations, cross-stack wiring, backends) and reads every stack. */
export function synthApp(build: (app: App) => void): {
  stacks: Record<string, Record<string, any>>;
  warnings: Record<string, string[]>;
  outdir: string;
} {
  const app = Testing.app({ stackTraces: false });
  build(app);
  app.synth();
  const outdir = app.outdir;
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const stacks: Record<string, Record<string, any>> = {};
  const warnings: Record<string, string[]> = {};
  for (const [name, s] of Object.entries<any>(manifest.stacks)) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, s.synthesizedStackPath), 'utf8'));
    stacks[name] = stripMetadata(json);
    warnings[name] = (s.annotations ?? [])
      .filter((a: any) => a.level === '@cdktf/warn')
      .map((a: any) => `${a.constructPath}: ${a.message}`);
  }
  return { stacks, warnings, outdir };
}

/** Removes cdktf's `//` metadata (version, paths) so snapshots hold only Terraform. */
export function stripMetadata(value: any): any {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== '//')
        .map(([k, v]) => [k, stripMetadata(v)]),
    );
  }
  return value;
}
