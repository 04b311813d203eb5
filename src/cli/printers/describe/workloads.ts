/** describe for deployments, replica sets, stateful sets, daemon sets, jobs, cron jobs and HPAs. */
import type { StoredObject } from '../../../engine/api/types';
import type { EngineContext } from '../../../engine/context';
import { parseRFC3339 } from '../../../engine/sim/timefmt';
import { humanDurationImpl } from '../duration';
import { boolPtr, formatLabelSelector, formatLabels, selectorString } from '../format';
import {
  type Any,
  annotationsMultiline,
  controlledBy,
  describeEvents,
  describePodTemplate,
  labelsMultiline,
  workloadConditions,
} from './common';
import { DescribeWriter, rfc1123z } from './writer';

function header(w: DescribeWriter, o: StoredObject): void {
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace ?? ''}`);
}

function meta(w: DescribeWriter, o: StoredObject): void {
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
}

/** `N Running / N Waiting / N Succeeded / N Failed` over the pods this object controls. */
function podsStatus(ctx: EngineContext, owner: StoredObject): string {
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of ctx.api.dependents(owner.metadata.uid)) {
    if (
      p.kind !== 'Pod' ||
      !(p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === owner.metadata.uid)
    )
      continue;
    const phase = p.status?.phase as keyof typeof counts;
    if (phase in counts) counts[phase]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

const intOrPercent = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Template equality ignoring the pod-template-hash label, as deployment utilities compare them. */
function sameTemplate(a: Any, b: Any): boolean {
  const strip = (t: Any) => {
    const labels = { ...(t?.metadata?.labels ?? {}) };
    delete labels['pod-template-hash'];
    return JSON.stringify(canonical({ ...t, metadata: { ...(t?.metadata ?? {}), labels } }));
  };
  return strip(a) === strip(b);
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .filter((k) => o[k] !== undefined)
        .map((k) => [k, canonical(o[k])]),
    );
  }
  return v;
}

export function describeDeployment(
  ctx: EngineContext,
  d: StoredObject,
  events: Any[],
  nowMs: number,
): string {
  const w = new DescribeWriter();
  const spec: Any = d.spec ?? {};
  const st: Any = d.status ?? {};
  header(w, d);
  w.line(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}`);
  meta(w, d);
  w.line(0, `Selector:\t${selectorString(spec.selector)}`);
  w.line(
    0,
    `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`,
  );
  w.line(0, `StrategyType:\t${spec.strategy?.type ?? ''}`);
  w.line(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru)
    w.line(
      0,
      `RollingUpdateStrategy:\t${intOrPercent(ru.maxUnavailable)} max unavailable, ${intOrPercent(ru.maxSurge)} max surge`,
    );
  describePodTemplate(w, spec.template);
  workloadConditions(w, st.conditions);
  const owned = ctx.api
    .dependents(d.metadata.uid)
    .filter(
      (o) =>
        o.kind === 'ReplicaSet' &&
        (o.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === d.metadata.uid),
    )
    .sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1));
  const newRS = owned.find((rs) => sameTemplate(rs.spec?.template, spec.template));
  // describe lists every old ReplicaSet, scaled down or not (GetAllReplicaSets' allOldRSs).
  const oldRSs = owned.filter((rs) => rs !== newRS);
  if (owned.length > 0) {
    const fmt = (list: StoredObject[]) =>
      list
        .map(
          (rs) =>
            `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`,
        )
        .join(', ') || '<none>';
    w.line(0, `OldReplicaSets:\t${fmt(oldRSs)}`);
    w.line(0, `NewReplicaSet:\t${fmt(newRS ? [newRS] : [])}`);
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeReplicaSet(
  ctx: EngineContext,
  rs: StoredObject,
  events: Any[],
  nowMs: number,
): string {
  const w = new DescribeWriter();
  header(w, rs);
  w.line(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}`);
  meta(w, rs);
  const owner = controlledBy(rs);
  if (owner) w.line(0, `Controlled By:\t${owner}`);
  w.line(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired`);
  w.line(0, `Pods Status:\t${podsStatus(ctx, rs)}`);
  describePodTemplate(w, rs.spec?.template);
  workloadConditions(w, rs.status?.conditions);
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeReplicationController(
  ctx: EngineContext,
  rc: StoredObject,
  events: Any[],
  nowMs: number,
): string {
  const w = new DescribeWriter();
  header(w, rc);
  w.line(0, `Selector:\t${formatLabels(rc.spec?.selector)}`);
  meta(w, rc);
  w.line(0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 1} desired`);
  w.line(0, `Pods Status:\t${podsStatus(ctx, rc)}`);
  describePodTemplate(w, rc.spec?.template);
  workloadConditions(w, rc.status?.conditions);
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeStatefulSet(
  ctx: EngineContext,
  s: StoredObject,
  events: Any[],
  nowMs: number,
): string {
  const w = new DescribeWriter();
  const spec: Any = s.spec ?? {};
  header(w, s);
  w.line(0, `CreationTimestamp:\t${rfc1123z(s.metadata.creationTimestamp)}`);
  w.line(0, `Selector:\t${selectorString(spec.selector)}`);
  meta(w, s);
  w.line(0, `Replicas:\t${spec.replicas ?? 1} desired | ${s.status?.replicas ?? 0} total`);
  w.line(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru && typeof ru.partition === 'number') {
    w.line(1, `Partition:\t${ru.partition}`);
    if (ru.maxUnavailable !== undefined) w.line(1, `MaxUnavailable:\t${ru.maxUnavailable}`);
  }
  w.line(0, `Pods Status:\t${podsStatus(ctx, s)}`);
  describePodTemplate(w, spec.template);
  const claims: Any[] = spec.volumeClaimTemplates ?? [];
  if (claims.length === 0) w.line(0, 'Volume Claims:\t<none>');
  else {
    w.line(0, 'Volume Claims:');
    for (const pvc of claims) {
      w.line(1, `Name:\t${pvc.metadata?.name ?? ''}`);
      w.line(1, `StorageClass:\t${pvc.spec?.storageClassName ?? ''}`);
      labelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
      labelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
      w.line(1, `Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}`);
      w.line(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]`);
    }
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeDaemonSet(
  ctx: EngineContext,
  ds: StoredObject,
  events: Any[],
  nowMs: number,
): string {
  const w = new DescribeWriter();
  const st: Any = ds.status ?? {};
  w.line(0, `Name:\t${ds.metadata.name}`);
  w.line(0, `Namespace:\t${ds.metadata.namespace ?? ''}`);
  w.line(0, `Selector:\t${selectorString(ds.spec?.selector)}`);
  w.line(0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}`);
  meta(w, ds);
  w.line(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}`);
  w.line(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}`);
  w.line(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}`);
  w.line(0, `Pods Status:\t${podsStatus(ctx, ds)}`);
  describePodTemplate(w, ds.spec?.template);
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeJob(job: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  const spec: Any = job.spec ?? {};
  const st: Any = job.status ?? {};
  header(w, job);
  w.line(0, `Selector:\t${selectorString(spec.selector)}`);
  meta(w, job);
  const owner = controlledBy(job);
  if (owner) w.line(0, `Controlled By:\t${owner}`);
  if (typeof spec.parallelism === 'number') w.line(0, `Parallelism:\t${spec.parallelism}`);
  w.line(0, `Completions:\t${typeof spec.completions === 'number' ? spec.completions : '<unset>'}`);
  if (spec.completionMode) w.line(0, `Completion Mode:\t${spec.completionMode}`);
  if (typeof spec.suspend === 'boolean') w.line(0, `Suspend:\t${spec.suspend}`);
  if (typeof spec.backoffLimit === 'number') w.line(0, `Backoff Limit:\t${spec.backoffLimit}`);
  if (typeof spec.ttlSecondsAfterFinished === 'number')
    w.line(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}`);
  if (st.startTime) w.line(0, `Start Time:\t${rfc1123z(st.startTime)}`);
  if (st.completionTime) w.line(0, `Completed At:\t${rfc1123z(st.completionTime)}`);
  if (st.startTime && st.completionTime)
    w.line(
      0,
      `Duration:\t${humanDurationImpl(parseRFC3339(st.completionTime) - parseRFC3339(st.startTime))}`,
    );
  if (typeof spec.activeDeadlineSeconds === 'number')
    w.line(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s`);
  const counts = `${st.active ?? 0} Active${typeof st.ready === 'number' ? ` (${st.ready} Ready)` : ''} / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`;
  w.line(0, `Pods Statuses:\t${counts}`);
  if (spec.completionMode === 'Indexed') w.line(0, `Completed Indexes:\t${st.completedIndexes || '<none>'}`);
  describePodTemplate(w, spec.template);
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeCronJob(cj: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  const spec: Any = cj.spec ?? {};
  header(w, cj);
  meta(w, cj);
  const orUnset = (v: unknown, suffix = '') => (typeof v === 'number' ? `${v}${suffix}` : '<unset>');
  w.line(0, `Schedule:\t${spec.schedule ?? ''}`);
  w.line(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}`);
  w.line(0, `Suspend:\t${boolPtr(spec.suspend)}`);
  w.line(0, `Successful Job History Limit:\t${orUnset(spec.successfulJobsHistoryLimit)}`);
  w.line(0, `Failed Job History Limit:\t${orUnset(spec.failedJobsHistoryLimit)}`);
  w.line(0, `Starting Deadline Seconds:\t${orUnset(spec.startingDeadlineSeconds, 's')}`);
  const jt: Any = spec.jobTemplate?.spec ?? {};
  w.line(0, `Selector:\t${jt.selector ? selectorString(jt.selector) : '<unset>'}`);
  w.line(0, `Parallelism:\t${orUnset(jt.parallelism)}`);
  w.line(0, `Completions:\t${orUnset(jt.completions)}`);
  if (typeof jt.activeDeadlineSeconds === 'number')
    w.line(0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s`);
  describePodTemplate(w, jt.template);
  w.line(
    0,
    `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}`,
  );
  const active: Any[] = cj.status?.active ?? [];
  w.line(0, `Active Jobs:\t${active.length === 0 ? '<none>' : active.map((j) => j.name).join(', ')}`);
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeHPA(hpa: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  const spec: Any = hpa.spec ?? {};
  const st: Any = hpa.status ?? {};
  header(w, hpa);
  meta(w, hpa);
  w.line(0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}`);
  w.line(0, `Reference:\t${spec.scaleTargetRef?.kind}/${spec.scaleTargetRef?.name}`);
  w.line(0, 'Metrics:\t( current / target )');
  (spec.metrics ?? []).forEach((m: Any, i: number) => {
    const cur: Any = (st.currentMetrics ?? [])[i];
    if (m.type === 'Resource' || m.type === 'ContainerResource') {
      const src = m.type === 'Resource' ? m.resource : m.containerResource;
      const curSrc = m.type === 'Resource' ? cur?.resource : cur?.containerResource;
      const on = m.type === 'Resource' ? 'on pods' : `of container "${src.container}" on pods`;
      w.write(1, `resource ${src.name} ${on}`);
      if (src.target?.averageValue !== undefined) {
        w.write(0, `:\t${curSrc?.current?.averageValue ?? '<unknown>'} / ${src.target.averageValue}\n`);
      } else {
        const current =
          curSrc && typeof curSrc.current?.averageUtilization === 'number'
            ? `${curSrc.current.averageUtilization}% (${curSrc.current.averageValue ?? '0'})`
            : '<unknown>';
        const target =
          typeof src.target?.averageUtilization === 'number' ? `${src.target.averageUtilization}%` : '<auto>';
        w.line(1, `(as a percentage of request):\t${current} / ${target}`);
      }
    } else if (m.type === 'Pods') {
      w.line(
        1,
        `"${m.pods?.metric?.name}" on pods:\t${cur?.pods?.current?.averageValue ?? '<unknown>'} / ${m.pods?.target?.averageValue}`,
      );
    } else w.line(1, `<unknown metric type ${JSON.stringify(m.type)}>`);
  });
  w.line(0, `Min replicas:\t${typeof spec.minReplicas === 'number' ? spec.minReplicas : '<unset>'}`);
  w.line(0, `Max replicas:\t${spec.maxReplicas ?? 0}`);
  if (spec.behavior) {
    w.line(0, 'Behavior:');
    for (const [title, rules] of [
      ['Scale Up', spec.behavior.scaleUp],
      ['Scale Down', spec.behavior.scaleDown],
    ] as const) {
      if (!rules) continue;
      w.line(1, `${title}:`);
      if (typeof rules.stabilizationWindowSeconds === 'number')
        w.line(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds`);
      if ((rules.policies ?? []).length > 0) {
        w.line(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}`);
        w.line(2, 'Policies:');
        for (const p of rules.policies)
          w.line(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds`);
      }
    }
  }
  w.line(
    0,
    `${spec.scaleTargetRef?.kind} pods:\t${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired`,
  );
  if ((st.conditions ?? []).length > 0) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus\tReason\tMessage');
    w.line(1, '----\t------\t------\t-------');
    for (const c of st.conditions) w.line(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}`);
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}
