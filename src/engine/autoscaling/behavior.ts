/**
 * The HPA's scaling behaviour (autoscaling/v2 `spec.behavior`): stabilization windows (scale-down looks
 * at the highest recommendation of the last 300 s by default) and rate limits per period, which decide
 * the AbleToScale and ScalingLimited conditions' reasons.
 */

export interface Policy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export interface Rules {
  stabilizationWindowSeconds: number;
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  policies: Policy[];
}

export const DEFAULT_SCALE_UP: Rules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};

export const DEFAULT_SCALE_DOWN: Rules = {
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

export function rulesOf(spec: Partial<Rules> | undefined, dflt: Rules): Rules {
  return {
    stabilizationWindowSeconds: spec?.stabilizationWindowSeconds ?? dflt.stabilizationWindowSeconds,
    selectPolicy: spec?.selectPolicy ?? dflt.selectPolicy,
    policies: spec?.policies?.length ? spec.policies : dflt.policies,
  };
}

export interface ScaleEvent {
  atMs: number;
  /** Positive for replicas added, negative for removed. */
  delta: number;
}

export interface Outcome {
  replicas: number;
  reason: string;
  message: string;
}

/** Stabilize a recommendation over the recent ones (the caller records `desired` afterwards). */
export function stabilize(
  current: number,
  desired: number,
  history: { atMs: number; replicas: number }[],
  nowMs: number,
  up: Rules,
  down: Rules,
): Outcome {
  let upRec = desired;
  let downRec = desired;
  for (const r of history) {
    if (r.atMs > nowMs - up.stabilizationWindowSeconds * 1000) upRec = Math.min(upRec, r.replicas);
    if (r.atMs > nowMs - down.stabilizationWindowSeconds * 1000) downRec = Math.max(downRec, r.replicas);
  }
  let replicas = current;
  if (replicas < upRec) replicas = upRec;
  if (replicas > downRec) replicas = downRec;
  if (replicas !== desired) {
    return replicas < desired
      ? {
          replicas,
          reason: 'ScaleUpStabilized',
          message:
            'recent recommendations were lower than current one, applying the lowest recent recommendation',
        }
      : {
          replicas,
          reason: 'ScaleDownStabilized',
          message:
            'recent recommendations were higher than current one, applying the highest recent recommendation',
        };
  }
  return { replicas, reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
}

function changedInPeriod(events: ScaleEvent[], nowMs: number, periodSeconds: number, sign: 1 | -1): number {
  let n = 0;
  for (const e of events)
    if (e.atMs > nowMs - periodSeconds * 1000 && Math.sign(e.delta) === sign) n += Math.abs(e.delta);
  return n;
}

/** Clamp to the rate limits and to [min, max], naming what limited the result (ScalingLimited). */
export function limitRate(
  current: number,
  desired: number,
  min: number,
  max: number,
  events: ScaleEvent[],
  nowMs: number,
  up: Rules,
  down: Rules,
): Outcome {
  if (desired > current) {
    let limit = up.selectPolicy === 'Max' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    // A disabled direction may not move at all.
    if (up.selectPolicy === 'Disabled') limit = current;
    else
      for (const p of up.policies) {
        const start =
          current -
          changedInPeriod(events, nowMs, p.periodSeconds, 1) +
          changedInPeriod(events, nowMs, p.periodSeconds, -1);
        const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
        limit = up.selectPolicy === 'Max' ? Math.max(limit, proposed) : Math.min(limit, proposed);
      }
    limit = Math.max(limit, current);
    const capped = max < limit;
    const allowed = capped ? max : limit;
    if (desired > allowed) {
      return capped
        ? {
            replicas: allowed,
            reason: 'TooManyReplicas',
            message: 'the desired replica count is more than the maximum replica count',
          }
        : {
            replicas: allowed,
            reason: 'ScaleUpLimit',
            message: 'the desired replica count is increasing faster than the maximum scale rate',
          };
    }
  } else if (desired < current) {
    let limit = down.selectPolicy === 'Max' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    if (down.selectPolicy === 'Disabled') limit = current;
    else
      for (const p of down.policies) {
        const start =
          current +
          changedInPeriod(events, nowMs, p.periodSeconds, -1) -
          changedInPeriod(events, nowMs, p.periodSeconds, 1);
        const proposed = p.type === 'Pods' ? start - p.value : Math.floor(start * (1 - p.value / 100));
        limit = down.selectPolicy === 'Max' ? Math.min(limit, proposed) : Math.max(limit, proposed);
      }
    limit = Math.min(limit, current);
    const floored = min > limit;
    const allowed = floored ? min : limit;
    if (desired < allowed) {
      return floored
        ? {
            replicas: allowed,
            reason: 'TooFewReplicas',
            message: 'the desired replica count is less than the minimum replica count',
          }
        : {
            replicas: allowed,
            reason: 'ScaleDownLimit',
            message: 'the desired replica count is decreasing faster than the maximum scale rate',
          };
    }
  } else {
    if (desired > max)
      return {
        replicas: max,
        reason: 'TooManyReplicas',
        message: 'the desired replica count is more than the maximum replica count',
      };
    if (desired < min)
      return {
        replicas: min,
        reason: 'TooFewReplicas',
        message: 'the desired replica count is less than the minimum replica count',
      };
  }
  return {
    replicas: desired,
    reason: 'DesiredWithinRange',
    message: 'the desired count is within the acceptable range',
  };
}
