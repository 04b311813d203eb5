/**
 * Indexed completion mode (pkg/controller/job/indexed_job_utils.go): one completion per index
 * 0..completions-1, pods named `<job>-<index>-<5 chars>` with the completion-index annotation and label,
 * hostname `<job>-<index>`, a JOB_COMPLETION_INDEX variable, and status.completedIndexes as ranges ("0-2,4").
 */
import type { KObject, StoredObject } from '../../api/types';

export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

export function isIndexed(job: StoredObject): boolean {
  return job.spec?.completionMode === 'Indexed';
}

export function indexOf(pod: StoredObject): number | undefined {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX] ?? pod.metadata.labels?.[COMPLETION_INDEX];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Parse "0-2,4" into a set of indexes. */
export function parseIndexes(text: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-').map(Number);
    for (let i = a; i <= (b ?? a); i++) out.add(i);
  }
  return out;
}

export function formatIndexes(indexes: Set<number>): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The indexes still to run, lowest first, that no active pod holds. */
export function indexesToStart(
  completions: number,
  done: Set<number>,
  active: StoredObject[],
  want: number,
): number[] {
  const held = new Set(active.map(indexOf));
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < want; i++) if (!done.has(i) && !held.has(i)) out.push(i);
  return out;
}

/** Stamp a pod built from the Job's template with its completion index. */
export function withIndex(pod: KObject, job: StoredObject, index: number): KObject {
  const i = String(index);
  const env = {
    name: 'JOB_COMPLETION_INDEX',
    valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX}']` } },
  };
  const addEnv = (cs: { env?: { name: string }[] }[] | undefined) =>
    cs?.map((c) => (c.env?.some((e) => e.name === env.name) ? c : { ...c, env: [...(c.env ?? []), env] }));
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      generateName: `${job.metadata.name}-${i}-`,
      labels: { ...pod.metadata.labels, [COMPLETION_INDEX]: i },
      annotations: { ...pod.metadata.annotations, [COMPLETION_INDEX]: i },
    },
    spec: {
      ...pod.spec,
      hostname: `${job.metadata.name}-${i}`,
      containers: addEnv(pod.spec.containers),
      ...(pod.spec.initContainers ? { initContainers: addEnv(pod.spec.initContainers) } : {}),
    },
  };
}
