/** describe for network policies, storage classes, PDBs, priority classes, quotas, limit ranges and more. */
import type { StoredObject } from '../../../engine/api/types';
import { formatLabelSelector, formatLabels } from '../format';
import { isDefaultStorageClass } from '../tables/cluster';
import { type Any, annotationsMultiline, describeEvents, labelsMultiline } from './common';
import { describeLimitRangeItems } from './node';
import { DescribeWriter } from './writer';

/** Go's time.Time String() in UTC: `2025-01-15 09:55:00 +0000 UTC`. */
function goTime(ts: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(ts);
  return m ? `${m[1]} ${m[2]}${m[3] ?? ''} +0000 UTC` : ts;
}

export function describeNetworkPolicy(np: StoredObject): string {
  const w = new DescribeWriter();
  const spec: Any = np.spec ?? {};
  w.line(0, `Name:\t${np.metadata.name}`);
  w.line(0, `Namespace:\t${np.metadata.namespace ?? ''}`);
  w.line(0, `Created on:\t${goTime(np.metadata.creationTimestamp)}`);
  labelsMultiline(w, 'Labels', np.metadata.labels);
  annotationsMultiline(w, 'Annotations', np.metadata.annotations);
  w.line(0, 'Spec:');
  w.write(1, 'PodSelector: ');
  const sel = spec.podSelector ?? {};
  if (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)
    w.line(2, '<none> (Allowing the specific traffic to all pods in this namespace)');
  else w.line(2, formatLabelSelector(sel));
  const types: string[] = spec.policyTypes ?? [];
  for (const [dir, rules, peerKey, word] of [
    ['ingress', spec.ingress, 'from', 'From'],
    ['egress', spec.egress, 'to', 'To'],
  ] as const) {
    if (!types.includes(dir === 'ingress' ? 'Ingress' : 'Egress')) {
      w.line(1, `Not affecting ${dir} traffic`);
      continue;
    }
    w.line(1, `Allowing ${dir} traffic:`);
    printRules(w, (rules as Any[]) ?? [], peerKey, word, dir);
  }
  w.line(1, `Policy Types: ${types.join(', ') || '<none>'}`);
  return w.toString();
}

function printRules(
  w: DescribeWriter,
  rules: Any[],
  peerKey: 'from' | 'to',
  word: string,
  dir: string,
): void {
  const ind = '    ';
  if (rules.length === 0) {
    w.line(0, `${ind}<none> (Selected pods are isolated for ${dir} connectivity)`);
    return;
  }
  rules.forEach((rule, i) => {
    const ports: Any[] = rule.ports ?? [];
    if (ports.length === 0) w.line(0, `${ind}To Port: <any> (traffic allowed to all ports)`);
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      if (p.endPort === undefined) w.line(0, `${ind}To Port: ${p.port}/${proto}`);
      else w.line(0, `${ind}To Port Range: ${p.port}-${p.endPort}/${proto}`);
    }
    const peers: Any[] = rule[peerKey] ?? [];
    if (peers.length === 0)
      w.line(
        0,
        `${ind}${word}: <any> (traffic not restricted by ${peerKey === 'from' ? 'source' : 'destination'})`,
      );
    for (const peer of peers) {
      w.line(0, `${ind}${word}:`);
      if (peer.podSelector && peer.namespaceSelector) {
        w.line(1, `${ind}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}`);
        w.line(1, `${ind}PodSelector: ${formatLabelSelector(peer.podSelector)}`);
      } else if (peer.podSelector) w.line(1, `${ind}PodSelector: ${formatLabelSelector(peer.podSelector)}`);
      else if (peer.namespaceSelector)
        w.line(1, `${ind}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}`);
      else if (peer.ipBlock) {
        w.line(1, `${ind}IPBlock:`);
        w.line(2, `${ind}CIDR: ${peer.ipBlock.cidr}`);
        w.line(2, `${ind}Except: ${(peer.ipBlock.except ?? []).join(', ')}`);
      }
    }
    if (i !== rules.length - 1) w.line(0, `${ind}----------`);
  });
}

