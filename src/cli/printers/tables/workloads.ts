/** Tables of the workload kinds: deployments, replica sets, stateful sets, daemon sets, jobs, cron jobs... */
import type { StoredObject } from '../../../engine/api/types';
import { parseRFC3339 } from '../../../engine/sim/timefmt';
import { humanDurationImpl } from '../duration';
import {
  age,
  boolPtr,
  containerCells,
  controllerOf,
  formatLabelSelector,
  formatLabels,
  groupOf,
  kindPrefix,
  selectorString,
} from '../format';
import { AGE, NAME, type TableHandler, WIDE } from './types';

type Any = any;

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const TEMPLATE_WIDE = [WIDE('Containers'), WIDE('Images'), WIDE('Selector')];

export const deploymentTable: TableHandler = {
  columns: [NAME, { name: 'Ready' }, { name: 'Up-to-date' }, { name: 'Available' }, AGE, ...TEMPLATE_WIDE],
  row(o, now) {
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name,
      `${num(o.status?.readyReplicas)}/${num(o.spec?.replicas)}`,
      num(o.status?.updatedReplicas),
      num(o.status?.availableReplicas),
      age(o.metadata.creationTimestamp, now),
      names,
      images,
      selectorString(o.spec?.selector),
    ];
  },
};

/** ReplicaSets and ReplicationControllers share DESIRED CURRENT READY. */
function replicaTable(selector: (o: StoredObject) => string): TableHandler {
  return {
    columns: [NAME, { name: 'Desired' }, { name: 'Current' }, { name: 'Ready' }, AGE, ...TEMPLATE_WIDE],
    row(o, now) {
      const [names, images] = containerCells(o.spec?.template?.spec?.containers);
      return [
        o.metadata.name,
        num(o.spec?.replicas),
        num(o.status?.replicas),
        num(o.status?.readyReplicas),
        age(o.metadata.creationTimestamp, now),
        names,
        images,
        selector(o),
      ];
    },
  };
}

export const replicaSetTable = replicaTable((o) => selectorString(o.spec?.selector));
export const replicationControllerTable = replicaTable((o) => formatLabels(o.spec?.selector));

export const statefulSetTable: TableHandler = {
  columns: [NAME, { name: 'Ready' }, AGE, WIDE('Containers'), WIDE('Images')],
  row(o, now) {
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name,
      `${num(o.status?.readyReplicas)}/${num(o.spec?.replicas)}`,
      age(o.metadata.creationTimestamp, now),
      names,
      images,
    ];
  },
};

export const daemonSetTable: TableHandler = {
  columns: [
    NAME,
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    { name: 'Node Selector' },
    AGE,
    ...TEMPLATE_WIDE,
  ],
  row(o, now) {
    const s: Any = o.status ?? {};
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name,
      num(s.desiredNumberScheduled),
      num(s.currentNumberScheduled),
      num(s.numberReady),
      num(s.updatedNumberScheduled),
      num(s.numberAvailable),
      formatLabels(o.spec?.template?.spec?.nodeSelector),
      age(o.metadata.creationTimestamp, now),
      names,
      images,
      selectorString(o.spec?.selector),
    ];
  },
};

function hasCondition(o: StoredObject, type: string): boolean {
  return (o.status?.conditions ?? []).some((c: Any) => c.type === type && c.status === 'True');
}

