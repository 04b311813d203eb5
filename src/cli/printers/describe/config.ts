/** describe for config maps, secrets, service accounts, services, endpoints, PVCs, PVs and ingresses. */
import type { StoredObject } from '../../../engine/api/types';
import type { EngineContext } from '../../../engine/context';
import { accessModes, age, formatLabels } from '../format';
import { formatEndpoints, loadBalancerAddresses } from '../tables/network';
import { type Any, annotationsMultiline, describeEvents, labelsMultiline } from './common';
import { DescribeWriter, rfc1123z } from './writer';

function header(w: DescribeWriter, o: StoredObject): void {
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace ?? ''}`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
}

export function describeConfigMap(cm: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  header(w, cm);
  w.write(0, '\nData\n====\n');
  const data: Record<string, string> = (cm.data as Record<string, string>) ?? {};
  for (const k of Object.keys(data).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${data[k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  const binary: Record<string, string> = (cm.binaryData as Record<string, string>) ?? {};
  for (const k of Object.keys(binary).sort()) w.write(0, `${k}: ${base64Length(binary[k])} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, events, nowMs);
  return w.toString();
}

/** Decoded length of base64 text (what `len(secret.Data[k])` is on the client). */
export function base64Length(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  if (clean.length === 0) return 0;
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

export function describeSecret(secret: StoredObject): string {
  const w = new DescribeWriter();
  header(w, secret);
  w.write(0, `\nType:\t${(secret.type as string) ?? 'Opaque'}\n`);
  w.write(0, '\nData\n====\n');
  const data: Record<string, string> = (secret.data as Record<string, string>) ?? {};
  for (const k of Object.keys(data).sort()) {
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token')
      w.line(0, `${k}:\t${decodeBase64(data[k])}`);
    else w.line(0, `${k}:\t${base64Length(data[k])} bytes`);
  }
  return w.toString();
}

function decodeBase64(s: string): string {
  const bytes = Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export function describeServiceAccount(
  ctx: EngineContext,
  sa: StoredObject,
  events: Any[],
  nowMs: number,
): string {
  const w = new DescribeWriter();
  header(w, sa);
  const secrets = ctx.api.list('secrets', { namespace: sa.metadata.namespace });
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets
    .filter(
      (s) =>
        s.type === 'kubernetes.io/service-account-token' &&
        s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name &&
        s.metadata.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata.uid,
    )
    .map((s) => s.metadata.name);
  const rows: [string, string[]][] = [
    ['Image pull secrets:', ((sa.imagePullSecrets as Any[]) ?? []).map((s) => s.name)],
    ['Mountable secrets: ', ((sa.secrets as Any[]) ?? []).map((s) => s.name)],
    ['Tokens:            ', tokens],
  ];
  for (const [title, names] of rows) {
    if (names.length === 0) w.line(0, `${title}\t<none>`);
    names.forEach((n, i) => {
      w.line(0, `${i === 0 ? title : '                   '}\t${n}${existing.has(n) ? '' : ' (not found)'}`);
    });
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeService(ctx: EngineContext, svc: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  const spec: Any = svc.spec ?? {};
  header(w, svc);
  w.line(0, `Selector:\t${formatLabels(spec.selector)}`);
  w.line(0, `Type:\t${spec.type ?? 'ClusterIP'}`);
  if (spec.ipFamilyPolicy) w.line(0, `IP Family Policy:\t${spec.ipFamilyPolicy}`);
  w.line(0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}`);
  w.line(0, `IP:\t${spec.clusterIP ?? ''}`);
  w.line(0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}`);
  if ((spec.externalIPs ?? []).length > 0) w.line(0, `External IPs:\t${spec.externalIPs.join(',')}`);
  if (spec.loadBalancerIP) w.line(0, `IP:\t${spec.loadBalancerIP}`);
  if (spec.externalName) w.line(0, `External Name:\t${spec.externalName}`);
  const lb = loadBalancerAddresses(svc.status?.loadBalancer);
  if (lb) w.line(0, `LoadBalancer Ingress:\t${lb.split(',').join(', ')}`);
  const slices = ctx.api
    .list('endpointslices.discovery.k8s.io', { namespace: svc.metadata.namespace })
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name);
  const endpoints = ctx.api.tryGet('endpoints', svc.metadata.namespace, svc.metadata.name);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.line(0, `Port:\t${name}\t${p.port}/${proto}`);
    w.line(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}`);
    if (p.nodePort) w.line(0, `NodePort:\t${name}\t${p.nodePort}/${proto}`);
    // kubectl 1.32 reads the Endpoints object (EndpointSlices only from 1.33); slices are the fallback.
    let eps = '<none>';
    if (endpoints) eps = formatEndpoints(endpoints, new Set([p.name ?? '']));
    else if (slices.length > 0) eps = formatEndpointSlices(slices, p.name ?? '');
    w.line(0, `Endpoints:\t${eps}`);
  }
  w.line(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}`);
  if (spec.externalTrafficPolicy) w.line(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}`);
  if (spec.internalTrafficPolicy) w.line(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}`);
  if (spec.healthCheckNodePort) w.line(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}`);
  if ((spec.loadBalancerSourceRanges ?? []).length > 0)
    w.line(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}`);
  describeEvents(w, events, nowMs);
  return w.toString();
}

