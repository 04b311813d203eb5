/**
 * The Job controller (pkg/controller/job, non-indexed completion mode): keeps up to `parallelism` pods
 * running until `completions` succeed, tracking finished pods with the job-tracking finalizer; replaces
 * failed pods after the exponential back-off; fails the Job past backoffLimit or activeDeadlineSeconds;
 * honours suspend; writes status (active, ready, terminating, succeeded, failed, conditions, times) and the
 * real events.
 */
import { fromLabelSelector } from '../../api/selectors';
import type { StoredObject, WatchEvent } from '../../api/types';
import type { Component, EngineContext } from '../../context';
import { parseISO } from '../../sim/clock';
import { deepEqual } from '../../util/objects';
import { claim, controllerKeys } from '../common/claim';
import { controllerRefOf, newControllerRef } from '../common/owners';
import { podFromTemplate } from '../common/pod-template';
import { isPodReady } from '../common/pods';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../common/slow-start';
import { splitKey, WorkQueue } from '../workqueue';
import { formatIndexes, indexesToStart, indexOf, isIndexed, parseIndexes, withIndex } from './indexed';
import {
  BACKOFF_LIMIT_EXCEEDED,
  type BackoffRecord,
  COMPLETIONS_REACHED,
  DEADLINE_EXCEEDED,
  type Finish,
  finishedCondition,
  interimCondition,
  interimType,
  JOB_TRACKING_FINALIZER,
  type JobCondition,
  jobCondition,
  MAX_POD_CREATE_DELETE_PER_SYNC,
  pastBackoffLimitOnFailure,
  remainingBackoffMs,
  withCondition,
} from './job-status';

export const JOBS = 'jobs.batch';
const SOURCE = { component: 'job-controller' };

