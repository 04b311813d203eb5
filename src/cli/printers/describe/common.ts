/** Sections several describers share: labels, annotations, tolerations, events, the pod template. */
import type { StoredObject } from '../../../engine/api/types';
import type { EngineContext } from '../../../engine/context';
import { parseRFC3339 } from '../../../engine/sim/timefmt';
import { age } from '../format';
import { describeContainers, describeVolumes } from './containers';
import type { DescribeWriter } from './writer';

export type Any = any;

const MAX_ANNOTATION_LEN = 140;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** `Labels:  a=b` then further labels on their own lines under the first value. */
export function labelsMultiline(
  w: DescribeWriter,
  title: string,
  labels: Record<string, string> | undefined,
  indent = '',
): void {
  w.write(0, `${indent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, `${indent}\t`);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

/** Annotations as `key: value`; long or multi-line values go on their own lines, cut at 140 characters. */
export function annotationsMultiline(
  w: DescribeWriter,
  title: string,
  annotations: Record<string, string> | undefined,
  indent = '',
): void {
  w.write(0, `${indent}${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  const inner = `${indent}\t`;
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, inner);
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) {
        const short = s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s;
        w.write(0, `${inner}  ${short}\n`);
      }
    } else w.write(0, `${k}: ${value}\n`);
  });
}

export function tolerationsMultiline(
  w: DescribeWriter,
  title: string,
  tolerations: Any[] | undefined,
  indent = '',
): void {
  w.write(0, `${indent}${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) =>
    (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0,
  );
  if (list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  list.forEach((t, i) => {
    if (i > 0) w.write(0, `${indent}\t`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (typeof t.tolerationSeconds === 'number') s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

export function taintsMultiline(w: DescribeWriter, title: string, taints: Any[] | undefined): void {
  w.write(0, `${title}:\t`);
  const key = (t: Any) => `${t.effect ?? ''},${t.key ?? ''}`;
  const list = [...(taints ?? [])].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  list.forEach((t, i) => {
    if (i > 0) w.write(0, '\t');
    w.write(0, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`);
  });
}

/** `ReplicaSet/web-7d4b9c8f6d` from the controller owner reference, or ''. */
export function controlledBy(obj: StoredObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** Events about `obj` (matched by involvedObject.uid), oldest last-seen first. */
export function eventsFor(ctx: EngineContext, obj: StoredObject): Any[] {
  let events: StoredObject[];
  try {
    events = ctx.api.list('events', obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {});
  } catch {
    return [];
  }
  const time = (e: Any) => parseRFC3339(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '') || 0;
  // Node events come from controllers (node uid) and from kubelets (the node name as uid).
  const uids = new Set([obj.metadata.uid, ...(obj.kind === 'Node' ? [obj.metadata.name] : [])]);
  return events
    .filter((e) => uids.has((e as Any).involvedObject?.uid))
    .map((e, i) => ({ e, i, t: time(e) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);
}

/** The Events table; `Events:  <none>` lines up with the block above it, a real table starts afresh. */
export function describeEvents(w: DescribeWriter, events: Any[], nowMs: number): void {
  if (events.length === 0) {
    w.line(0, 'Events:\t<none>');
    return;
  }
  w.flush();
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.line(1, '----\t------\t----\t----\t-------');
  for (const e of events) {
    const first = e.eventTime ? age(e.eventTime, nowMs) : age(e.firstTimestamp, nowMs);
    let interval = first;
    if (e.series) interval = `${age(e.series.lastObservedTime, nowMs)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${age(e.lastTimestamp, nowMs)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingComponent || '';
    w.line(
      1,
      `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}`,
    );
  }
}

/** The `Pod Template:` section of deployments, replica sets, stateful sets, daemon sets and jobs. */
export function describePodTemplate(w: DescribeWriter, template: Any): void {
  w.line(0, 'Pod Template:');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  labelsMultiline(w, 'Labels', template.metadata?.labels, '  ');
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0)
    annotationsMultiline(w, 'Annotations', template.metadata.annotations, '  ');
  const spec: Any = template.spec ?? {};
  if (spec.serviceAccountName) w.line(1, `Service Account:\t${spec.serviceAccountName}`);
  if ((spec.initContainers ?? []).length > 0)
    describeContainers(w, 'Init Containers', spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers ?? [], undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.line(1, `Priority Class Name:\t${spec.priorityClassName}`);
  labelsMultiline(w, 'Node-Selectors', spec.nodeSelector, '  ');
  tolerationsMultiline(w, 'Tolerations', spec.tolerations, '  ');
}

/** `Type  Status  Reason` condition tables of workloads (each type cell ends with a space, as kubectl's). */
export function workloadConditions(w: DescribeWriter, conditions: Any[] | undefined): void {
  if (!conditions || conditions.length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.line(1, '----\t------\t------');
  for (const c of conditions) w.line(1, `${c.type} \t${c.status}\t${c.reason ?? ''}`);
}
