/** Node objects as a kubelet registers them on a kubeadm cluster. */
import type { KObject } from '../api/types';
import type { EngineContext, NodeSpec } from '../context';

/** Allocatable = capacity less kube-reserved/system-reserved and the eviction threshold, as kubeadm nodes report. */
function allocatableMemory(memory: string): string {
  const gi = Number(memory.replace(/Gi$/, ''));
  const ki = gi * 1024 * 1024;
  return `${ki - 102400}Ki`;
}

export function nodeInternalIP(index: number): string {
  return `192.168.49.${index + 2}`;
}

export function nodePodCIDR(ctx: EngineContext, index: number): string {
  const [a, b] = ctx.config.podCIDR.split('.');
  return `${a}.${b}.${index}.0/24`;
}

export function nodeObject(ctx: EngineContext, spec: NodeSpec, index: number): KObject {
  const controlPlane = spec.role === 'control-plane';
  const memKi = `${Number(spec.memory.replace(/Gi$/, '')) * 1024 * 1024}Ki`;
  const version = ctx.config.kubernetesVersion;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': spec.name,
        'kubernetes.io/os': 'linux',
        ...(controlPlane
          ? {
              'node-role.kubernetes.io/control-plane': '',
              'node.kubernetes.io/exclude-from-external-load-balancers': '',
            }
          : {}),
        ...spec.labels,
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: nodePodCIDR(ctx, index),
      podCIDRs: [nodePodCIDR(ctx, index)],
      ...(controlPlane
        ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }
        : {}),
    },
    status: {
      capacity: {
        cpu: spec.cpu,
        'ephemeral-storage': '102625208Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: memKi,
        pods: String(spec.pods),
      },
      allocatable: {
        cpu: spec.cpu,
        'ephemeral-storage': '94580335255',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: allocatableMemory(spec.memory),
        pods: String(spec.pods),
      },
      addresses: [
        { type: 'InternalIP', address: nodeInternalIP(index) },
        { type: 'Hostname', address: spec.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: ctx.rng.uuid(),
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-51-generic',
        kubeProxyVersion: version,
        kubeletVersion: version,
        machineID: ctx.rng.hex(32),
        operatingSystem: 'linux',
        osImage: 'Ubuntu 24.04.1 LTS',
        systemUUID: ctx.rng.uuid(),
      },
      conditions: [],
      images: [],
    },
  };
}
