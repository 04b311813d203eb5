/**
 * Job conditions and back-off (pkg/controller/job): the terminal conditions with the interim
 * SuccessCriteriaMet / FailureTarget that 1.31+ sets first, and the pod failure back-off (10 s doubling per
 * failure since the last success). The documentation says the back-off is capped at six minutes; the
 * controller's code (MaxJobPodFailureBackOff) caps it at ten, and that is what a cluster does.
 */
import type { StoredObject } from '../../api/types';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const DEFAULT_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 600_000;
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

export interface JobCondition {
  type: string;
  status: 'True' | 'False';
  lastProbeTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface Finish {
  /** 'Complete' or 'Failed'. */
  type: 'Complete' | 'Failed';
  reason: string;
  message: string;
}

export const COMPLETIONS_REACHED: Finish = {
  type: 'Complete',
  reason: 'CompletionsReached',
  message: 'Reached expected number of succeeded pods',
};
export const BACKOFF_LIMIT_EXCEEDED: Finish = {
  type: 'Failed',
  reason: 'BackoffLimitExceeded',
  message: 'Job has reached the specified backoff limit',
};
export const DEADLINE_EXCEEDED: Finish = {
  type: 'Failed',
  reason: 'DeadlineExceeded',
  message: 'Job was active longer than specified deadline',
};

export function interimType(f: Finish): string {
  return f.type === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget';
}

export function jobCondition(
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  now: string,
): JobCondition {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
}

/** Add or update a condition; an unchanged one keeps its times. */
export function withCondition(conds: JobCondition[], c: JobCondition): JobCondition[] {
  const i = conds.findIndex((x) => x.type === c.type);
  if (i < 0) return [...conds, c];
  const cur = conds[i];
  if (cur.status === c.status && cur.reason === c.reason && cur.message === c.message) return conds;
  const next = [...conds];
  next[i] = cur.status === c.status ? { ...c, lastTransitionTime: cur.lastTransitionTime } : c;
  return next;
}

export function finishedCondition(job: StoredObject): JobCondition | undefined {
  return ((job.status?.conditions ?? []) as JobCondition[]).find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

export function interimCondition(job: StoredObject): JobCondition | undefined {
  return ((job.status?.conditions ?? []) as JobCondition[]).find(
    (c) => (c.type === 'SuccessCriteriaMet' || c.type === 'FailureTarget') && c.status === 'True',
  );
}

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureMs?: number;
}

/** How long until the next replacement pod may be created. */
export function remainingBackoffMs(record: BackoffRecord | undefined, nowMs: number): number {
  if (!record || record.failuresAfterLastSuccess === 0 || record.lastFailureMs === undefined) return 0;
  let backoff = DEFAULT_POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= MAX_POD_FAILURE_BACKOFF_MS) {
      backoff = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = nowMs - record.lastFailureMs;
  return backoff < elapsed ? 0 : backoff - elapsed;
}

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts count against the limit. */
export function pastBackoffLimitOnFailure(job: StoredObject, active: StoredObject[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  const limit: number = job.spec?.backoffLimit ?? 6;
  let restarts = 0;
  for (const p of active) {
    for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])] as {
      restartCount?: number;
    }[]) {
      restarts += s.restartCount ?? 0;
    }
  }
  return limit === 0 ? restarts > 0 : restarts >= limit;
}
