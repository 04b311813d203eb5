/**
 * `istioctl install`: the control plane and gateways of an Istio 1.24 profile (demo, default, minimal),
 * written through the API server like any manifest, with istioctl's progress lines. Nothing is installed
 * with the cluster; lessons and `istioctl install` call installIstio().
 */
import type { KObject } from '../api/types';
import type { EngineContext } from '../context';

export const ISTIO_NAMESPACE = 'istio-system';
export const ISTIO_VERSION = '1.24.2';
export const PROXY_IMAGE = `docker.io/istio/proxyv2:${ISTIO_VERSION}`;
export const PILOT_IMAGE = `docker.io/istio/pilot:${ISTIO_VERSION}`;
export const INGRESS_GATEWAY = 'istio-ingressgateway';
export const EGRESS_GATEWAY = 'istio-egressgateway';

export type IstioProfile = 'demo' | 'default' | 'minimal';
export const PROFILES: IstioProfile[] = ['default', 'demo', 'minimal'];

const ISTIO_LABELS = {
  'install.operator.istio.io/owning-resource': 'installed-state',
  'istio.io/rev': 'default',
};

function deployment(
  name: string,
  labels: Record<string, string>,
  container: Record<string, unknown>,
  serviceAccountName: string,
): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ISTIO_NAMESPACE, labels: { ...labels, ...ISTIO_LABELS } },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      strategy: { rollingUpdate: { maxSurge: '100%', maxUnavailable: '25%' } },
      template: {
        metadata: {
          labels: { ...labels, 'sidecar.istio.io/inject': 'false' },
          annotations: { 'prometheus.io/port': '15020', 'prometheus.io/scrape': 'true' },
        },
        spec: { serviceAccountName, containers: [container] },
      },
    },
  };
}

function gateway(
  name: string,
  istioLabel: string,
  ports: [string, number, number][],
  lb: boolean,
): KObject[] {
  const labels = { app: name, istio: istioLabel };
  const sa = `${name}-service-account`;
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: ISTIO_NAMESPACE, labels } },
    deployment(
      name,
      labels,
      {
        name: 'istio-proxy',
        image: PROXY_IMAGE,
        args: [
          'proxy',
          'router',
          '--domain',
          '$(POD_NAMESPACE).svc.cluster.local',
          '--proxyLogLevel=warning',
          '--proxyComponentLogLevel=misc:error',
          '--log_output_level=default:info',
        ],
        env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
        ports: [
          { containerPort: 15021, name: 'status-port', protocol: 'TCP' },
          { containerPort: 8080, name: 'http2', protocol: 'TCP' },
          { containerPort: 8443, name: 'https', protocol: 'TCP' },
          { containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' },
        ],
        readinessProbe: {
          httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' },
          failureThreshold: 30,
          periodSeconds: 2,
          timeoutSeconds: 1,
        },
        resources: { requests: { cpu: '10m', memory: '40Mi' }, limits: { cpu: '2', memory: '1Gi' } },
      },
      sa,
    ),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ISTIO_NAMESPACE, labels: { ...labels, ...ISTIO_LABELS } },
      spec: {
        type: lb ? 'LoadBalancer' : 'ClusterIP',
        selector: labels,
        ports: ports.map(([n, port, targetPort]) => ({ name: n, port, targetPort, protocol: 'TCP' })),
      },
    },
  ];
}

/** The mesh settings `istioctl install --set meshConfig.…` can change in the lab. */
export interface MeshSettings {
  outboundTrafficPolicy?: { mode: 'ALLOW_ANY' | 'REGISTRY_ONLY' };
}

/** The `mesh` key of the `istio` ConfigMap (what istiod reads; `kubectl edit` changes it too). */
export function meshConfigYaml(settings: MeshSettings = {}): string {
  const policy = settings.outboundTrafficPolicy
    ? `outboundTrafficPolicy:\n  mode: ${settings.outboundTrafficPolicy.mode}\n`
    : '';
  return `defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\ndefaultProviders:\n  metrics:\n  - prometheus\nenablePrometheusMerge: true\n${policy}rootNamespace: istio-system\ntrustDomain: cluster.local\n`;
}

