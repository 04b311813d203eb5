/**
 * Image triggers on Kubernetes workloads: a Deployment (or StatefulSet, DaemonSet, CronJob) annotated
 * `image.openshift.io/triggers` gets the container image the annotation names set to the ImageStreamTag's
 * newest image, so a push from a build rolls it out.
 */
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { keyOf, splitKey, WorkQueue } from '../controllers/workqueue';
import { IMAGE_STREAMS, latestItem } from './registry';

export const TRIGGERS_ANNOTATION = 'image.openshift.io/triggers';
const WORKLOADS = ['deployments.apps', 'statefulsets.apps', 'daemonsets.apps'];

interface ImageTrigger {
  from: { kind: string; name: string; namespace?: string };
  fieldPath: string;
  paused?: boolean;
}

export function parseTriggers(obj: StoredObject): ImageTrigger[] {
  const raw = obj.metadata.annotations?.[TRIGGERS_ANNOTATION];
  if (!raw) return [];
  try {
    const v = JSON.parse(raw);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

export class ImageTriggerController {
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'openshift-image-triggers', (k) => this.reconcile(k), 10);
    for (const r of WORKLOADS) {
      ctx.api.watch(r, undefined, (e) => {
        if (e.type !== 'DELETED' && e.object.metadata.annotations?.[TRIGGERS_ANNOTATION])
          this.queue.add(`${r}|${keyOf(e.object)}`);
      });
    }
    ctx.api.watch(IMAGE_STREAMS, undefined, (e) => {
      for (const r of WORKLOADS) {
        for (const w of ctx.api.list(r, { namespace: e.object.metadata.namespace })) {
          if (w.metadata.annotations?.[TRIGGERS_ANNOTATION]) this.queue.add(`${r}|${keyOf(w)}`);
        }
      }
    });
  }

  private reconcile(key: string): void {
    const [resource, rest] = key.split('|');
    const { namespace = '', name } = splitKey(rest);
    const obj = this.ctx.api.tryGet(resource, namespace, name);
    if (!obj) return;
    let containers = obj.spec?.template?.spec?.containers ?? [];
    let initContainers = obj.spec?.template?.spec?.initContainers;
    let changed = false;
    for (const t of parseTriggers(obj)) {
      if (t.paused || t.from?.kind !== 'ImageStreamTag') continue;
      const [stream, tag = 'latest'] = t.from.name.split(':');
      const item = latestItem(this.ctx.api.tryGet(IMAGE_STREAMS, t.from.namespace || namespace, stream), tag);
      if (!item) continue;
      const m = /containers\[\?\(@\.name=="([^"]+)"\)\]\.image$/.exec(t.fieldPath);
      const m2 = /containers\[(\d+)\]\.image$/.exec(t.fieldPath);
      const init = t.fieldPath.includes('initContainers');
      const list = init ? (initContainers ?? []) : containers;
      const idx = m ? list.findIndex((c: { name: string }) => c.name === m[1]) : m2 ? Number(m2[1]) : -1;
      if (idx < 0 || idx >= list.length || list[idx].image === item.dockerImageReference) continue;
      const next = list.map((c: object, i: number) =>
        i === idx ? { ...c, image: item.dockerImageReference } : c,
      );
      if (init) initContainers = next;
      else containers = next;
      changed = true;
    }
    if (!changed) return;
    const podSpec = { ...obj.spec.template.spec, containers, ...(initContainers ? { initContainers } : {}) };
    this.ctx.api.update(
      { ...obj, spec: { ...obj.spec, template: { ...obj.spec.template, spec: podSpec } } },
      { internal: true },
    );
  }
}
