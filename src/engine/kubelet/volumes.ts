/**
 * Pod volumes as the kubelet's volume manager sets them up: ConfigMap/Secret/projected/downward API
 * volumes (read live from the store), emptyDir (one per pod), PVC data (kept per claim, so a new pod
 * on the same claim sees the old files) and hostPath (per node).
 */
import type { ApiServer } from '../api/apiserver';
import type { KObject, StoredObject } from '../api/types';
import { configMapData, fieldValue, type PodFacts, type Result, secretData } from './config';
import { LiveVolume, MemVolume, type Mount, type VolumeData } from './fs';

export interface VolumeStores {
  /** PVC data by claim uid. */
  claims: Map<string, MemVolume>;
  /** hostPath data by node and path. */
  hostPaths: Map<string, MemVolume>;
}

type VolumeSpec = Record<string, any> & { name: string };

function pick(data: Record<string, string>, items?: { key: string; path: string }[]): Record<string, string> {
  if (!items || items.length === 0) return data;
  const out: Record<string, string> = {};
  for (const it of items) if (it.key in data) out[it.path] = data[it.key];
  return out;
}

function saToken(pod: StoredObject): string {
  // A JWT-shaped token: header.payload.signature (not a real signature; the lab API server trusts it).
  const enc = (s: string) => {
    const B = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let out = '';
    let buf = 0;
    let bits = 0;
    for (let i = 0; i < s.length; i++) {
      buf = (buf << 8) | (s.charCodeAt(i) & 0xff);
      bits += 8;
      while (bits >= 6) {
        bits -= 6;
        out += B[(buf >> bits) & 63];
      }
    }
    if (bits > 0) out += B[(buf << (6 - bits)) & 63];
    return out;
  };
  const ns = pod.metadata.namespace ?? 'default';
  const sa = pod.spec?.serviceAccountName ?? 'default';
  return `${enc('{"alg":"RS256","kid":"kubedojo"}')}.${enc(`{"aud":["https://kubernetes.default.svc.cluster.local"],"iss":"https://kubernetes.default.svc.cluster.local","kubernetes.io":{"namespace":"${ns}","pod":{"name":"${pod.metadata.name}","uid":"${pod.metadata.uid}"},"serviceaccount":{"name":"${sa}"}},"sub":"system:serviceaccount:${ns}:${sa}"}`)}.${enc(pod.metadata.uid).slice(0, 43)}`;
}

const CA_CRT =
  '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIKubeDojoLabCAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\nAxMKa3ViZXJuZXRlczAeFw0yNTAxMTUwODU1MDBaFw0zNTAxMTMwOTAwMDBaMBUx\n-----END CERTIFICATE-----\n';

/**
 * The error projectedFiles would give for these sources (a missing non-optional ConfigMap or Secret), or
 * undefined: the check before a pod's sandbox, without building any file (every pod has a projected
 * service account volume).
 */
function projectedMissing(api: ApiServer, ns: string, sources: Record<string, any>[]): string | undefined {
  for (const s of sources) {
    if (
      s.configMap &&
      !s.configMap.optional &&
      s.configMap.name !== 'kube-root-ca.crt' &&
      !api.store.get('configmaps', ns, s.configMap.name)
    )
      return `configmap "${s.configMap.name}" not found`;
    if (s.secret && !s.secret.optional && !api.store.get('secrets', ns, s.secret.name))
      return `secret "${s.secret.name}" not found`;
  }
  return undefined;
}

/** Files of a projected / downward API source, or an error for a missing non-optional reference. */
function projectedFiles(
  api: ApiServer,
  pod: StoredObject,
  sources: Record<string, any>[],
  facts: PodFacts,
): Result<Record<string, string>> {
  const ns = pod.metadata.namespace ?? 'default';
  const out: Record<string, string> = {};
  for (const s of sources) {
    if (s.serviceAccountToken) out[s.serviceAccountToken.path ?? 'token'] = saToken(pod);
    if (s.configMap) {
      const cm = api.store.get('configmaps', ns, s.configMap.name);
      if (!cm && !s.configMap.optional) {
        // kube-root-ca.crt is published into every namespace; stand in for it when nobody has.
        if (s.configMap.name === 'kube-root-ca.crt')
          Object.assign(out, pick({ 'ca.crt': CA_CRT }, s.configMap.items));
        else return { ok: false, message: `configmap "${s.configMap.name}" not found` };
      } else if (cm) Object.assign(out, pick(configMapData(cm), s.configMap.items));
    }
    if (s.secret) {
      const sec = api.store.get('secrets', ns, s.secret.name);
      if (!sec && !s.secret.optional) return { ok: false, message: `secret "${s.secret.name}" not found` };
      if (sec) Object.assign(out, pick(secretData(sec), s.secret.items));
    }
    if (s.downwardAPI) {
      for (const it of s.downwardAPI.items ?? [])
        if (it.fieldRef) out[it.path] = fieldValue(pod, it.fieldRef.fieldPath, facts);
    }
  }
  return { ok: true, value: out };
}

