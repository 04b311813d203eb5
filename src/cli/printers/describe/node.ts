/** `kubectl describe node` and `kubectl describe namespace`. */
import type { StoredObject } from '../../../engine/api/types';
import type { EngineContext } from '../../../engine/context';
import { age } from '../format';
import { nodeRoles } from '../tables/cluster';
import { type Any, annotationsMultiline, describeEvents, labelsMultiline, taintsMultiline } from './common';
import { add, formatQuantity, parseQuantity, type Quantity, ZERO } from './quantity';
import { DescribeWriter, rfc1123z } from './writer';

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods', 'storage']);

export function describeNode(ctx: EngineContext, node: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  const st: Any = node.status ?? {};
  const spec: Any = node.spec ?? {};
  w.line(0, `Name:\t${node.metadata.name}`);
  w.line(0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}`);
  labelsMultiline(w, 'Labels', node.metadata.labels);
  annotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.line(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}`);
  taintsMultiline(w, 'Taints', spec.taints);
  w.line(0, `Unschedulable:\t${spec.unschedulable === true}`);
  const lease: Any = ctx.api.tryGet('leases.coordination.k8s.io', 'kube-node-lease', node.metadata.name);
  if (!lease)
    w.line(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name}" not found`);
  else {
    w.line(0, 'Lease:');
    w.line(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}`);
    w.line(1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}`);
    w.line(1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}`);
  }
  if ((st.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.line(1, '----\t------\t-----------------\t------------------\t------\t-------');
    for (const c of st.conditions) {
      w.line(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}`,
      );
    }
  }
  w.line(0, 'Addresses:');
  for (const a of st.addresses ?? []) w.line(1, `${a.type}:\t${a.address}`);
  for (const [title, list] of [
    ['Capacity', st.capacity],
    ['Allocatable', st.allocatable],
  ] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length === 0) continue;
    w.line(0, `${title}:`);
    for (const n of names) w.line(1, `${n}:\t${list[n]}`);
  }
  const info: Any = st.nodeInfo ?? {};
  w.line(0, 'System Info:');
  w.line(1, `Machine ID:\t${info.machineID ?? ''}`);
  w.line(1, `System UUID:\t${info.systemUUID ?? ''}`);
  w.line(1, `Boot ID:\t${info.bootID ?? ''}`);
  w.line(1, `Kernel Version:\t${info.kernelVersion ?? ''}`);
  w.line(1, `OS Image:\t${info.osImage ?? ''}`);
  w.line(1, `Operating System:\t${info.operatingSystem ?? ''}`);
  w.line(1, `Architecture:\t${info.architecture ?? ''}`);
  w.line(1, `Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}`);
  w.line(1, `Kubelet Version:\t${info.kubeletVersion ?? ''}`);
  w.line(1, `Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}`);
  if (spec.podCIDR) w.line(0, `PodCIDR:\t${spec.podCIDR}`);
  if ((spec.podCIDRs ?? []).length > 0) w.line(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}`);
  if (spec.providerID) w.line(0, `ProviderID:\t${spec.providerID}`);
  const pods = ctx.api
    .list('pods')
    .filter(
      (p) =>
        p.spec?.nodeName === node.metadata.name &&
        p.status?.phase !== 'Succeeded' &&
        p.status?.phase !== 'Failed',
    );
  describeNodeResources(w, node, pods, nowMs);
  describeEvents(w, events, nowMs);
  return w.toString();
}

type ResourceTotals = Map<string, Quantity>;

function addList(into: ResourceTotals, list: Record<string, unknown> | undefined): void {
  for (const [k, v] of Object.entries(list ?? {})) into.set(k, add(into.get(k) ?? ZERO, parseQuantity(v)));
}

/** resourcehelper.PodRequestsAndLimits: the sum over containers, at least each init container's own. */
function podRequestsAndLimits(pod: StoredObject): [ResourceTotals, ResourceTotals] {
  const reqs: ResourceTotals = new Map();
  const limits: ResourceTotals = new Map();
  const spec: Any = pod.spec ?? {};
  for (const c of spec.containers ?? []) {
    addList(reqs, c.resources?.requests);
    addList(limits, c.resources?.limits);
  }
  for (const c of spec.initContainers ?? []) {
    for (const [totals, list] of [
      [reqs, c.resources?.requests],
      [limits, c.resources?.limits],
    ] as const) {
      for (const [k, v] of Object.entries(list ?? {})) {
        const q = parseQuantity(v);
        if (q.milli > (totals.get(k)?.milli ?? 0)) totals.set(k, q);
      }
    }
  }
  addList(reqs, spec.overhead);
  addList(limits, spec.overhead);
  return [reqs, limits];
}

function percent(q: Quantity | undefined, of: Quantity | undefined): number {
  if (!of || of.milli === 0) return 0;
  return Math.trunc(((q?.milli ?? 0) / of.milli) * 100);
}

function describeNodeResources(
  w: DescribeWriter,
  node: StoredObject,
  pods: StoredObject[],
  nowMs: number,
): void {
  const allocList: Record<string, string> = Object.keys(node.status?.allocatable ?? {}).length
    ? node.status.allocatable
    : (node.status?.capacity ?? {});
  const alloc = (r: string) => (allocList[r] !== undefined ? parseQuantity(allocList[r]) : ZERO);
  w.line(0, `Non-terminated Pods:\t(${pods.length} in total)`);
  w.line(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge');
  w.line(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---');
  const totalReqs: ResourceTotals = new Map();
  const totalLimits: ResourceTotals = new Map();
  for (const pod of pods) {
    const [req, lim] = podRequestsAndLimits(pod);
    for (const [k, v] of req) totalReqs.set(k, add(totalReqs.get(k) ?? ZERO, v));
    for (const [k, v] of lim) totalLimits.set(k, add(totalLimits.get(k) ?? ZERO, v));
    const cell = (q: Quantity | undefined, r: string) =>
      `${formatQuantity(q ?? ZERO)} (${percent(q, alloc(r))}%)`;
    w.line(
      1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell(req.get('cpu'), 'cpu')}\t${cell(lim.get('cpu'), 'cpu')}\t${cell(req.get('memory'), 'memory')}\t${cell(lim.get('memory'), 'memory')}\t${age(pod.metadata.creationTimestamp, nowMs)}`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.line(1, 'Resource\tRequests\tLimits');
  w.line(1, '--------\t--------\t------');
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const q = totalReqs.get(r);
    const l = totalLimits.get(r);
    w.line(
      1,
      `${r}\t${formatQuantity(q ?? ZERO)} (${percent(q, alloc(r))}%)\t${formatQuantity(l ?? ZERO)} (${percent(l, alloc(r))}%)`,
    );
  }
  const names = Object.keys(allocList).sort();
  for (const r of names.filter((n) => n.startsWith('hugepages-'))) {
    const q = totalReqs.get(r);
    const l = totalLimits.get(r);
    w.line(
      1,
      `${r}\t${formatQuantity(q ?? ZERO)} (${percent(q, alloc(r))}%)\t${formatQuantity(l ?? ZERO)} (${percent(l, alloc(r))}%)`,
    );
  }
  for (const r of names.filter(
    (n) => !n.startsWith('hugepages-') && !STANDARD.has(n) && !n.startsWith('requests.'),
  )) {
    w.line(
      1,
      `${r}\t${formatQuantity(totalReqs.get(r) ?? ZERO)}\t${formatQuantity(totalLimits.get(r) ?? ZERO)}`,
    );
  }
}

