/**
 * Projects are OpenShift's view of namespaces: every Namespace has a Project of the same name carrying
 * its display name and description annotations and its phase. This controller keeps the Project objects
 * in step with the Namespaces (creating a Project through the API creates its Namespace too).
 */
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { WorkQueue } from '../controllers/workqueue';

export const PROJECTS = 'projects.project.openshift.io';
export const DISPLAY_NAME = 'openshift.io/display-name';
export const DESCRIPTION = 'openshift.io/description';
export const REQUESTER = 'openshift.io/requester';

const MIRRORED = [DISPLAY_NAME, DESCRIPTION, REQUESTER];

export class ProjectController {
  private readonly queue: WorkQueue;
  /** Namespaces this controller has seen exist: their Project goes when they go. */
  private readonly seen = new Set<string>();

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'openshift-projects', (k) => this.reconcile(k), 1);
    ctx.api.watch('namespaces', undefined, (e) => this.queue.add(e.object.metadata.name));
    ctx.api.watch(PROJECTS, undefined, (e) => this.queue.add(e.object.metadata.name));
  }

  private reconcile(name: string): void {
    const ns = this.ctx.api.tryGet('namespaces', undefined, name);
    const project = this.ctx.api.tryGet(PROJECTS, undefined, name);
    if (!ns && project) {
      // A Project created directly (oc create -f project.yaml) asks for its Namespace.
      if (!project.metadata.deletionTimestamp && !this.seen.has(name)) {
        this.ctx.api.create(
          {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name, annotations: pick(project.metadata.annotations) },
          },
          { internal: true },
        );
      } else {
        this.seen.delete(name);
        this.ctx.api.delete(PROJECTS, undefined, name, { internal: true });
      }
      return;
    }
    if (!ns) return;
    this.seen.add(name);
    const desired = {
      apiVersion: 'project.openshift.io/v1',
      kind: 'Project',
      metadata: {
        name,
        labels: ns.metadata.labels,
        annotations: pick(ns.metadata.annotations),
      },
      spec: { finalizers: ns.spec?.finalizers ?? ['kubernetes'] },
      status: { phase: ns.status?.phase ?? 'Active' },
    };
    if (!project) {
      this.ctx.api.create(desired, { internal: true });
      return;
    }
    if (sameMeta(project, desired)) {
      if (project.status?.phase !== desired.status.phase)
        this.ctx.api.updateStatus({ ...project, status: desired.status }, { internal: true });
      return;
    }
    const updated = this.ctx.api.update(
      {
        ...project,
        metadata: {
          ...project.metadata,
          labels: desired.metadata.labels,
          annotations: desired.metadata.annotations,
        },
      },
      { internal: true },
    );
    if (updated.status?.phase !== desired.status.phase)
      this.ctx.api.updateStatus({ ...updated, status: desired.status }, { internal: true });
  }
}

function pick(annotations: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of MIRRORED) if (annotations?.[k] !== undefined) out[k] = annotations[k];
  return out;
}

function sameMeta(
  project: StoredObject,
  desired: { metadata: { labels?: unknown; annotations: unknown } },
): boolean {
  return (
    JSON.stringify(project.metadata.labels ?? {}) === JSON.stringify(desired.metadata.labels ?? {}) &&
    JSON.stringify(project.metadata.annotations ?? {}) === JSON.stringify(desired.metadata.annotations)
  );
}
