/**
 * The ServiceAccount admission plugin: a pod runs as `default` unless it names a service account, and
 * gets the projected `kube-api-access-<5 chars>` volume (token, cluster CA, namespace) mounted in every
 * container at /var/run/secrets/kubernetes.io/serviceaccount, exactly as a real pod shows it.
 */
import type { AdmissionRequest } from '../api/apiserver';
import { forbidden } from '../api/errors';
import type { KObject } from '../api/types';
import type { EngineContext } from '../context';
import { NAME_ALPHABET, type Rng } from '../sim/rng';

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
/** One hour plus the 7 seconds the plugin adds so tokens can be told apart from user-requested ones. */
const TOKEN_EXPIRATION_SECONDS = 3607;

/**
 * The projected source every such volume has, one object shared by all pods (stored objects are never
 * mutated; a copy per pod is a dozen objects, ~0.5 KB, for 100,000 pods).
 */
const KUBE_API_ACCESS_SOURCE = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
    { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
    {
      downwardAPI: {
        items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
      },
    },
  ],
});

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

export function kubeApiAccessVolume(name: string) {
  return { name, projected: KUBE_API_ACCESS_SOURCE };
}

export function serviceAccountAdmission(ctx: EngineContext, rng: Rng) {
  return (req: AdmissionRequest): void => {
    if (req.operation !== 'CREATE' || req.resource.plural !== 'pods' || req.resource.group !== '') return;
    const pod = req.object;
    if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return;
    const spec = { ...(pod.spec ?? {}) };
    const saName: string = spec.serviceAccountName || spec.serviceAccount || 'default';
    spec.serviceAccountName = saName;
    // The deprecated alias is kept in step by the v1 conversion.
    spec.serviceAccount = saName;
    const namespace = pod.metadata.namespace ?? 'default';
    const sa = ctx.api.store.get('serviceaccounts', namespace, saName);
    // The `default` account may lag a brand-new namespace by a moment; any other name must exist.
    if (!sa && saName !== 'default') {
      throw forbidden(
        `pods "${pod.metadata.name}" is forbidden: error looking up service account ${namespace}/${saName}: serviceaccount "${saName}" not found`,
      );
    }
    const automount =
      spec.automountServiceAccountToken ?? (sa as KObject | undefined)?.automountServiceAccountToken ?? true;
    if (automount && !hasTokenMount(spec)) {
      const volumeName = `kube-api-access-${rng.string(5, NAME_ALPHABET)}`;
      const mount = { mountPath: SERVICE_ACCOUNT_MOUNT_PATH, name: volumeName, readOnly: true };
      spec.volumes = spec.volumes
        ? [...spec.volumes, kubeApiAccessVolume(volumeName)]
        : [kubeApiAccessVolume(volumeName)];
      if (spec.initContainers) spec.initContainers = withMount(spec.initContainers, mount);
      spec.containers = withMount(spec.containers ?? [], mount);
    }
    pod.spec = spec;
  };
}

/** The containers, each given the token mount unless it mounts that path already. */
function withMount(containers: any[], mount: object): any[] {
  const out: any[] = [];
  for (const c of containers) {
    const mounts: any[] | undefined = c.volumeMounts;
    let mounted = false;
    if (mounts) for (const m of mounts) if (m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH) mounted = true;
    // Object.assign, not `{ ...c, volumeMounts }`: V8 gives each object spread-then-extended that way a
    // hidden class of its own (~0.3 KB per pod), where assign shares one for every pod of a template.
    out.push(mounted ? c : Object.assign({}, c, { volumeMounts: mounts ? [...mounts, mount] : [mount] }));
  }
  return out;
}

function hasTokenMount(spec: any): boolean {
  const volumes: any[] | undefined = spec.volumes;
  if (volumes)
    for (const v of volumes)
      if (typeof v.name === 'string' && v.name.startsWith('kube-api-access-')) return true;
  return false;
}