export function istioManifests(profile: IstioProfile = 'demo', settings: MeshSettings = {}): KObject[] {
  const pilot = { app: 'istiod', istio: 'pilot' };
  const objs: KObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ISTIO_NAMESPACE } },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'istiod', namespace: ISTIO_NAMESPACE, labels: pilot },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio', namespace: ISTIO_NAMESPACE, labels: { ...ISTIO_LABELS, release: 'istio' } },
      data: {
        mesh: meshConfigYaml(settings),
        meshNetworks: 'networks: {}',
      },
    },
    deployment(
      'istiod',
      pilot,
      {
        name: 'discovery',
        image: PILOT_IMAGE,
        args: [
          'discovery',
          '--monitoringAddr=:15014',
          '--log_output_level=default:info',
          '--domain',
          'cluster.local',
          '--keepaliveMaxServerConnectionAge',
          '30m',
        ],
        ports: [
          { containerPort: 8080, protocol: 'TCP' },
          { containerPort: 15010, protocol: 'TCP' },
          { containerPort: 15017, protocol: 'TCP' },
        ],
        readinessProbe: {
          httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' },
          initialDelaySeconds: 1,
          periodSeconds: 3,
          timeoutSeconds: 5,
        },
        resources: { requests: { cpu: '10m', memory: '100Mi' } },
      },
      'istiod',
    ),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'istiod', namespace: ISTIO_NAMESPACE, labels: { ...pilot, ...ISTIO_LABELS } },
      spec: {
        type: 'ClusterIP',
        selector: pilot,
        ports: [
          { name: 'grpc-xds', port: 15010, protocol: 'TCP', targetPort: 15010 },
          { name: 'https-dns', port: 15012, protocol: 'TCP', targetPort: 15012 },
          { name: 'https-webhook', port: 443, protocol: 'TCP', targetPort: 15017 },
          { name: 'http-monitoring', port: 15014, protocol: 'TCP', targetPort: 15014 },
        ],
      },
    },
  ];
  if (profile === 'demo')
    objs.push(
      ...gateway(
        EGRESS_GATEWAY,
        'egressgateway',
        [
          ['http2', 80, 8080],
          ['https', 443, 8443],
        ],
        false,
      ),
    );
  if (profile !== 'minimal')
    objs.push(
      ...gateway(
        INGRESS_GATEWAY,
        'ingressgateway',
        [
          ['status-port', 15021, 15021],
          ['http2', 80, 8080],
          ['https', 443, 8443],
          ...(profile === 'demo'
            ? ([
                ['tcp', 31400, 31400],
                ['tls', 15443, 15443],
              ] as [string, number, number][])
            : []),
        ],
        true,
      ),
    );
  return objs;
}

/** Whether istiod is installed (the injection webhook and the proxies' configuration exist only then). */
export function istioInstalled(ctx: EngineContext): boolean {
  return ctx.api.store.get('services', ISTIO_NAMESPACE, 'istiod') !== undefined;
}

/** Install a profile; returns what `istioctl install -y` prints. Objects that exist are left alone. */
export function installIstio(
  ctx: EngineContext,
  profile: IstioProfile = 'demo',
  settings: MeshSettings = {},
): string[] {
  for (const obj of istioManifests(profile, settings)) {
    const rt = ctx.api.typeOf(obj);
    const resource = rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
    const existing = ctx.api.tryGet(resource, obj.metadata.namespace, obj.metadata.name!);
    if (!existing) {
      ctx.api.create(obj);
      continue;
    }
    // Reinstalling applies the mesh settings given (as istioctl reconciles the ConfigMap).
    const mesh = (obj as { data?: Record<string, string> }).data?.mesh;
    const data = (existing.data ?? {}) as Record<string, string>;
    if (resource === 'configmaps' && mesh !== undefined && data.mesh !== mesh)
      ctx.api.update({ ...existing, data: { ...data, mesh } });
  }
  const lines = ['✔ Istio core installed ⛵️', '✔ Istiod installed 🧠'];
  if (profile === 'demo') lines.push('✔ Egress gateways installed 🛫');
  if (profile !== 'minimal') lines.push('✔ Ingress gateways installed 🛬');
  lines.push('✔ Installation complete', 'Made this installation the default for cluster-wide operations.');
  return lines;
}
