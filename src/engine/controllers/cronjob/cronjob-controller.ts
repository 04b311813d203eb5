/**
 * The CronJob controller (pkg/controller/cronjob, v2): on the virtual clock, creates Job
 * `<cronjob>-<scheduled time in minutes>` for the most recent schedule time, honouring suspend,
 * startingDeadlineSeconds and concurrencyPolicy (Allow / Forbid / Replace); tracks status.active,
 * lastScheduleTime and lastSuccessfulTime; trims finished Jobs to the history limits; records the real events.
 */
import type { KObject, StoredObject } from '../../api/types';
import type { Component, EngineContext } from '../../context';
import { isoSeconds, parseISO } from '../../sim/clock';
import { deepEqual } from '../../util/objects';
import { ownedBy } from '../common/claim';
import { cloneJson } from '../common/json';
import { controllerRefOf, newControllerRef } from '../common/owners';
import { finishedCondition } from '../job/job-status';
import { splitKey, WorkQueue } from '../workqueue';
import {
  mostRecentScheduleTime,
  parseSchedule,
  rfc1123z,
  type Schedule,
  scheduledTimeInMinutes,
  scheduledTimestamp,
} from './schedule';

export const CRONJOBS = 'cronjobs.batch';
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
const SOURCE = { component: 'cronjob-controller' };

interface ActiveRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
}

