/**
 * ingress-nginx as its cloud manifest installs it (deploy/static/provider/cloud, v1.12.0): namespace,
 * ServiceAccount, ConfigMap, the controller Deployment, its LoadBalancer Service, the admission Service
 * and the IngressClass `nginx` (marked default here, as minikube's addon and most labs do). A lab calls
 * `installIngressNginx(ctx)`; nothing is installed with the cluster.
 */
import type { KObject } from '../api/types';
import type { EngineContext } from '../context';

export const INGRESS_NAMESPACE = 'ingress-nginx';
export const CONTROLLER_NAME = 'ingress-nginx-controller';
export const CONTROLLER_CLASS = 'k8s.io/ingress-nginx';
export const CONTROLLER_VERSION = '1.12.0';
export const CONTROLLER_IMAGE = `registry.k8s.io/ingress-nginx/controller:v${CONTROLLER_VERSION}`;

const LABELS = {
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/part-of': 'ingress-nginx',
  'app.kubernetes.io/version': CONTROLLER_VERSION,
};
const CONTROLLER_LABELS = { ...LABELS, 'app.kubernetes.io/component': 'controller' };
const SELECTOR = {
  'app.kubernetes.io/component': 'controller',
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/name': 'ingress-nginx',
};

export function ingressNginxManifests(): KObject[] {
  const ns = INGRESS_NAMESPACE;
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'ingress-nginx', namespace: ns, labels: CONTROLLER_LABELS },
      automountServiceAccountToken: true,
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: CONTROLLER_NAME, namespace: ns, labels: CONTROLLER_LABELS },
      data: {},
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: CONTROLLER_NAME, namespace: ns, labels: CONTROLLER_LABELS },
      spec: {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
        selector: SELECTOR,
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', appProtocol: 'http' },
          { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', appProtocol: 'https' },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${CONTROLLER_NAME}-admission`, namespace: ns, labels: CONTROLLER_LABELS },
      spec: {
        type: 'ClusterIP',
        selector: SELECTOR,
        ports: [{ name: 'https-webhook', port: 443, targetPort: 'webhook', appProtocol: 'https' }],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: CONTROLLER_NAME, namespace: ns, labels: CONTROLLER_LABELS },
      spec: {
        replicas: 1,
        revisionHistoryLimit: 10,
        minReadySeconds: 0,
        selector: { matchLabels: SELECTOR },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: CONTROLLER_LABELS },
          spec: {
            serviceAccountName: 'ingress-nginx',
            terminationGracePeriodSeconds: 300,
            dnsPolicy: 'ClusterFirst',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [
              {
                name: 'controller',
                image: CONTROLLER_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                args: [
                  '/nginx-ingress-controller',
                  `--publish-service=$(POD_NAMESPACE)/${CONTROLLER_NAME}`,
                  '--election-id=ingress-nginx-leader',
                  `--controller-class=${CONTROLLER_CLASS}`,
                  '--ingress-class=nginx',
                  `--configmap=$(POD_NAMESPACE)/${CONTROLLER_NAME}`,
                  '--validating-webhook=:8443',
                  '--validating-webhook-certificate=/usr/local/certificates/cert',
                  '--validating-webhook-key=/usr/local/certificates/key',
                ],
                env: [
                  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
                ],
                ports: [
                  { name: 'http', containerPort: 80, protocol: 'TCP' },
                  { name: 'https', containerPort: 443, protocol: 'TCP' },
                  { name: 'webhook', containerPort: 8443, protocol: 'TCP' },
                ],
                livenessProbe: {
                  httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' },
                  initialDelaySeconds: 10,
                  periodSeconds: 10,
                  timeoutSeconds: 1,
                  successThreshold: 1,
                  failureThreshold: 5,
                },
                readinessProbe: {
                  httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' },
                  initialDelaySeconds: 10,
                  periodSeconds: 10,
                  timeoutSeconds: 1,
                  successThreshold: 1,
                  failureThreshold: 3,
                },
                resources: { requests: { cpu: '100m', memory: '90Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                  readOnlyRootFilesystem: false,
                  runAsNonRoot: true,
                  runAsUser: 101,
                  seccompProfile: { type: 'RuntimeDefault' },
                },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: {
        name: 'nginx',
        labels: CONTROLLER_LABELS,
        annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
      },
      spec: { controller: CONTROLLER_CLASS },
    },
  ];
}

/** Install ingress-nginx (idempotent: objects that exist are left alone). Returns the `kubectl apply`-style lines. */
export function installIngressNginx(ctx: EngineContext): string[] {
  const out: string[] = [];
  for (const obj of ingressNginxManifests()) {
    const rt = ctx.api.typeOf(obj);
    const resource = rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
    const kind = rt.group ? `${rt.kind.toLowerCase()}.${rt.group}` : rt.kind.toLowerCase();
    if (ctx.api.tryGet(resource, obj.metadata.namespace, obj.metadata.name!)) {
      out.push(`${kind}/${obj.metadata.name} unchanged`);
      continue;
    }
    ctx.api.create(obj);
    out.push(`${kind}/${obj.metadata.name} created`);
  }
  return out;
}
