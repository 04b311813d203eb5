/**
 * DeploymentConfigs (apps.openshift.io, deprecated but still taught): each `status.latestVersion` is a
 * ReplicationController `<dc>-<n>` rolled out by a deployer pod `<dc>-<n>-deploy`. ConfigChange starts a
 * version when the pod template changes; ImageChange (automatic) writes the ImageStreamTag's newest image
 * into the named containers; `oc rollout latest` bumps latestVersion by hand.
 */
import type { KObject, StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { keyOf, splitKey, WorkQueue } from '../controllers/workqueue';
import { deployerScript } from './deployer-log';
import { IMAGE_STREAMS, latestItem } from './registry';

export const DEPLOYMENT_CONFIGS = 'deploymentconfigs.apps.openshift.io';
export const DC_NAME = 'openshift.io/deployment-config.name';
const LATEST_VERSION = 'openshift.io/deployment-config.latest-version';
const PHASE = 'openshift.io/deployment.phase';
const ENCODED = 'openshift.io/encoded-deployment-config';
const DEPLOYER_FOR = 'openshift.io/deployer-pod-for.name';

interface ImageChangeTrigger {
  type: string;
  imageChangeParams?: {
    automatic?: boolean;
    containerNames?: string[];
    from?: { kind: string; name: string; namespace?: string };
    lastTriggeredImage?: string;
  };
}

/** `oc rollout latest`: a new version with a Manual cause. */
export function rolloutLatest(ctx: EngineContext, namespace: string, name: string): StoredObject {
  const dc = ctx.api.get(DEPLOYMENT_CONFIGS, namespace, name);
  const status = {
    ...dc.status,
    latestVersion: (dc.status?.latestVersion ?? 0) + 1,
    details: { message: 'manual change', causes: [{ type: 'Manual' }] },
  };
  return ctx.api.updateStatus({ ...dc, status });
}

export class DeploymentConfigController {
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'openshift-deploymentconfigs', (k) => this.reconcile(k), 10);
    ctx.api.watch(DEPLOYMENT_CONFIGS, undefined, (e) => {
      if (e.type !== 'DELETED') this.queue.add(keyOf(e.object));
    });
    const owner = (o: StoredObject) => o.metadata.labels?.[DC_NAME] ?? o.metadata.annotations?.[DC_NAME];
    ctx.api.watch('replicationcontrollers', undefined, (e) => {
      const dc = owner(e.object);
      if (dc) this.queue.add(`${e.object.metadata.namespace}/${dc}`);
    });
    ctx.api.watch('pods', undefined, (e) => {
      const rc = e.object.metadata.labels?.[DEPLOYER_FOR];
      if (rc) this.queue.add(`${e.object.metadata.namespace}/${rc.replace(/-\d+$/, '')}`);
    });
    // A stream's new image re-checks the DeploymentConfigs of its namespace and those that follow one of
    // its tags from another namespace.
    ctx.api.watch(IMAGE_STREAMS, undefined, (e) => {
      const ns = e.object.metadata.namespace;
      for (const dc of ctx.api.list(DEPLOYMENT_CONFIGS)) {
        const triggers: ImageChangeTrigger[] = dc.spec?.triggers ?? [];
        if (dc.metadata.namespace === ns || triggers.some((t) => t.imageChangeParams?.from?.namespace === ns))
          this.queue.add(keyOf(dc));
      }
    });
  }

  private reconcile(key: string): void {
    const { namespace = '', name } = splitKey(key);
    const dc = this.ctx.api.tryGet(DEPLOYMENT_CONFIGS, namespace, name);
    if (!dc || dc.metadata.deletionTimestamp) return;
    if (this.applyImageTriggers(dc)) return;
    const triggers: ImageChangeTrigger[] = dc.spec?.triggers ?? [];
    const rcs = this.controllersOf(dc);
    const version = dc.status?.latestVersion ?? 0;
    const latest = rcs.find((rc) => versionOf(rc) === version);
    const waitingForImage = triggers.some(
      (t) =>
        t.type === 'ImageChange' && t.imageChangeParams?.automatic && !t.imageChangeParams.lastTriggeredImage,
    );
    const configChange = triggers.some((t) => t.type === 'ConfigChange');
    const imageChange = triggers.some((t) => t.type === 'ImageChange' && t.imageChangeParams?.automatic);
    const templateChanged =
      latest !== undefined && encodedTemplate(latest) !== JSON.stringify(dc.spec.template);
    if (
      !waitingForImage &&
      ((version === 0 && (configChange || imageChange)) || (templateChanged && (configChange || imageChange)))
    ) {
      const cause = configChange ? 'ConfigChange' : 'ImageChange';
      this.ctx.api.updateStatus(
        {
          ...dc,
          status: {
            ...dc.status,
            latestVersion: version + 1,
            details: {
              message: cause === 'ConfigChange' ? 'config change' : 'image change',
              causes: [{ type: cause }],
            },
          },
        },
        { internal: true },
      );
      return;
    }
    if (version > 0 && !latest) {
      this.createVersion(dc, version);
      return;
    }
    if (latest) this.progress(dc, latest, rcs);
    this.syncStatus(dc, rcs);
  }

  /** Automatic ImageChange triggers: put the tag's newest image into the named containers. */
  private applyImageTriggers(dc: StoredObject): boolean {
    const triggers: ImageChangeTrigger[] = dc.spec?.triggers ?? [];
    let containers: { name: string; image: string }[] = dc.spec.template?.spec?.containers ?? [];
    let changed = false;
    const next = triggers.map((t) => {
      const p = t.imageChangeParams;
      if (t.type !== 'ImageChange' || !p?.automatic || p.from?.kind !== 'ImageStreamTag') return t;
      const [stream, tag = 'latest'] = p.from.name.split(':');
      const item = latestItem(
        this.ctx.api.tryGet(IMAGE_STREAMS, p.from.namespace || dc.metadata.namespace, stream),
        tag,
      );
      if (!item || p.lastTriggeredImage === item.dockerImageReference) return t;
      containers = containers.map((c) =>
        p.containerNames?.includes(c.name) ? { ...c, image: item.dockerImageReference } : c,
      );
      changed = true;
      return { ...t, imageChangeParams: { ...p, lastTriggeredImage: item.dockerImageReference } };
    });
    if (!changed) return false;
    const template = { ...dc.spec.template, spec: { ...dc.spec.template.spec, containers } };
    this.ctx.api.update({ ...dc, spec: { ...dc.spec, triggers: next, template } }, { internal: true });
    return true;
  }

  private controllersOf(dc: StoredObject): StoredObject[] {
    return this.ctx.api
      .list('replicationcontrollers', { namespace: dc.metadata.namespace })
      .filter((rc) => rc.metadata.annotations?.[DC_NAME] === dc.metadata.name)
      .sort((a, b) => versionOf(a) - versionOf(b));
  }

  private createVersion(dc: StoredObject, version: number): void {
    const name = `${dc.metadata.name}-${version}`;
    const selector = { ...(dc.spec.selector ?? {}), deployment: name, deploymentconfig: dc.metadata.name };
    const { status: _status, ...withoutStatus } = dc;
    const template = dc.spec.template ?? {};
    const rc: KObject = {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: {
        name,
        namespace: dc.metadata.namespace,
        labels: { ...(dc.metadata.labels ?? {}), [DC_NAME]: dc.metadata.name },
        annotations: {
          [DC_NAME]: dc.metadata.name,
          [LATEST_VERSION]: String(version),
          [PHASE]: 'New',
          [ENCODED]: JSON.stringify(withoutStatus),
          'openshift.io/deployer-pod.name': `${name}-deploy`,
          'openshift.io/deployment.status-reason': dc.status?.details?.message ?? 'config change',
        },
        ownerReferences: [
          {
            apiVersion: 'apps.openshift.io/v1',
            kind: 'DeploymentConfig',
            name: dc.metadata.name,
            uid: dc.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: 0,
        selector,
        template: {
          ...template,
          metadata: {
            ...(template.metadata ?? {}),
            labels: {
              ...(template.metadata?.labels ?? {}),
              deployment: name,
              deploymentconfig: dc.metadata.name,
            },
            annotations: {
              ...(template.metadata?.annotations ?? {}),
              [LATEST_VERSION]: String(version),
              [DC_NAME]: dc.metadata.name,
              'openshift.io/deployment.name': name,
            },
          },
        },
      },
    };
    const created = this.ctx.api.create(rc, { internal: true });
    this.ctx.api.create(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${name}-deploy`,
          namespace: dc.metadata.namespace,
          labels: { [DEPLOYER_FOR]: name },
          annotations: { 'openshift.io/deployment.name': name },
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'ReplicationController',
              name,
              uid: created.metadata.uid,
              controller: false,
            },
          ],
        },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'deployment',
              image: 'quay.io/openshift/origin-deployer:4.17',
              command: deployerScript({
                strategy: dc.spec.strategy?.type ?? 'Rolling',
                to: name,
                desired: dc.spec.replicas ?? 1,
                from: this.rollingFrom(dc, version),
                maxSurge: dc.spec.strategy?.rollingParams?.maxSurge,
                maxUnavailable: dc.spec.strategy?.rollingParams?.maxUnavailable,
              }),
              env: [
                { name: 'OPENSHIFT_DEPLOYMENT_NAME', value: name },
                { name: 'OPENSHIFT_DEPLOYMENT_NAMESPACE', value: dc.metadata.namespace },
              ],
            },
          ],
        },
      },
      { internal: true },
    );
  }

  /** The newest earlier version still running: what this rollout scales down. */
  private rollingFrom(dc: StoredObject, version: number): { name: string; replicas: number } | undefined {
    const active = this.controllersOf(dc)
      .filter((rc) => versionOf(rc) < version && (rc.spec?.replicas ?? 0) > 0)
      .pop();
    return active ? { name: active.metadata.name, replicas: active.spec.replicas } : undefined;
  }

  /** The deployer's work: scale the new version up, then the old ones down; record the phase. */
  private progress(dc: StoredObject, latest: StoredObject, rcs: StoredObject[]): void {
    const phase = latest.metadata.annotations?.[PHASE];
    const want = dc.spec.replicas ?? 1;
    const deployer = this.ctx.api.tryGet('pods', dc.metadata.namespace, `${latest.metadata.name}-deploy`);
    if (phase === 'New' || phase === 'Pending') {
      const running = deployer?.status?.phase === 'Running' || deployer?.status?.phase === 'Succeeded';
      if (!running) {
        if (phase === 'New') this.setPhase(latest, 'Pending');
        return;
      }
      this.setPhase(latest, 'Running');
      return;
    }
    if (phase === 'Running') {
      if ((latest.spec.replicas ?? 0) !== want) this.scale(latest, want);
      if ((latest.status?.readyReplicas ?? 0) < want) {
        if (deployer?.status?.phase === 'Failed') this.setPhase(latest, 'Failed');
        return;
      }
      for (const rc of rcs) if (rc !== latest && (rc.spec.replicas ?? 0) > 0) this.scale(rc, 0);
      // The deployment is Complete when its deployer pod has finished (printed `--> Success`).
      if (deployer && deployer.status?.phase !== 'Succeeded') {
        if (deployer.status?.phase === 'Failed') this.setPhase(latest, 'Failed');
        return;
      }
      this.setPhase(latest, 'Complete');
      return;
    }
    // After a complete rollout `oc scale dc` changes the active version's size.
    if (phase === 'Complete' && (latest.spec.replicas ?? 0) !== want) this.scale(latest, want);
  }

  private setPhase(rc: StoredObject, phase: string): void {
    const cur = this.ctx.api.get('replicationcontrollers', rc.metadata.namespace, rc.metadata.name);
    this.ctx.api.update(
      { ...cur, metadata: { ...cur.metadata, annotations: { ...cur.metadata.annotations, [PHASE]: phase } } },
      { internal: true },
    );
  }

  private scale(rc: StoredObject, replicas: number): void {
    const cur = this.ctx.api.get('replicationcontrollers', rc.metadata.namespace, rc.metadata.name);
    this.ctx.api.update({ ...cur, spec: { ...cur.spec, replicas } }, { internal: true });
  }

  private syncStatus(dc: StoredObject, rcs: StoredObject[]): void {
    const sum = (f: (rc: StoredObject) => number) => rcs.reduce((s, rc) => s + f(rc), 0);
    const latest = rcs.find((rc) => versionOf(rc) === (dc.status?.latestVersion ?? 0));
    const replicas = sum((rc) => rc.status?.replicas ?? 0);
    const ready = sum((rc) => rc.status?.readyReplicas ?? 0);
    const available = sum((rc) => rc.status?.availableReplicas ?? 0);
    const status = {
      ...dc.status,
      observedGeneration: dc.metadata.generation ?? 1,
      replicas,
      readyReplicas: ready,
      availableReplicas: available,
      updatedReplicas: latest?.status?.replicas ?? 0,
      unavailableReplicas: Math.max(0, replicas - available),
    };
    if (JSON.stringify(status) !== JSON.stringify(dc.status))
      this.ctx.api.updateStatus({ ...dc, status }, { internal: true });
  }
}

function versionOf(rc: StoredObject): number {
  return Number(rc.metadata.annotations?.[LATEST_VERSION] ?? 0);
}

function encodedTemplate(rc: StoredObject): string {
  try {
    return JSON.stringify(JSON.parse(rc.metadata.annotations?.[ENCODED] ?? '{}').spec?.template);
  } catch {
    return '';
  }
}
