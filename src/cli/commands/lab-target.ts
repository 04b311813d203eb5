/**
 * What a `lab` command is aimed at: `svc/web` for traffic; `pod/x`, `deploy/x` or a bare name for faults.
 * Unknown objects fail with the API server's NotFound wording, as kubectl would print it.
 */
import { StatusError } from '../../engine/api/errors';
import type { StoredObject } from '../../engine/api/types';
import type { EngineContext } from '../../engine/context';
import { ownerWorkload } from '../../engine/kubelet/fault-state';
import { CliError } from '../errors';

const SERVICE_PREFIXES = ['svc', 'service', 'services'];
const POD_PREFIXES = ['po', 'pod', 'pods'];
const DEPLOY_PREFIXES = ['deploy', 'deployment', 'deployments', 'deployment.apps', 'deployments.apps'];

/** `svc/web` or `web` → `web`; anything else (`deploy/web`) is a usage error. */
export function serviceName(arg: string, path: string): string {
  const slash = arg.indexOf('/');
  if (slash < 0) return arg;
  const prefix = arg.slice(0, slash).toLowerCase();
  const name = arg.slice(slash + 1);
  if (!SERVICE_PREFIXES.includes(prefix) || !name)
    throw new CliError(
      `traffic goes to a Service: expected svc/NAME, got "${arg}"\nSee '${path} -h' for help and examples`,
    );
  return name;
}

export interface WorkloadTarget {
  kind: 'pod' | 'deployment';
  name: string;
  /** The pod, or the Deployment. */
  object: StoredObject;
}

/** `pod/x`, `deploy/x`, or a bare name (a pod if one has that name, else a Deployment). */
export function workloadTarget(
  ctx: EngineContext,
  namespace: string,
  arg: string,
  path: string,
): WorkloadTarget {
  const slash = arg.indexOf('/');
  const prefix = slash < 0 ? '' : arg.slice(0, slash).toLowerCase();
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  if (!name)
    throw new CliError(
      `arguments in resource/name form must have a single resource and name\nSee '${path} -h' for help and examples`,
    );
  const pod = () => ctx.api.store.get('pods', namespace, name);
  const deploy = () => ctx.api.store.get('deployments.apps', namespace, name);
  if (POD_PREFIXES.includes(prefix)) {
    const p = pod();
    if (!p) throw new StatusError(404, 'NotFound', `pods "${name}" not found`);
    return { kind: 'pod', name, object: p };
  }
  if (DEPLOY_PREFIXES.includes(prefix)) {
    const d = deploy();
    if (!d) throw new StatusError(404, 'NotFound', `deployments.apps "${name}" not found`);
    return { kind: 'deployment', name, object: d };
  }
  if (prefix)
    throw new CliError(
      `faults apply to a pod or a deployment: expected pod/NAME or deploy/NAME, got "${arg}"`,
    );
  const p = pod();
  if (p) return { kind: 'pod', name, object: p };
  const d = deploy();
  if (d) return { kind: 'deployment', name, object: d };
  throw new StatusError(404, 'NotFound', `pods "${name}" not found`);
}

/** The containers of a target (the pod's, or the Deployment's pod template's). */
export function targetContainers(t: WorkloadTarget): Record<string, unknown>[] {
  const spec = t.kind === 'pod' ? t.object.spec : t.object.spec?.template?.spec;
  return (spec?.containers ?? []) as Record<string, unknown>[];
}

/** The target's running pods, oldest name first (a Deployment's, through its ReplicaSets). */
export function targetPods(ctx: EngineContext, namespace: string, t: WorkloadTarget): StoredObject[] {
  if (t.kind === 'pod') return [t.object];
  return ctx.api.store
    .list('pods', namespace)
    .filter((p) => !p.metadata.deletionTimestamp && ownerWorkload(ctx, p) === t.name)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}