export class CronJobController {
  readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'cronjob-controller', (key) => this.reconcile(key));
    ctx.api.watch(CRONJOBS, undefined, (e) =>
      this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`),
    );
    ctx.api.watch('jobs.batch', undefined, (e) => {
      const ref = controllerRefOf(e.object);
      if (ref?.kind === 'CronJob') this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    });
    for (const cj of ctx.api.store.list(CRONJOBS))
      this.queue.add(`${cj.metadata.namespace}/${cj.metadata.name}`);
  }

  private event(cj: StoredObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(cj, type, reason, message, SOURCE);
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { api, clock } = this.ctx;
    const cj = api.store.get(CRONJOBS, namespace, name);
    if (!cj) return;
    const now = clock.now();
    const jobs = ownedBy(api, cj, 'Job');
    const st = cj.status ?? {};
    let active = [...((st.active ?? []) as ActiveRef[])];
    let lastSuccessfulTime: string | undefined = st.lastSuccessfulTime;
    let lastScheduleTime: string | undefined = st.lastScheduleTime;

    const byUid = new Map(jobs.map((j) => [j.metadata.uid, j]));
    for (const j of jobs) {
      const inActive = active.some((a) => a.uid === j.metadata.uid);
      const done = finishedCondition(j);
      if (!inActive && !done) {
        this.event(
          cj,
          'Warning',
          'UnexpectedJob',
          `Saw a job that the controller did not create or forgot: ${j.metadata.name}`,
        );
      } else if (inActive && done) {
        active = active.filter((a) => a.uid !== j.metadata.uid);
        this.event(
          cj,
          'Normal',
          'SawCompletedJob',
          `Saw completed job: ${j.metadata.name}, condition: ${done.type}`,
        );
      }
      const completion: string | undefined = j.status?.completionTime;
      if (done && completion && (!lastSuccessfulTime || parseISO(completion) > parseISO(lastSuccessfulTime)))
        lastSuccessfulTime = completion;
    }
    for (const a of active) {
      if (!byUid.has(a.uid)) this.event(cj, 'Warning', 'MissingJob', `Active job went missing: ${a.name}`);
    }
    active = active.filter((a) => byUid.has(a.uid));

    if (!cj.metadata.deletionTimestamp) {
      const created = this.schedule(cj, key, active, now);
      if (created) {
        active = created.active;
        lastScheduleTime = created.lastScheduleTime ?? lastScheduleTime;
      }
      this.cleanupFinished(cj, ownedBy(api, cj, 'Job'));
    }

    const status: Record<string, unknown> = {
      ...(active.length ? { active } : {}),
      ...(lastScheduleTime ? { lastScheduleTime } : {}),
      ...(lastSuccessfulTime ? { lastSuccessfulTime } : {}),
    };
    if (deepEqual(st, status)) return;
    try {
      api.updateStatus({ ...cj, status });
    } catch {
      // Changed meanwhile.
    }
  }

  /** The scheduling half of syncCronJob. Returns the new active list when something changed. */
  private schedule(
    cj: StoredObject,
    key: string,
    active: ActiveRef[],
    now: number,
  ): { active: ActiveRef[]; lastScheduleTime?: string } | undefined {
    const { api } = this.ctx;
    let sched: Schedule;
    try {
      sched = parseSchedule(cj.spec?.schedule ?? '', cj.spec?.timeZone);
    } catch (err) {
      this.event(
        cj,
        'Warning',
        'UnparseableSchedule',
        `unparseable schedule: "${cj.spec?.schedule}" : ${(err as Error).message}`,
      );
      return undefined;
    }
    if (cj.spec?.suspend === true) return undefined;
    const requeue = (from: number) => this.queue.addAfter(key, sched.next(from) - now + 100);
    const deadline: number | undefined = cj.spec?.startingDeadlineSeconds ?? undefined;
    const last = cj.status?.lastScheduleTime ? parseISO(cj.status.lastScheduleTime) : undefined;
    const recent = mostRecentScheduleTime(
      sched,
      last,
      parseISO(cj.metadata.creationTimestamp),
      now,
      deadline,
    );
    if (recent.missed === 'many') {
      this.event(
        cj,
        'Warning',
        'TooManyMissedTimes',
        'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      );
    }
    if (recent.scheduled === undefined) {
      requeue(now);
      return undefined;
    }
    const scheduled = recent.scheduled;
    if (deadline !== undefined && scheduled + deadline * 1000 < now) {
      this.event(
        cj,
        'Warning',
        'MissSchedule',
        `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`,
      );
      requeue(now);
      return undefined;
    }
    const jobName = `${cj.metadata.name}-${scheduledTimeInMinutes(scheduled)}`;
    if (active.some((a) => a.name === jobName)) {
      requeue(now);
      return undefined;
    }
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length > 0) {
      this.event(
        cj,
        'Normal',
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
      );
      requeue(now);
      return undefined;
    }
    let next = active;
    if (policy === 'Replace') {
      for (const a of active) this.deleteJob(cj, a.name);
      next = [];
    }
    const template = cj.spec?.jobTemplate ?? {};
    const job: KObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace: cj.metadata.namespace,
        ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
        annotations: {
          ...template.metadata?.annotations,
          [SCHEDULED_TIMESTAMP_ANNOTATION]: scheduledTimestamp(scheduled, cj.spec?.timeZone),
        },
        ownerReferences: [newControllerRef(cj)],
      },
      spec: cloneJson(template.spec ?? {}),
    };
    let created: StoredObject;
    try {
      created = api.create(job);
      this.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`);
    } catch (err) {
      const e = err as { reason?: string; message: string };
      const existing =
        e.reason === 'AlreadyExists'
          ? api.store.get('jobs.batch', cj.metadata.namespace, jobName)
          : undefined;
      if (!existing || controllerRefOf(existing)?.uid !== cj.metadata.uid) {
        if (!e.message.includes('because it is being terminated'))
          this.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${e.message}`);
        requeue(now);
        return undefined;
      }
      // Already created (a resync before our status write was seen): adopt it into the active list.
      created = existing;
    }
    requeue(now);
    const ref: ActiveRef = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      name: created.metadata.name,
      namespace: created.metadata.namespace ?? '',
      uid: created.metadata.uid,
      resourceVersion: created.metadata.resourceVersion,
    };
    return {
      active: finishedCondition(created) ? next : [...next, ref],
      lastScheduleTime: isoSeconds(scheduled),
    };
  }

  private deleteJob(cj: StoredObject, name: string): void {
    try {
      this.ctx.api.delete('jobs.batch', cj.metadata.namespace, name, { propagationPolicy: 'Background' });
      this.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${name}`);
    } catch (err) {
      if ((err as { code?: number }).code !== 404)
        this.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${(err as Error).message}`);
    }
  }

  /** Keep successfulJobsHistoryLimit (3) and failedJobsHistoryLimit (1) finished Jobs, the newest by start time. */
  private cleanupFinished(cj: StoredObject, jobs: StoredObject[]): void {
    const succeeded: StoredObject[] = [];
    const failed: StoredObject[] = [];
    for (const j of jobs) {
      if (j.metadata.deletionTimestamp) continue;
      const done = finishedCondition(j);
      if (done?.type === 'Complete') succeeded.push(j);
      else if (done?.type === 'Failed') failed.push(j);
    }
    const trim = (list: StoredObject[], limit: number | undefined) => {
      if (limit === undefined || limit === null || list.length <= limit) return;
      list.sort((a, b) => startOf(a) - startOf(b) || (a.metadata.name < b.metadata.name ? -1 : 1));
      for (const j of list.slice(0, list.length - limit)) this.deleteJob(cj, j.metadata.name);
    };
    trim(succeeded, cj.spec?.successfulJobsHistoryLimit ?? 3);
    trim(failed, cj.spec?.failedJobsHistoryLimit ?? 1);
  }
}

function startOf(job: StoredObject): number {
  return job.status?.startTime ? parseISO(job.status.startTime) : Number.POSITIVE_INFINITY;
}

export const cronJobController: Component = {
  name: 'cronjob-controller',
  start(ctx) {
    ctx.services.set('cronjob-controller', new CronJobController(ctx));
  },
};