/**
 * Check every volume can be set up; the first failure is what FailedMount reports
 * (`MountVolume.SetUp failed for volume "config" : configmap "app-config" not found`).
 */
export function checkVolumes(api: ApiServer, pod: StoredObject): Result<true> {
  const ns = pod.metadata.namespace ?? 'default';
  for (const v of (pod.spec?.volumes ?? []) as VolumeSpec[]) {
    let err: string | undefined;
    if (v.configMap && !v.configMap.optional && !api.store.get('configmaps', ns, v.configMap.name))
      err = `configmap "${v.configMap.name}" not found`;
    else if (v.secret && !v.secret.optional && !api.store.get('secrets', ns, v.secret.secretName))
      err = `secret "${v.secret.secretName}" not found`;
    else if (v.projected) err = projectedMissing(api, ns, v.projected.sources ?? []);
    else if (
      v.persistentVolumeClaim &&
      !api.store.get('persistentvolumeclaims', ns, v.persistentVolumeClaim.claimName)
    ) {
      err = `persistentvolumeclaim "${v.persistentVolumeClaim.claimName}" not found`;
    }
    if (err) return { ok: false, message: `MountVolume.SetUp failed for volume "${v.name}" : ${err}` };
  }
  return { ok: true, value: true };
}

/** The pod's volumes by name, ready to mount. emptyDirs live as long as the pod. */
export function podVolumes(
  api: ApiServer,
  currentPod: () => StoredObject,
  currentFacts: () => PodFacts,
  stores: VolumeStores,
  nodeName: string,
): Map<string, VolumeData> {
  // Live volumes read the pod as it is now (not the version seen at set-up, which they would keep alive).
  const ns = currentPod().metadata.namespace ?? 'default';
  const out = new Map<string, VolumeData>();
  for (const v of (currentPod().spec?.volumes ?? []) as VolumeSpec[]) {
    if (v.configMap) {
      const name = v.configMap.name;
      out.set(
        v.name,
        new LiveVolume(() => {
          const cm = api.store.get('configmaps', ns, name);
          return cm ? pick(configMapData(cm), v.configMap.items) : {};
        }),
      );
    } else if (v.secret) {
      const name = v.secret.secretName;
      out.set(
        v.name,
        new LiveVolume(() => {
          const s = api.store.get('secrets', ns, name);
          return s ? pick(secretData(s), v.secret.items) : {};
        }),
      );
    } else if (v.projected) {
      out.set(
        v.name,
        new LiveVolume(() => {
          const r = projectedFiles(api, currentPod(), v.projected.sources ?? [], currentFacts());
          return r.ok ? r.value : {};
        }),
      );
    } else if (v.downwardAPI) {
      out.set(
        v.name,
        new LiveVolume(() => {
          const files: Record<string, string> = {};
          const pod = currentPod();
          const facts = currentFacts();
          for (const it of v.downwardAPI.items ?? [])
            if (it.fieldRef) files[it.path] = fieldValue(pod, it.fieldRef.fieldPath, facts);
          return files;
        }),
      );
    } else if (v.persistentVolumeClaim) {
      const pvc = api.store.get('persistentvolumeclaims', ns, v.persistentVolumeClaim.claimName);
      const key = pvc?.metadata.uid ?? `${ns}/${v.persistentVolumeClaim.claimName}`;
      let data = stores.claims.get(key);
      if (!data) {
        data = new MemVolume();
        stores.claims.set(key, data);
      }
      out.set(v.name, data);
    } else if (v.hostPath) {
      const key = `${nodeName}:${v.hostPath.path}`;
      let data = stores.hostPaths.get(key);
      if (!data) {
        data = new MemVolume();
        stores.hostPaths.set(key, data);
      }
      out.set(v.name, data);
    } else {
      out.set(v.name, new MemVolume());
    }
  }
  return out;
}

/** The container's mounts from its volumeMounts. */
export function containerMounts(container: KObject['spec'], volumes: Map<string, VolumeData>): Mount[] {
  const mounts: Mount[] = [];
  for (const vm of (container.volumeMounts ?? []) as {
    name: string;
    mountPath: string;
    readOnly?: boolean;
    subPath?: string;
  }[]) {
    const volume = volumes.get(vm.name);
    if (!volume) continue;
    mounts.push({
      path: `/${vm.mountPath.split('/').filter(Boolean).join('/')}`,
      volume,
      readOnly: vm.readOnly === true,
      subPath: vm.subPath,
    });
  }
  return mounts;
}
