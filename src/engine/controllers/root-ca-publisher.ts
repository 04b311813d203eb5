/**
 * The root CA certificate publisher: a `kube-root-ca.crt` ConfigMap in every namespace holding the cluster
 * CA bundle (what projected service account volumes mount as ca.crt), kept as published if edited and
 * recreated if deleted.
 */
import type { KObject, StoredObject } from '../api/types';
import type { Component, EngineContext } from '../context';
import type { Rng } from '../sim/rng';
import { WorkQueue } from './workqueue';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** A PEM-shaped certificate that is the same for a given seed (the service `root-ca` holds it). */
export function clusterCACert(rng: Rng): string {
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  // A 2048-bit kubeadm CA certificate is about 1,100 base64 characters; real ones start with MIIDBTCCAe2gAwIBAgII.
  const body = `MIIDBTCCAe2gAwIBAgII${rng.string(1080, b64)}`;
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}=\n-----END CERTIFICATE-----\n`;
}

export class RootCAPublisher {
  readonly queue: WorkQueue;
  readonly caCert: string;

  constructor(private readonly ctx: EngineContext) {
    const existing = ctx.services.get('root-ca');
    this.caCert = typeof existing === 'string' ? existing : clusterCACert(ctx.rng.fork('root-ca'));
    ctx.services.set('root-ca', this.caCert);
    this.queue = new WorkQueue(ctx.clock, 'root-ca-cert-publisher', (ns) => this.reconcile(ns));
    ctx.api.watch('namespaces', undefined, (e) => {
      if (e.type === 'ADDED') this.queue.add(e.object.metadata.name);
    });
    // Informers start with a list: namespaces that already exist are synced too.
    for (const ns of ctx.api.store.list('namespaces')) this.queue.add(ns.metadata.name);
    ctx.api.watch('configmaps', undefined, (e) => {
      if (e.object.metadata.name === ROOT_CA_CONFIGMAP && e.type !== 'ADDED')
        this.queue.add(e.object.metadata.namespace ?? '');
    });
  }

  private desired(namespace: string): KObject {
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: ROOT_CA_CONFIGMAP,
        namespace,
        annotations: { 'kubernetes.io/description': DESCRIPTION },
      },
      data: { 'ca.crt': this.caCert },
    };
  }

  reconcile(namespace: string): void {
    const { api } = this.ctx;
    const ns = api.store.get('namespaces', undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    const cm = api.store.get('configmaps', namespace, ROOT_CA_CONFIGMAP) as
      | (StoredObject & { data?: Record<string, string> })
      | undefined;
    try {
      if (!cm) {
        api.create(this.desired(namespace));
      } else if (
        cm.data?.['ca.crt'] !== this.caCert ||
        cm.metadata.annotations?.['kubernetes.io/description'] !== DESCRIPTION
      ) {
        api.update({
          ...cm,
          metadata: {
            ...cm.metadata,
            annotations: { ...cm.metadata.annotations, 'kubernetes.io/description': DESCRIPTION },
          },
          data: { ...cm.data, 'ca.crt': this.caCert },
        });
      }
    } catch {
      // The namespace is going away, or the object changed meanwhile.
    }
  }
}

export const rootCAPublisher: Component = {
  name: 'root-ca-cert-publisher',
  start(ctx) {
    ctx.services.set('root-ca-cert-publisher', new RootCAPublisher(ctx));
  },
};