export function describeNamespace(ctx: EngineContext, ns: StoredObject): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${ns.metadata.name}`);
  labelsMultiline(w, 'Labels', ns.metadata.labels);
  annotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.line(0, `Status:\t${ns.status?.phase ?? ''}`);
  const conditions: Any[] = ns.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage');
    w.line(1, '----\t------\t------------------\t------\t-------');
    for (const c of conditions)
      w.line(
        1,
        `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}`,
      );
  }
  w.line(0, '');
  const quotas = ctx.api.list('resourcequotas', { namespace: ns.metadata.name });
  if (quotas.length === 0) w.line(0, 'No resource quota.');
  else {
    w.line(0, 'Resource Quotas');
    for (const q of quotas) {
      w.line(1, `Name:\t${q.metadata.name}`);
      w.line(1, 'Resource\tUsed\tHard');
      w.line(1, '--------\t---\t---');
      const hard: Record<string, string> = q.status?.hard ?? {};
      const used: Record<string, string> = q.status?.used ?? {};
      for (const r of Object.keys(hard).sort()) w.line(1, `${r}\t${used[r] ?? '0'}\t${hard[r]}`);
    }
  }
  w.line(0, '');
  const limitRanges = ctx.api.list('limitranges', { namespace: ns.metadata.name });
  if (limitRanges.length === 0) w.line(0, 'No LimitRange resource.');
  else {
    w.write(
      0,
      'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n',
    );
    w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    for (const lr of limitRanges) describeLimitRangeItems(w, lr.spec?.limits ?? [], ' ');
  }
  return w.toString();
}

/** One row per (type, resource) of a LimitRange, `-` for unset values. */
export function describeLimitRangeItems(w: DescribeWriter, items: Any[], prefix: string): void {
  for (const item of items) {
    const resources = new Set<string>();
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
      for (const r of Object.keys(item[f] ?? {})) resources.add(r);
    }
    for (const r of [...resources].sort()) {
      const v = (f: string) => item[f]?.[r] ?? '-';
      w.write(
        0,
        `${prefix}${item.type}\t${r}\t${v('min')}\t${v('max')}\t${v('defaultRequest')}\t${v('default')}\t${v('maxLimitRequestRatio')}\n`,
      );
    }
  }
}