const isTerminal = (p: StoredObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const hasFinalizer = (p: StoredObject) => (p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);

export class JobController {
  readonly queue: WorkQueue;
  private backoff = new Map<string, BackoffRecord>();
  /** Pods with the tracking finalizer whose Job may be gone. */
  readonly orphans: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'job-controller', (key) => this.reconcile(key));
    this.orphans = new WorkQueue(ctx.clock, 'job-controller:orphan-pods', (key) => this.releaseOrphan(key));
    ctx.api.watch(JOBS, undefined, (e) => {
      const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
      if (e.type === 'DELETED') this.backoff.delete(key);
      this.queue.add(key);
    });
    ctx.api.watch('pods', undefined, (e: WatchEvent) => {
      for (const k of controllerKeys(e.object, e.old, 'Job')) this.queue.add(k);
      // A tracked pod whose Job is gone keeps its finalizer until we take it off (handleOrphanPod).
      if (e.type !== 'DELETED' && hasFinalizer(e.object))
        this.orphans.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    for (const j of ctx.api.store.list(JOBS)) this.queue.add(`${j.metadata.namespace}/${j.metadata.name}`);
  }

  private event(job: StoredObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(job, type, reason, message, SOURCE);
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { api, clock } = this.ctx;
    let job = api.store.get(JOBS, namespace, name);
    if (!job) return;
    const now = clock.nowISO();
    const nowMs = clock.now();
    const pods = claim(api, job, 'pods', 'Pod', fromLabelSelector(job.spec?.selector));
    const alreadyFinished = finishedCondition(job);

    // Count pods that finished since the last sync (those still carrying the tracking finalizer).
    const newSucceeded: StoredObject[] = [];
    const newFailed: StoredObject[] = [];
    const release: StoredObject[] = [];
    for (const p of pods) {
      if (!hasFinalizer(p)) continue;
      const failed =
        p.status?.phase === 'Failed' ||
        (Boolean(p.metadata.deletionTimestamp) && p.status?.phase !== 'Succeeded');
      if (p.status?.phase === 'Succeeded') newSucceeded.push(p);
      else if (failed) newFailed.push(p);
      if (isTerminal(p) || failed || alreadyFinished || job.metadata.deletionTimestamp) release.push(p);
    }
    const st = job.status ?? {};
    // Indexed Jobs count each index once, however many of its pods succeed.
    const completedIndexes = parseIndexes(st.completedIndexes);
    const completionsLimit: number = job.spec?.completions ?? 1;
    let indexedNew = 0;
    if (isIndexed(job)) {
      for (const p of newSucceeded) {
        const i = indexOf(p);
        if (i !== undefined && i < completionsLimit && !completedIndexes.has(i)) {
          completedIndexes.add(i);
          indexedNew++;
        }
      }
    }
    const succeeded: number = (st.succeeded ?? 0) + (isIndexed(job) ? indexedNew : newSucceeded.length);
    const failed: number = (st.failed ?? 0) + newFailed.length;
    this.recordBackoff(key, newSucceeded.length, newFailed.length, nowMs);

    let active = pods.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
    let conditions = (st.conditions ?? []) as JobCondition[];
    let startTime: string | undefined = st.startTime;
    const suspended = job.spec?.suspend === true;
    let finish: Finish | undefined;
    const interim = interimCondition(job);
    if (alreadyFinished || job.metadata.deletionTimestamp) {
      finish = undefined;
    } else if (interim) {
      finish =
        interim.type === 'SuccessCriteriaMet'
          ? COMPLETIONS_REACHED
          : { type: 'Failed', reason: interim.reason, message: interim.message };
    } else {
      finish = this.finishReason(job, succeeded, failed, active, startTime, nowMs);
    }

    if (!alreadyFinished && !job.metadata.deletionTimestamp) {
      if (finish) {
        // The Job is done: its remaining pods go, then the terminal condition follows.
        for (const p of active) this.deletePod(job, p);
        active = [];
        conditions = withCondition(
          conditions,
          jobCondition(interimType(finish), 'True', finish.reason, finish.message, now),
        );
      } else if (suspended) {
        for (const p of active) this.deletePod(job, p);
        active = [];
        if (!conditions.some((c) => c.type === 'Suspended' && c.status === 'True')) {
          conditions = withCondition(
            conditions,
            jobCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', now),
          );
          this.event(job, 'Normal', 'Suspended', 'Job suspended');
        }
      } else {
        if (conditions.some((c) => c.type === 'Suspended' && c.status === 'True')) {
          conditions = withCondition(
            conditions,
            jobCondition('Suspended', 'False', 'JobResumed', 'Job resumed', now),
          );
          this.event(job, 'Normal', 'Resumed', 'Job resumed');
          startTime = now;
          // Pods the suspension stopped are not failures to back off from.
          this.backoff.delete(key);
        }
        startTime ??= now;
        active = this.manageActive(job, key, active, succeeded, nowMs, completedIndexes);
        const ads: number | undefined = job.spec?.activeDeadlineSeconds;
        if (ads !== undefined)
          this.queue.addAfter(key, Math.max(1, parseISO(startTime) + ads * 1000 - nowMs));
      }
    }

    let completionTime: string | undefined = st.completionTime;
    const stillTerminating = this.terminatingCount(job);
    if (finish && stillTerminating === 0 && !alreadyFinished) {
      conditions = withCondition(
        conditions,
        jobCondition(finish.type, 'True', finish.reason, finish.message, now),
      );
      if (finish.type === 'Complete') {
        completionTime = now;
        this.event(job, 'Normal', 'Completed', 'Job completed');
      } else this.event(job, 'Warning', finish.reason, finish.message);
    }

    const status: Record<string, unknown> = {
      ...(conditions.length ? { conditions } : {}),
      ...(startTime ? { startTime } : {}),
      ...(completionTime ? { completionTime } : {}),
      ...(active.length ? { active: active.length } : {}),
      ...(succeeded ? { succeeded } : {}),
      ...(failed ? { failed } : {}),
      ...(isIndexed(job) && completedIndexes.size
        ? { completedIndexes: formatIndexes(completedIndexes) }
        : {}),
      terminating: stillTerminating,
      uncountedTerminatedPods: {},
      ready: active.filter(isPodReady).length,
    };
    if (!deepEqual(st, status)) {
      try {
        job = api.updateStatus({ ...job, status });
      } catch {
        return;
      }
    }
    for (const p of release) this.removeFinalizer(p);
  }

  private finishReason(
    job: StoredObject,
    succeeded: number,
    failed: number,
    active: StoredObject[],
    startTime: string | undefined,
    nowMs: number,
  ): Finish | undefined {
    const completions: number | undefined = job.spec?.completions ?? undefined;
    if (completions !== undefined && succeeded >= completions) return COMPLETIONS_REACHED;
    if (completions === undefined && succeeded > 0 && active.length === 0) return COMPLETIONS_REACHED;
    const limit: number = job.spec?.backoffLimit ?? 6;
    if (failed > limit || pastBackoffLimitOnFailure(job, active)) return BACKOFF_LIMIT_EXCEEDED;
    const ads: number | undefined = job.spec?.activeDeadlineSeconds;
    if (
      ads !== undefined &&
      startTime &&
      parseISO(startTime) + ads * 1000 <= nowMs &&
      job.spec?.suspend !== true
    )
      return DEADLINE_EXCEEDED;
    return undefined;
  }

  /** manageJob for NonIndexed: bring active pods to min(parallelism, completions - succeeded). */
  private manageActive(
    job: StoredObject,
    key: string,
    active: StoredObject[],
    succeeded: number,
    nowMs: number,
    done: Set<number>,
  ): StoredObject[] {
    const parallelism: number = job.spec?.parallelism ?? 1;
    const completions: number | undefined = job.spec?.completions ?? undefined;
    let want: number;
    if (completions === undefined) want = succeeded > 0 ? active.length : parallelism;
    else want = Math.max(0, Math.min(completions - succeeded, parallelism));
    if (active.length > want) {
      // Not yet running pods go first, then the newest.
      const ranked = [...active].sort(
        (a, b) =>
          Number(a.status?.phase === 'Running') - Number(b.status?.phase === 'Running') ||
          (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : -1),
      );
      const gone = new Set(ranked.slice(0, active.length - want));
      for (const p of gone) this.deletePod(job, p);
      return active.filter((p) => !gone.has(p));
    }
    if (active.length < want) {
      const wait = remainingBackoffMs(this.backoff.get(key), nowMs);
      if (wait > 0) {
        this.queue.addAfter(key, wait);
        return active;
      }
      const diff = Math.min(want - active.length, MAX_POD_CREATE_DELETE_PER_SYNC);
      const ref = newControllerRef(job);
      const template = job.spec?.template ?? {};
      const created: StoredObject[] = [];
      const indexes = isIndexed(job) ? indexesToStart(completions ?? 1, done, active, diff) : [];
      let next = 0;
      slowStartBatch(isIndexed(job) ? indexes.length : diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
        let pod = podFromTemplate(template, job, ref);
        if (isIndexed(job)) pod = withIndex(pod, job, indexes[next++]);
        pod.metadata.finalizers = [...(pod.metadata.finalizers ?? []), JOB_TRACKING_FINALIZER];
        try {
          const p = this.ctx.api.create(pod);
          created.push(p);
          this.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name}`);
        } catch (err) {
          const message = (err as Error).message;
          if (message.includes('because it is being terminated')) return;
          this.event(job, 'Warning', 'FailedCreate', `Error creating: ${message}`);
          throw err;
        }
      });
      return [...active, ...created];
    }
    return active;
  }

  private recordBackoff(key: string, newSucceeded: number, newFailed: number, nowMs: number): void {
    const old = this.backoff.get(key) ?? { failuresAfterLastSuccess: 0 };
    if (newSucceeded > 0) this.backoff.set(key, { failuresAfterLastSuccess: 0 });
    else if (newFailed > 0)
      this.backoff.set(key, {
        failuresAfterLastSuccess: old.failuresAfterLastSuccess + newFailed,
        lastFailureMs: nowMs,
      });
  }

  private terminatingCount(job: StoredObject): number {
    let n = 0;
    for (const p of this.ctx.api.dependents(job.metadata.uid))
      if (p.kind === 'Pod' && p.metadata.deletionTimestamp && !isTerminal(p)) n++;
    return n;
  }

  private deletePod(job: StoredObject, pod: StoredObject): void {
    try {
      this.ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name);
      this.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    } catch (err) {
      if ((err as { code?: number }).code !== 404)
        this.event(job, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
    }
  }

  /** Take the tracking finalizer off a pod whose Job no longer exists, so it can go. */
  private releaseOrphan(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.ctx.api.store.get('pods', namespace, name);
    if (!pod || !hasFinalizer(pod)) return;
    const ref = controllerRefOf(pod);
    const job = ref?.kind === 'Job' ? this.ctx.api.store.get(JOBS, namespace, ref.name) : undefined;
    if (job && job.metadata.uid === ref?.uid) return;
    this.removeFinalizer(pod);
  }

  private removeFinalizer(pod: StoredObject): void {
    const cur = this.ctx.api.store.get('pods', pod.metadata.namespace, pod.metadata.name);
    if (!cur || !hasFinalizer(cur)) return;
    try {
      this.ctx.api.update({
        ...cur,
        metadata: {
          ...cur.metadata,
          finalizers: (cur.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER),
        },
      });
    } catch {
      // Gone meanwhile.
    }
  }
}

export const jobController: Component = {
  name: 'job-controller',
  start(ctx) {
    ctx.services.set('job-controller', new JobController(ctx));
  },
};
