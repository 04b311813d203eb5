/** SetDefaults_* of the core/v1 types (pkg/apis/core/v1/defaults.go), as the API server applies them. */
import { type Defaulter, mapList, type Obj, update, withDefaults } from './defaulting';
import { canonicalResourceList } from './quantity';

const CORE = 'io.k8s.api.core.v1.';

/** The tag of an image reference (`latest` when it has neither tag nor digest), as kubelet's parser reads it. */
export function imageTag(image: string | undefined): string {
  if (!image) return 'latest';
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  if (colon >= 0) return name.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

const container: Defaulter = (c) =>
  withDefaults(c, {
    imagePullPolicy: imageTag(c.image) === 'latest' ? 'Always' : 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    // ResourceRequirements is a struct, not a pointer: it always serialises, as `resources: {}`.
    resources: {},
  });

/** SetDefaults_Pod: requests default to limits, service links on. */
const pod: Defaulter = (p) => {
  if (!p.spec || typeof p.spec !== 'object') return p;
  const requestsFromLimits = (c: Obj): Obj => {
    const limits = c.resources?.limits;
    if (!limits || typeof limits !== 'object') return c;
    const requests = withDefaults(c.resources.requests ?? {}, limits);
    if (requests === c.resources.requests) return c;
    return { ...c, resources: { ...c.resources, requests } };
  };
  let spec = update(p.spec, 'containers', (cs) => mapList(cs, requestsFromLimits));
  spec = update(spec, 'initContainers', (cs) => mapList(cs, requestsFromLimits));
  spec = withDefaults(spec, { enableServiceLinks: true });
  return spec === p.spec ? p : { ...p, spec };
};

const podSpec: Defaulter = (s) =>
  withDefaults(s, {
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    schedulerName: 'default-scheduler',
  });

/** ObjectMeta.creationTimestamp is a struct: an embedded template's metadata prints `creationTimestamp: null`. */
const templateMeta: Defaulter = (t) => {
  const meta = t.metadata ?? {};
  if (meta.creationTimestamp !== undefined) return t;
  return { ...t, metadata: { creationTimestamp: null, ...meta } };
};

const probe: Defaulter = (p) =>
  withDefaults(p, { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });

const VOLUME_SOURCE_KEYS = new Set(['name']);
const volume: Defaulter = (v) => {
  if (Object.keys(v).some((k) => !VOLUME_SOURCE_KEYS.has(k) && v[k] !== undefined && v[k] !== null)) return v;
  return { ...v, emptyDir: {} };
};

const service: Defaulter = (svc) => {
  if (!svc.spec || typeof svc.spec !== 'object') return svc;
  let spec = withDefaults(svc.spec, { sessionAffinity: 'None', type: 'ClusterIP' });
  if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig !== undefined) {
    spec = { ...spec };
    delete spec.sessionAffinityConfig;
  }
  if (
    spec.sessionAffinity === 'ClientIP' &&
    spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined
  ) {
    spec = { ...spec, sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } };
  }
  spec = update(spec, 'ports', (ports) =>
    mapList(ports, (p: Obj) => {
      let out = withDefaults(p, { protocol: 'TCP' });
      if (out.targetPort === undefined || out.targetPort === 0 || out.targetPort === '')
        out = { ...out, targetPort: out.port };
      return out;
    }),
  );
  const type = spec.type;
  if ((type === 'NodePort' || type === 'LoadBalancer') && !spec.externalTrafficPolicy) {
    spec = { ...spec, externalTrafficPolicy: 'Cluster' };
  }
  if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') {
    spec = withDefaults(spec, { internalTrafficPolicy: 'Cluster' });
  }
  if (type === 'LoadBalancer') spec = withDefaults(spec, { allocateLoadBalancerNodePorts: true });
  // The service REST storage fills in the IP families of a single-stack IPv4 cluster.
  if (type !== 'ExternalName' && !(spec.clusterIP === 'None' && !spec.selector)) {
    spec = withDefaults(spec, { ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
  }
  let out = spec === svc.spec ? svc : { ...svc, spec };
  if (out.status === undefined) out = { ...out, status: { loadBalancer: {} } };
  return out;
};

const namespace: Defaulter = (ns) => {
  const name = ns.metadata?.name;
  if (!name || ns.metadata.labels?.['kubernetes.io/metadata.name'] === name) return ns;
  return {
    ...ns,
    metadata: { ...ns.metadata, labels: { ...ns.metadata.labels, 'kubernetes.io/metadata.name': name } },
  };
};

const replicationController: Defaulter = (rc) => {
  const spec = rc.spec ?? {};
  const labels = spec.template?.metadata?.labels;
  let out = rc;
  if (labels) {
    if (!spec.selector || Object.keys(spec.selector).length === 0)
      out = { ...out, spec: { ...out.spec, selector: labels } };
    if (!rc.metadata?.labels || Object.keys(rc.metadata.labels).length === 0) {
      out = { ...out, metadata: { ...out.metadata, labels } };
    }
  }
  return update(out, 'spec', (s) => withDefaults(s ?? {}, { replicas: 1 }));
};

const limitRangeItem: Defaulter = (item) => {
  if (item.type !== 'Container') return item;
  const dflt = { ...(item.default ?? {}) };
  for (const [k, v] of Object.entries(item.max ?? {})) dflt[k] ??= v;
  const dreq = { ...(item.defaultRequest ?? {}) };
  for (const [k, v] of Object.entries(dflt)) dreq[k] ??= v;
  for (const [k, v] of Object.entries(item.min ?? {})) dreq[k] ??= v;
  return resourceLists(
    'default',
    'defaultRequest',
    'max',
    'min',
    'maxLimitRequestRatio',
  )({ ...item, default: dflt, defaultRequest: dreq });
};

/** Resource lists inside a type: stored rounded to milli and canonical. */
function resourceLists(...fields: string[]): Defaulter {
  return (o) => {
    let out = o;
    for (const f of fields) {
      const list = out[f];
      if (list && typeof list === 'object' && !Array.isArray(list))
        out = update(out, f, canonicalResourceList);
    }
    return out;
  };
}

const pvStatusPending: Defaulter = (o) =>
  update(o, 'status', (s) => withDefaults(s ?? {}, { phase: 'Pending' }));

export const CORE_DEFAULTERS: Record<string, Defaulter> = {
  [`${CORE}Container`]: container,
  [`${CORE}EphemeralContainer`]: container,
  [`${CORE}Pod`]: pod,
  [`${CORE}PodSpec`]: podSpec,
  [`${CORE}PodTemplateSpec`]: templateMeta,
  [`${CORE}Probe`]: probe,
  [`${CORE}HTTPGetAction`]: (o) => withDefaults(o, { path: '/', scheme: 'HTTP' }),
  [`${CORE}Volume`]: volume,
  [`${CORE}SecretVolumeSource`]: (o) => withDefaults(o, { defaultMode: 420 }),
  [`${CORE}ConfigMapVolumeSource`]: (o) => withDefaults(o, { defaultMode: 420 }),
  [`${CORE}DownwardAPIVolumeSource`]: (o) => withDefaults(o, { defaultMode: 420 }),
  [`${CORE}ProjectedVolumeSource`]: (o) => withDefaults(o, { defaultMode: 420 }),
  [`${CORE}ServiceAccountTokenProjection`]: (o) => withDefaults(o, { expirationSeconds: 3600 }),
  [`${CORE}HostPathVolumeSource`]: (o) => withDefaults(o, { type: '' }),
  [`${CORE}ObjectFieldSelector`]: (o) => withDefaults(o, { apiVersion: 'v1' }),
  [`${CORE}PersistentVolumeClaimSpec`]: (o) => withDefaults(o, { volumeMode: 'Filesystem' }),
  [`${CORE}PersistentVolumeClaim`]: pvStatusPending,
  [`${CORE}PersistentVolume`]: (o) =>
    pvStatusPending(
      update(o, 'spec', (s) =>
        withDefaults(s ?? {}, { persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' }),
      ),
    ),
  [`${CORE}Secret`]: (o) => withDefaults(o, { type: 'Opaque' }),
  [`${CORE}Service`]: service,
  [`${CORE}Namespace`]: namespace,
  [`${CORE}ReplicationController`]: replicationController,
  [`${CORE}LimitRangeItem`]: limitRangeItem,
  [`${CORE}EndpointPort`]: (o) => withDefaults(o, { protocol: 'TCP' }),
  [`${CORE}ResourceRequirements`]: resourceLists('limits', 'requests'),
  [`${CORE}VolumeResourceRequirements`]: resourceLists('limits', 'requests'),
  [`${CORE}ResourceQuotaSpec`]: resourceLists('hard'),
};
