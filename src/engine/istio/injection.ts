/**
 * Sidecar injection, as istiod's `istio-sidecar-injector` webhook does it at pod CREATE: in a namespace
 * labelled `istio-injection=enabled` (or a pod labelled `sidecar.istio.io/inject=true`), unless the pod
 * opts out with `sidecar.istio.io/inject: "false"` (label or annotation). Pods are never changed later, so
 * pods created before the label keep running without a proxy until they are recreated.
 */
import type { AdmissionRequest } from '../api/apiserver';
import type { KObject } from '../api/types';
import type { EngineContext } from '../context';
import { ISTIO_NAMESPACE, istioInstalled, PROXY_IMAGE } from './install';

export const PROXY_CONTAINER = 'istio-proxy';
export const INIT_CONTAINER = 'istio-init';
const INJECT = 'sidecar.istio.io/inject';

type Container = { name: string; [k: string]: unknown };

export function hasSidecar(pod: Pick<KObject, 'spec'> | null | undefined): boolean {
  return ((pod?.spec?.containers ?? []) as Container[]).some((c) => c.name === PROXY_CONTAINER);
}

/** Why (or why not) a pod in this namespace gets a proxy: the decision the webhook makes. */
export function injectionWanted(ctx: EngineContext, pod: KObject): boolean {
  const ns = pod.metadata.namespace ?? 'default';
  if (ns === 'kube-system' || ns === 'kube-public' || ns === ISTIO_NAMESPACE) return false;
  if (pod.spec?.hostNetwork) return false;
  const nsLabels = ctx.api.store.get('namespaces', undefined, ns)?.metadata.labels ?? {};
  const podFlag = pod.metadata.labels?.[INJECT] ?? pod.metadata.annotations?.[INJECT];
  if (nsLabels['istio-injection'] === 'disabled') return false;
  if (podFlag === 'false') return false;
  if (nsLabels['istio-injection'] === 'enabled' || nsLabels['istio.io/rev'] !== undefined) return true;
  return pod.metadata.labels?.[INJECT] === 'true';
}

const SECURITY = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsGroup: 1337,
  runAsNonRoot: true,
  runAsUser: 1337,
};

function proxyContainer(pod: KObject): Container {
  return {
    name: PROXY_CONTAINER,
    image: PROXY_IMAGE,
    args: [
      'proxy',
      'sidecar',
      '--domain',
      '$(POD_NAMESPACE).svc.cluster.local',
      '--proxyLogLevel=warning',
      '--proxyComponentLogLevel=misc:error',
      '--log_output_level=default:info',
    ],
    env: [
      { name: 'PILOT_CERT_PROVIDER', value: 'istiod' },
      { name: 'CA_ADDR', value: 'istiod.istio-system.svc:15012' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'INSTANCE_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'SERVICE_ACCOUNT', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
      { name: 'ISTIO_META_APP_CONTAINERS', value: appContainers(pod).join(',') },
      { name: 'ISTIO_META_CLUSTER_ID', value: 'Kubernetes' },
      { name: 'ISTIO_META_MESH_ID', value: 'cluster.local' },
      { name: 'TRUST_DOMAIN', value: 'cluster.local' },
    ],
    ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
    readinessProbe: {
      httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' },
      failureThreshold: 4,
      periodSeconds: 15,
      timeoutSeconds: 3,
    },
    startupProbe: {
      httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' },
      failureThreshold: 600,
      periodSeconds: 1,
      timeoutSeconds: 3,
    },
    resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '10m', memory: '40Mi' } },
    securityContext: SECURITY,
    volumeMounts: [
      { mountPath: '/var/run/secrets/workload-spiffe-uds', name: 'workload-socket' },
      { mountPath: '/var/run/secrets/credential-uds', name: 'credential-socket' },
      { mountPath: '/var/run/secrets/workload-spiffe-credentials', name: 'workload-certs' },
      { mountPath: '/var/lib/istio/data', name: 'istio-data' },
      { mountPath: '/etc/istio/proxy', name: 'istio-envoy' },
    ],
  };
}

function initContainer(): Container {
  return {
    name: INIT_CONTAINER,
    image: PROXY_IMAGE,
    args: [
      'istio-iptables',
      '-p',
      '15001',
      '-z',
      '15006',
      '-u',
      '1337',
      '-m',
      'REDIRECT',
      '-i',
      '*',
      '-x',
      '',
      '-b',
      '*',
      '-d',
      '15090,15021,15020',
      '--log_output_level=default:info',
    ],
    resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '10m', memory: '40Mi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: false,
      runAsGroup: 0,
      runAsNonRoot: false,
      runAsUser: 0,
    },
  };
}

function appContainers(pod: KObject): string[] {
  return ((pod.spec?.containers ?? []) as Container[]).map((c) => c.name);
}

const VOLUMES = ['workload-socket', 'credential-socket', 'workload-certs', 'istio-data'].map((name) => ({
  name,
  emptyDir: {},
}));

/** The pod as the webhook returns it: proxy appended, init container first, status annotation, labels. */
export function injectPod(pod: KObject): KObject {
  const labels = pod.metadata.labels ?? {};
  const app = appContainers(pod);
  const volumes = [...VOLUMES, { name: 'istio-envoy', emptyDir: { medium: 'Memory' } }];
  const status = {
    initContainers: [INIT_CONTAINER],
    containers: [PROXY_CONTAINER],
    volumes: volumes.map((v) => v.name),
    imagePullSecrets: null,
    revision: 'default',
  };
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      labels: {
        ...labels,
        'security.istio.io/tlsMode': 'istio',
        'service.istio.io/canonical-name':
          labels['service.istio.io/canonical-name'] ??
          labels['app.kubernetes.io/name'] ??
          labels.app ??
          pod.metadata.name ??
          '',
        'service.istio.io/canonical-revision':
          labels['service.istio.io/canonical-revision'] ??
          labels['app.kubernetes.io/version'] ??
          labels.version ??
          'latest',
      },
      annotations: {
        ...(pod.metadata.annotations ?? {}),
        'istio.io/rev': 'default',
        'kubectl.kubernetes.io/default-container': app[0] ?? '',
        'kubectl.kubernetes.io/default-logs-container': app[0] ?? '',
        'prometheus.io/path': '/stats/prometheus',
        'prometheus.io/port': '15020',
        'prometheus.io/scrape': 'true',
        'sidecar.istio.io/status': JSON.stringify(status),
      },
    },
    spec: {
      ...pod.spec,
      initContainers: [...((pod.spec?.initContainers ?? []) as Container[]), initContainer()],
      containers: [...((pod.spec?.containers ?? []) as Container[]), proxyContainer(pod)],
      volumes: [...((pod.spec?.volumes ?? []) as unknown[]), ...volumes],
    },
  };
}

/** The mutating admission plugin (registered by the istio component). */
export function sidecarInjector(ctx: EngineContext) {
  return (req: AdmissionRequest): void => {
    if (req.operation !== 'CREATE' || req.resource.plural !== 'pods' || req.resource.group !== '') return;
    const pod = req.object;
    if (hasSidecar(pod) || !istioInstalled(ctx) || !injectionWanted(ctx, pod)) return;
    const injected = injectPod(pod);
    req.object.metadata = injected.metadata;
    req.object.spec = injected.spec;
  };
}