/** The Job STATUS cell kubectl 1.30+ prints. */
export function jobStatus(o: StoredObject): string {
  if (hasCondition(o, 'Complete')) return 'Complete';
  if (hasCondition(o, 'Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(o, 'Suspended')) return 'Suspended';
  if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(o, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

export function jobCompletions(o: StoredObject): string {
  const succeeded = num(o.status?.succeeded);
  if (typeof o.spec?.completions === 'number') return `${succeeded}/${o.spec.completions}`;
  const parallelism = num(o.spec?.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

export const jobTable: TableHandler = {
  columns: [NAME, { name: 'Status' }, { name: 'Completions' }, { name: 'Duration' }, AGE, ...TEMPLATE_WIDE],
  row(o, now) {
    const start = o.status?.startTime ? parseRFC3339(o.status.startTime) : Number.NaN;
    const end = o.status?.completionTime ? parseRFC3339(o.status.completionTime) : Number.NaN;
    let duration = '';
    if (!Number.isNaN(start)) duration = humanDurationImpl((Number.isNaN(end) ? now : end) - start);
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name,
      jobStatus(o),
      jobCompletions(o),
      duration,
      age(o.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(o.spec?.selector),
    ];
  },
};

export const cronJobTable: TableHandler = {
  columns: [
    NAME,
    { name: 'Schedule' },
    { name: 'Timezone' },
    { name: 'Suspend' },
    { name: 'Active' },
    { name: 'Last Schedule' },
    AGE,
    ...TEMPLATE_WIDE,
  ],
  row(o, now) {
    const jobSpec: Any = o.spec?.jobTemplate?.spec ?? {};
    const [names, images] = containerCells(jobSpec.template?.spec?.containers);
    return [
      o.metadata.name,
      o.spec?.schedule ?? '',
      o.spec?.timeZone ?? '<none>',
      boolPtr(o.spec?.suspend),
      (o.status?.active ?? []).length,
      o.status?.lastScheduleTime ? age(o.status.lastScheduleTime, now) : '<none>',
      age(o.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(jobSpec.selector),
    ];
  },
};

/** HPA TARGETS: `cpu: 10%/50%`, at most two metrics then ` + N more...`. */
export function hpaTargets(o: StoredObject): string {
  const specs: Any[] = o.spec?.metrics ?? [];
  const statuses: Any[] = o.status?.currentMetrics ?? [];
  if (specs.length === 0) return '<none>';
  const list = specs.map((spec, i) => hpaMetric(spec, statuses[i]));
  const max = 2;
  const shown = list.slice(0, max).join(', ');
  return list.length > max ? `${shown} + ${list.length - max} more...` : shown;
}

function hpaMetric(spec: Any, status: Any): string {
  const target = (t: Any) => t?.averageValue ?? t?.value ?? '';
  switch (spec.type) {
    case 'External': {
      const cur = status?.external?.current;
      if (spec.external?.target?.averageValue !== undefined)
        return `${cur?.averageValue ?? '<unknown>'}/${spec.external.target.averageValue} (avg)`;
      return `${cur?.value ?? '<unknown>'}/${spec.external?.target?.value}`;
    }
    case 'Pods':
      return `${status?.pods?.current?.averageValue ?? '<unknown>'}/${spec.pods?.target?.averageValue}`;
    case 'Object': {
      const cur = status?.object?.current;
      if (spec.object?.target?.averageValue !== undefined)
        return `${cur?.averageValue ?? '<unknown>'}/${spec.object.target.averageValue} (avg)`;
      return `${cur?.value ?? '<unknown>'}/${target(spec.object?.target)}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
      const cur = spec.type === 'Resource' ? status?.resource : status?.containerResource;
      if (src?.target?.averageValue !== undefined)
        return `${src.name}: ${cur?.current?.averageValue ?? '<unknown>'}/${src.target.averageValue}`;
      const current =
        cur && typeof cur.current?.averageUtilization === 'number'
          ? `${cur.current.averageUtilization}%`
          : '<unknown>';
      const tgt =
        typeof src?.target?.averageUtilization === 'number' ? `${src.target.averageUtilization}%` : '<auto>';
      return `${src?.name}: ${current}/${tgt}`;
    }
    default:
      return '<unknown type>';
  }
}

export const hpaTable: TableHandler = {
  columns: [
    NAME,
    { name: 'Reference' },
    { name: 'Targets' },
    { name: 'MinPods' },
    { name: 'MaxPods' },
    { name: 'Replicas' },
    AGE,
  ],
  row(o, now) {
    const ref: Any = o.spec?.scaleTargetRef ?? {};
    return [
      o.metadata.name,
      `${ref.kind}/${ref.name}`,
      hpaTargets(o),
      typeof o.spec?.minReplicas === 'number' ? String(o.spec.minReplicas) : '<unset>',
      num(o.spec?.maxReplicas),
      num(o.status?.currentReplicas),
      age(o.metadata.creationTimestamp, now),
    ];
  },
};

export const pdbTable: TableHandler = {
  columns: [
    NAME,
    { name: 'Min Available' },
    { name: 'Max Unavailable' },
    { name: 'Allowed Disruptions' },
    AGE,
  ],
  row(o, now) {
    const str = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v));
    return [
      o.metadata.name,
      str(o.spec?.minAvailable),
      str(o.spec?.maxUnavailable),
      num(o.status?.disruptionsAllowed),
      age(o.metadata.creationTimestamp, now),
    ];
  },
};

export const controllerRevisionTable: TableHandler = {
  columns: [NAME, { name: 'Controller' }, { name: 'Revision' }, AGE],
  row(o, now) {
    const ref = controllerOf(o.metadata);
    const controller = ref ? `${kindPrefix(ref.kind, groupOf(ref.apiVersion))}/${ref.name}` : '<none>';
    return [o.metadata.name, controller, num(o.revision), age(o.metadata.creationTimestamp, now)];
  },
};