export function describeStorageClass(sc: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  const o: Any = sc;
  w.line(0, `Name:\t${sc.metadata.name}`);
  w.line(0, `IsDefaultClass:\t${isDefaultStorageClass(sc) ? 'Yes' : 'No'}`);
  w.line(0, `Annotations:\t${formatLabels(sc.metadata.annotations)}`);
  w.line(0, `Provisioner:\t${o.provisioner ?? ''}`);
  w.line(0, `Parameters:\t${formatLabels(o.parameters)}`);
  w.line(
    0,
    `AllowVolumeExpansion:\t${o.allowVolumeExpansion === undefined ? '<unset>' : o.allowVolumeExpansion ? 'True' : 'False'}`,
  );
  const mountOptions: string[] = o.mountOptions ?? [];
  if (mountOptions.length === 0) w.line(0, 'MountOptions:\t<none>');
  else {
    w.line(0, 'MountOptions:');
    for (const m of mountOptions) w.line(1, m);
  }
  if (o.reclaimPolicy) w.line(0, `ReclaimPolicy:\t${o.reclaimPolicy}`);
  if (o.volumeBindingMode) w.line(0, `VolumeBindingMode:\t${o.volumeBindingMode}`);
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describePDB(pdb: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  const spec: Any = pdb.spec ?? {};
  const st: Any = pdb.status ?? {};
  w.line(0, `Name:\t${pdb.metadata.name}`);
  w.line(0, `Namespace:\t${pdb.metadata.namespace ?? ''}`);
  if (spec.minAvailable !== undefined) w.line(0, `Min available:\t${spec.minAvailable}`);
  else if (spec.maxUnavailable !== undefined) w.line(0, `Max unavailable:\t${spec.maxUnavailable}`);
  w.line(0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}`);
  w.line(0, 'Status:');
  w.line(2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}`);
  w.line(2, `Current:\t${st.currentHealthy ?? 0}`);
  w.line(2, `Desired:\t${st.desiredHealthy ?? 0}`);
  w.line(2, `Total:\t${st.expectedPods ?? 0}`);
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describePriorityClass(pc: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  const o: Any = pc;
  w.line(0, `Name:\t${pc.metadata.name}`);
  w.line(0, `Value:\t${o.value ?? 0}`);
  w.line(0, `GlobalDefault:\t${o.globalDefault === true}`);
  w.line(0, `PreemptionPolicy:\t${o.preemptionPolicy ?? 'PreemptLowerPriority'}`);
  w.line(0, `Description:\t${o.description ?? ''}`);
  w.line(0, `Annotations:\t${formatLabels(pc.metadata.annotations)}`);
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeQuota(q: StoredObject): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${q.metadata.name}`);
  w.line(0, `Namespace:\t${q.metadata.namespace ?? ''}`);
  const scopes: string[] = [...(q.spec?.scopes ?? [])].sort();
  if (scopes.length > 0) w.line(0, `Scopes:\t${scopes.join(', ')}`);
  w.line(0, 'Resource\tUsed\tHard');
  w.line(0, '--------\t----\t----');
  const hard: Record<string, string> = q.status?.hard ?? {};
  const used: Record<string, string> = q.status?.used ?? {};
  for (const r of Object.keys(hard).sort()) w.line(0, `${r}\t${used[r] ?? '0'}\t${hard[r]}`);
  return w.toString();
}

export function describeLimitRange(lr: StoredObject): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${lr.metadata.name}`);
  w.line(0, `Namespace:\t${lr.metadata.namespace ?? ''}`);
  w.line(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio');
  w.line(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------');
  describeLimitRangeItems(w, lr.spec?.limits ?? [], '');
  return w.toString();
}

export function describeIngressClass(ic: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${ic.metadata.name}`);
  labelsMultiline(w, 'Labels', ic.metadata.labels);
  annotationsMultiline(w, 'Annotations', ic.metadata.annotations);
  w.line(0, `Controller:\t${ic.spec?.controller ?? ''}`);
  const p: Any = ic.spec?.parameters;
  if (p) {
    w.line(0, 'Parameters:');
    if (p.apiGroup) w.line(1, `APIGroup:\t${p.apiGroup}`);
    w.line(1, `Kind:\t${p.kind}`);
    w.line(1, `Name:\t${p.name}`);
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeEndpointSlice(eps: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  const o: Any = eps;
  w.line(0, `Name:\t${eps.metadata.name}`);
  w.line(0, `Namespace:\t${eps.metadata.namespace ?? ''}`);
  labelsMultiline(w, 'Labels', eps.metadata.labels);
  annotationsMultiline(w, 'Annotations', eps.metadata.annotations);
  w.line(0, `AddressType:\t${o.addressType ?? ''}`);
  const ports: Any[] = o.ports ?? [];
  if (ports.length === 0) w.line(0, 'Ports: <unset>');
  else {
    w.line(0, 'Ports:');
    w.line(1, 'Name\tPort\tProtocol');
    w.line(1, '----\t----\t--------');
    for (const p of ports)
      w.line(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? 'TCP'}`);
  }
  const endpoints: Any[] = o.endpoints ?? [];
  if (endpoints.length === 0) w.line(0, 'Endpoints: <none>');
  else {
    w.line(0, 'Endpoints:');
    for (const e of endpoints) {
      w.line(1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}`);
      w.line(2, 'Conditions:');
      w.line(3, `Ready:\t${e.conditions?.ready === undefined ? '<unset>' : String(e.conditions.ready)}`);
      w.line(2, `Hostname:\t${e.hostname ?? '<unset>'}`);
      if (e.targetRef) w.line(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}`);
      w.line(2, `NodeName:\t${e.nodeName ?? '<unset>'}`);
      w.line(2, `Zone:\t${e.zone ?? '<unset>'}`);
    }
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}
