/**
 * What the deployer pod (`<dc>-<n>-deploy`, openshift/oc's `openshift-deploy`) prints for a rollout, as a
 * shell script for the simulated container: the Recreate strategy's lines (also the first rollout of a
 * Rolling DeploymentConfig, which has nothing to roll from), or the rolling updater's summary and steps,
 * then `--> Success`. Pauses between steps stand for the waits on the replicas.
 */

export interface DeployerPlan {
  strategy: string;
  to: string;
  desired: number;
  from?: { name: string; replicas: number };
  /** rollingParams.maxSurge / maxUnavailable (ints or percentages; default 25%). */
  maxSurge?: string | number;
  maxUnavailable?: string | number;
}

function resolve(value: string | number | undefined, desired: number, roundUp: boolean): number {
  const v = value ?? '25%';
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const exact = (Number(m[1]) * desired) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** The lines the deployer logs, in order. */
export function deployerLines(plan: DeployerPlan): string[] {
  const { to, desired, from } = plan;
  const lines: string[] = [];
  if (plan.strategy === 'Recreate' || !from || from.replicas === 0) {
    if (from && from.replicas > 0) lines.push(`--> Scaling ${from.name} down to zero`);
    if (desired > 0) {
      if (from && from.replicas > 0) {
        lines.push(`--> Scaling ${to} to 1 before performing acceptance check`);
        if (desired !== 1) lines.push(`--> Scaling ${to} to ${desired}`);
      } else lines.push(`--> Scaling ${to} to ${desired}`);
    }
    lines.push('--> Success');
    return lines;
  }
  // ResolveFenceposts: surge rounds up, unavailable down; both zero means one may be unavailable.
  const surge = resolve(plan.maxSurge, desired, true);
  let unavailable = resolve(plan.maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  const minAvailable = desired === 0 ? 0 : Math.max(0, desired - unavailable);
  lines.push(
    `--> Scaling up ${to} from 0 to ${desired}, scaling down ${from.name} from ${from.replicas} to 0 (keep ${minAvailable} pods available, don't exceed ${desired + surge} pods)`,
  );
  let next = 0;
  let old = from.replicas;
  // The rolling updater with every pod ready at once: scale up within the surge, then scale the old
  // version down as far as keeping minAvailable allows.
  for (let guard = 0; (next !== desired || old !== 0) && guard < 100; guard++) {
    const up = Math.min(desired, desired + surge - old);
    if (up > next) {
      next = up;
      lines.push(`    Scaling ${to} up to ${next}`);
    }
    const down = next >= desired ? 0 : Math.min(old, Math.max(0, minAvailable - next));
    if (down < old) {
      old = down;
      lines.push(`    Scaling ${from.name} down to ${old}`);
    }
  }
  lines.push('--> Success');
  return lines;
}

/** The deployer container's command: each line, with a pause before the next step. */
export function deployerScript(plan: DeployerPlan): string[] {
  const body = deployerLines(plan)
    .map((l, i) => `${i > 0 ? 'sleep 2; ' : ''}echo '${l.replace(/'/g, "'\\''")}'`)
    .join('; ');
  return ['/bin/sh', '-c', body];
}

/** `obj` with `defaults` added for the keys it lacks (a new object only when something was missing). */
function withDefaults<T extends Record<string, unknown>>(
  obj: T | undefined,
  defaults: Record<string, unknown>,
): T {
  const base = (obj ?? {}) as T;
  const missing = Object.keys(defaults).filter((k) => base[k] === undefined);
  if (obj && missing.length === 0) return obj;
  const out: Record<string, unknown> = { ...base };
  for (const k of missing) out[k] = defaults[k];
  return out as T;
}

/**
 * openshift-apiserver's DeploymentConfig defaults (apps/v1 SetDefaults_*), applied on create and update.
 * Only missing fields are added, so an update that already carries them leaves the spec (and its
 * generation) as it was; nested objects are replaced, never changed in place.
 */
export function defaultDeploymentConfig(obj: { spec?: Record<string, any> }): void {
  const spec = obj.spec;
  if (!spec) return;
  if (spec.triggers === undefined) spec.triggers = [{ type: 'ConfigChange' }];
  if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
  if (spec.test === undefined) spec.test = false;
  if (!spec.selector || Object.keys(spec.selector).length === 0) {
    const labels = spec.template?.metadata?.labels;
    if (labels) spec.selector = { ...labels };
  }
  let strategy = withDefaults(spec.strategy, { type: 'Rolling' });
  strategy = withDefaults(strategy, { activeDeadlineSeconds: 21600, resources: {} });
  if (strategy.type === 'Rolling') {
    const params = withDefaults(strategy.rollingParams, {
      intervalSeconds: 1,
      maxSurge: '25%',
      maxUnavailable: '25%',
      timeoutSeconds: 600,
      updatePeriodSeconds: 1,
    });
    if (params !== strategy.rollingParams) strategy = { ...strategy, rollingParams: params };
  }
  if (strategy.type === 'Recreate') {
    const params = withDefaults(strategy.recreateParams, { timeoutSeconds: 600 });
    if (params !== strategy.recreateParams) strategy = { ...strategy, recreateParams: params };
  }
  if (strategy !== spec.strategy) spec.strategy = strategy;
}