/** The Endpoints line of describe service: `ip:port` for the port's name, at most 3. */
function formatEndpointSlices(slices: StoredObject[], portName: string): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const s of slices) {
    const endpoints: Any[] = (s.endpoints as Any[]) ?? [];
    const ports: Any[] = (s.ports as Any[]) ?? [];
    const add = (text: string) => {
      if (list.length === max) more = true;
      if (!more) list.push(text);
      count++;
    };
    if (ports.length === 0)
      for (const e of endpoints) if (e.conditions?.ready !== false) add(e.addresses?.[0]);
    for (const p of ports) {
      if ((p.name ?? '') !== portName) continue;
      for (const e of endpoints) {
        if (e.conditions?.ready === false) continue;
        const ip: string = e.addresses?.[0] ?? '';
        add(ip.includes(':') ? `[${ip}]:${p.port}` : `${ip}:${p.port}`);
      }
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

export function describeEndpoints(ep: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  header(w, ep);
  w.line(0, 'Subsets:');
  for (const ss of (ep.subsets as Any[]) ?? []) {
    w.line(1, `Addresses:\t${(ss.addresses ?? []).map((a: Any) => a.ip).join(',') || '<none>'}`);
    w.line(
      1,
      `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a: Any) => a.ip).join(',') || '<none>'}`,
    );
    if ((ss.ports ?? []).length > 0) {
      w.line(1, 'Ports:');
      w.line(2, 'Name\tPort\tProtocol');
      w.line(2, '----\t----\t--------');
      for (const p of ss.ports) w.line(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}`);
    }
    w.line(0, '');
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describePVC(ctx: EngineContext, pvc: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  const spec: Any = pvc.spec ?? {};
  w.line(0, `Name:\t${pvc.metadata.name}`);
  w.line(0, `Namespace:\t${pvc.metadata.namespace ?? ''}`);
  w.line(0, `StorageClass:\t${spec.storageClassName ?? ''}`);
  if (pvc.metadata.deletionTimestamp)
    w.line(0, `Status:\tTerminating (lasts ${age(pvc.metadata.deletionTimestamp, nowMs)})`);
  else w.line(0, `Status:\t${pvc.status?.phase ?? ''}`);
  w.line(0, `Volume:\t${spec.volumeName ?? ''}`);
  labelsMultiline(w, 'Labels', pvc.metadata.labels);
  annotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.line(0, `Finalizers:\t[${(pvc.metadata.finalizers ?? []).join(' ')}]`);
  const bound = !!spec.volumeName;
  w.line(0, `Capacity:\t${bound ? (pvc.status?.capacity?.storage ?? '0') : ''}`);
  w.line(0, `Access Modes:\t${bound ? accessModes(pvc.status?.accessModes) : ''}`);
  if (spec.volumeMode) w.line(0, `VolumeMode:\t${spec.volumeMode}`);
  const users = ctx.api
    .list('pods', { namespace: pvc.metadata.namespace })
    .filter((p) =>
      (p.spec?.volumes ?? []).some((v: Any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name),
    )
    .map((p) => p.metadata.name);
  w.write(0, 'Used By:\t');
  if (users.length === 0) w.write(0, '<none>\n');
  users.sort().forEach((u, i) => {
    w.write(0, `${i > 0 ? '\t' : ''}${u}\n`);
  });
  const conditions: Any[] = pvc.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage');
    w.line(1, '----\t------\t-----------------\t------------------\t------\t-------');
    for (const c of conditions)
      w.line(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}`,
      );
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describePV(pv: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  const spec: Any = pv.spec ?? {};
  w.line(0, `Name:\t${pv.metadata.name}`);
  labelsMultiline(w, 'Labels', pv.metadata.labels);
  annotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.line(0, `Finalizers:\t[${(pv.metadata.finalizers ?? []).join(' ')}]`);
  w.line(0, `StorageClass:\t${spec.storageClassName ?? ''}`);
  if (pv.metadata.deletionTimestamp)
    w.line(0, `Status:\tTerminating (lasts ${age(pv.metadata.deletionTimestamp, nowMs)})`);
  else w.line(0, `Status:\t${pv.status?.phase ?? ''}`);
  w.line(0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace}/${spec.claimRef.name}` : ''}`);
  w.line(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}`);
  w.line(0, `Access Modes:\t${accessModes(spec.accessModes)}`);
  if (spec.volumeMode) w.line(0, `VolumeMode:\t${spec.volumeMode}`);
  w.line(0, `Capacity:\t${spec.capacity?.storage ?? '0'}`);
  w.line(0, `Node Affinity:\t${spec.nodeAffinity?.required ? '' : '<none>'}`);
  if (spec.nodeAffinity?.required) {
    const terms: Any[] = spec.nodeAffinity.required.nodeSelectorTerms ?? [];
    w.line(1, `Required Terms:\t${terms.length === 0 ? '<none>' : ''}`);
    terms.forEach((term, i) => {
      const reqs: Any[] = term.matchExpressions ?? [];
      w.write(2, `Term ${i}:\t`);
      if (reqs.length === 0) w.write(0, '<none>\n');
      reqs.forEach((r, j) => {
        if (j > 0) w.write(2, '\t');
        const values = (r.values ?? []).length > 0 ? ` [${r.values.join(', ')}]` : '';
        w.write(0, `${r.key} ${String(r.operator).toLowerCase()}${values}\n`);
      });
    });
  }
  w.line(0, `Message:\t${pv.status?.message ?? ''}`);
  w.line(0, 'Source:');
  if (spec.hostPath) {
    w.line(2, 'Type:\tHostPath (bare host directory volume)');
    w.line(2, `Path:\t${spec.hostPath.path}`);
    w.line(2, `HostPathType:\t${spec.hostPath.type || '<none>'}`);
  } else if (spec.local) {
    w.line(2, 'Type:\tLocalVolume (a persistent volume backed by local storage on a node)');
    w.line(2, `Path:\t${spec.local.path}`);
  } else if (spec.csi) {
    w.line(2, 'Type:\tCSI (a Container Storage Interface (CSI) volume source)');
    w.line(2, `Driver:\t${spec.csi.driver}`);
    w.line(2, `FSType:\t${spec.csi.fsType ?? ''}`);
    w.line(2, `VolumeHandle:\t${spec.csi.volumeHandle}`);
    w.line(2, `ReadOnly:\t${spec.csi.readOnly === true}`);
  }
  describeEvents(w, events, nowMs);
  return w.toString();
}

export function describeIngress(ctx: EngineContext, ing: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  const spec: Any = ing.spec ?? {};
  const ns = ing.metadata.namespace;
  w.line(0, `Name:\t${ing.metadata.name}`);
  labelsMultiline(w, 'Labels', ing.metadata.labels);
  w.line(0, `Namespace:\t${ns ?? ''}`);
  w.line(0, `Address:\t${loadBalancerAddresses(ing.status?.loadBalancer)}`);
  w.line(0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}`);
  const backend = (b: Any): string => {
    if (!b?.service)
      return b?.resource
        ? `APIGroup: ${b.resource.apiGroup ?? ''}, Kind: ${b.resource.kind}, Name: ${b.resource.name}`
        : '';
    const ep = ctx.api.tryGet('endpoints', ns, b.service.name);
    if (!ep) return `<error: endpoints "${b.service.name}" not found>`;
    const svc = ctx.api.tryGet('services', ns, b.service.name);
    if (!svc) return `<error: services "${b.service.name}" not found>`;
    let portName = '';
    for (const sp of svc.spec?.ports ?? []) {
      if (
        (b.service.port?.number && b.service.port.number === sp.port) ||
        (b.service.port?.name && b.service.port.name === sp.name)
      )
        portName = sp.name ?? '';
    }
    const port = b.service.port?.name || String(b.service.port?.number ?? 0);
    return `${b.service.name}:${port} (${formatEndpoints(ep, new Set([portName]))})`;
  };
  w.line(0, `Default backend:\t${spec.defaultBackend ? backend(spec.defaultBackend) : '<default>'}`);
  if ((spec.tls ?? []).length > 0) {
    w.line(0, 'TLS:');
    for (const t of spec.tls) {
      if (t.secretName) w.line(1, `${t.secretName} terminates ${(t.hosts ?? []).join(',')}`);
      else w.line(1, `SNI routes ${(t.hosts ?? []).join(',')}`);
    }
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.line(1, '----\t----\t--------');
  let count = 0;
  for (const r of spec.rules ?? []) {
    if (!r.http) continue;
    count++;
    w.line(1, `${r.host || '*'}\t`);
    for (const p of r.http.paths ?? []) w.line(2, `\t${p.path ?? ''} \t${backend(p.backend)}`);
  }
  if (count === 0) w.line(1, `*\t*\t${backend(spec.defaultBackend)}`);
  annotationsMultiline(w, 'Annotations', ing.metadata.annotations);
  describeEvents(w, events, nowMs);
  return w.toString();
}
