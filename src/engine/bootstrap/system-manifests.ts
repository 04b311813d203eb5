/**
 * The kube-system workloads kubeadm installs, written as the manifests kubeadm applies. The control-plane
 * components are static pods (mirror pods owned by their Node); CoreDNS is a Deployment and kube-proxy a
 * DaemonSet, brought up by the same controllers a learner's workloads use.
 */
import type { KObject } from '../api/types';
import type { EngineContext } from '../context';
import { nodeInternalIP } from './nodes';

const REGISTRY = 'registry.k8s.io';

function staticPod(
  ctx: EngineContext,
  component: string,
  image: string,
  command: string[],
  port: number,
  cpu: string,
): KObject {
  const node = ctx.config.nodes.find((n) => n.role === 'control-plane') ?? ctx.config.nodes[0];
  const ip = nodeInternalIP(ctx.config.nodes.indexOf(node));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${component}-${node.name}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: {
        'kubernetes.io/config.source': 'file',
        'kubernetes.io/config.mirror': ctx.rng.hex(32),
        ...(component === 'etcd'
          ? { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` }
          : {}),
        ...(component === 'kube-apiserver'
          ? { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` }
          : {}),
      },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          name: node.name,
          uid: ctx.api.get('nodes', undefined, node.name).metadata.uid,
          controller: true,
        },
      ],
    },
    spec: {
      nodeName: node.name,
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      containers: [
        {
          name: component,
          image,
          command,
          resources: { requests: { cpu } },
          livenessProbe: {
            httpGet: {
              host: ip,
              path: component === 'etcd' ? '/livez' : component === 'kube-apiserver' ? '/livez' : '/healthz',
              port,
              scheme: component === 'etcd' ? 'HTTP' : 'HTTPS',
            },
            initialDelaySeconds: 10,
            periodSeconds: 10,
            timeoutSeconds: 15,
            failureThreshold: 8,
          },
        },
      ],
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
    },
  };
}

function priorityClass(name: string, value: number, description: string): KObject {
  return {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name },
    value,
    description,
    preemptionPolicy: 'PreemptLowerPriority',
  };
}

export function systemManifests(ctx: EngineContext): KObject[] {
  const v = ctx.config.kubernetesVersion;
  const cp = ctx.config.nodes.find((n) => n.role === 'control-plane') ?? ctx.config.nodes[0];
  const apiserverIP = nodeInternalIP(ctx.config.nodes.indexOf(cp));
  const objs: KObject[] = [
    priorityClass(
      'system-cluster-critical',
      2000000000,
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    ),
    priorityClass(
      'system-node-critical',
      2000001000,
      'Used for system critical pods that must not be moved from their current node.',
    ),
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
    staticPod(
      ctx,
      'etcd',
      `${REGISTRY}/etcd:3.5.16-0`,
      ['etcd', `--advertise-client-urls=https://${apiserverIP}:2379`, '--data-dir=/var/lib/etcd'],
      2381,
      '100m',
    ),
    staticPod(
      ctx,
      'kube-apiserver',
      `${REGISTRY}/kube-apiserver:${v}`,
      [
        'kube-apiserver',
        `--advertise-address=${apiserverIP}`,
        '--authorization-mode=Node,RBAC',
        `--service-cluster-ip-range=${ctx.config.serviceCIDR}`,
      ],
      6443,
      '250m',
    ),
    staticPod(
      ctx,
      'kube-controller-manager',
      `${REGISTRY}/kube-controller-manager:${v}`,
      ['kube-controller-manager', '--leader-elect=true', '--use-service-account-credentials=true'],
      10257,
      '200m',
    ),
    staticPod(
      ctx,
      'kube-scheduler',
      `${REGISTRY}/kube-scheduler:${v}`,
      ['kube-scheduler', '--leader-elect=true'],
      10259,
      '100m',
    ),
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'coredns', namespace: 'kube-system' },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'coredns', namespace: 'kube-system' },
      data: {
        Corefile: `.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes ${ctx.config.clusterDomain} in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n`,
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
            ],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [
              {
                name: 'coredns',
                image: `${REGISTRY}/coredns/coredns:v1.11.3`,
                args: ['-conf', '/etc/coredns/Corefile'],
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                ],
                livenessProbe: {
                  httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
                  initialDelaySeconds: 60,
                  timeoutSeconds: 5,
                  successThreshold: 1,
                  failureThreshold: 5,
                },
                readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
                volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
              },
            ],
            dnsPolicy: 'Default',
            volumes: [
              {
                name: 'config-volume',
                configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: {
          'k8s-app': 'kube-dns',
          'kubernetes.io/cluster-service': 'true',
          'kubernetes.io/name': 'CoreDNS',
        },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        selector: { 'k8s-app': 'kube-dns' },
        clusterIP: ctx.config.profile === 'openshift' ? '172.30.0.10' : '10.96.0.10',
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } },
      data: {
        'config.conf': `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclusterCIDR: ${ctx.config.podCIDR}\nmode: iptables\n`,
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-proxy' } },
          spec: {
            priorityClassName: 'system-node-critical',
            hostNetwork: true,
            tolerations: [{ operator: 'Exists' }],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [
              {
                name: 'kube-proxy',
                image: `${REGISTRY}/kube-proxy:${v}`,
                command: [
                  '/usr/local/bin/kube-proxy',
                  '--config=/var/lib/kube-proxy/config.conf',
                  '--hostname-override=$(NODE_NAME)',
                ],
                env: [
                  {
                    name: 'NODE_NAME',
                    valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } },
                  },
                ],
                securityContext: { privileged: true },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        clusterIP: ctx.config.profile === 'openshift' ? '172.30.0.1' : '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      },
      subsets: [
        { addresses: [{ ip: apiserverIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
      ],
    },
  ];
  return objs;
}
