/** Tables of nodes, namespaces, events, config and storage kinds, RBAC and other cluster kinds. */
import type { StoredObject } from '../../../engine/api/types';
import { accessModes, age } from '../format';
import { AGE, NAME, type TableHandler, WIDE } from './types';

type Any = any;

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const CREATED_AT = { name: 'Created At' };
const nameAndAge: TableHandler['row'] = (o, now) => [o.metadata.name, age(o.metadata.creationTimestamp, now)];
const nameAndCreatedAt: TableHandler['row'] = (o) => [o.metadata.name, o.metadata.creationTimestamp];

/** `control-plane`, sorted, from node-role.kubernetes.io/* labels and kubernetes.io/role. */
export function nodeRoles(node: StoredObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

/** Node STATUS: Ready / NotReady / Unknown, plus SchedulingDisabled when cordoned. */
export function nodeStatus(node: StoredObject): string {
  const status: string[] = [];
  const ready = (node.status?.conditions ?? []).find((c: Any) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

export function nodeAddress(node: StoredObject, type: string): string {
  return (node.status?.addresses ?? []).find((a: Any) => a.type === type)?.address ?? '<none>';
}

export const nodeTable: TableHandler = {
  columns: [
    NAME,
    { name: 'Status' },
    { name: 'Roles' },
    AGE,
    { name: 'Version' },
    WIDE('Internal-IP'),
    WIDE('External-IP'),
    WIDE('OS-Image'),
    WIDE('Kernel-Version'),
    WIDE('Container-Runtime'),
  ],
  row(o, now) {
    const info: Any = o.status?.nodeInfo ?? {};
    return [
      o.metadata.name,
      nodeStatus(o),
      nodeRoles(o).join(',') || '<none>',
      age(o.metadata.creationTimestamp, now),
      info.kubeletVersion ?? '',
      nodeAddress(o, 'InternalIP'),
      nodeAddress(o, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};

export const namespaceTable: TableHandler = {
  columns: [NAME, { name: 'Status' }, AGE],
  row: (o, now) => [o.metadata.name, o.status?.phase ?? '', age(o.metadata.creationTimestamp, now)],
};

/** `component, host` or `<unknown>` (formatEventSource). */
export function eventSource(e: Any): string {
  const component = e.source?.component || e.reportingComponent || '';
  const host = e.source?.host || e.reportingInstance || '';
  if (!component) return '<unknown>';
  return host ? `${component}, ${host}` : component;
}

export const eventTable: TableHandler = {
  columns: [
    { name: 'Last Seen' },
    { name: 'Type' },
    { name: 'Reason' },
    { name: 'Object' },
    WIDE('Subobject'),
    WIDE('Source'),
    { name: 'Message' },
    WIDE('First Seen'),
    WIDE('Count'),
    { name: 'Name', priority: 1, isName: true },
  ],
  row(o, now) {
    const e: Any = o;
    const first = e.firstTimestamp ? age(e.firstTimestamp, now) : age(e.eventTime, now);
    let last = e.lastTimestamp ? age(e.lastTimestamp, now) : first;
    let count = e.count ?? 0;
    if (e.series) {
      last = age(e.series.lastObservedTime, now);
      count = e.series.count;
    } else if (count === 0) count = 1;
    const inv = e.involvedObject ?? {};
    const target = inv.name
      ? `${String(inv.kind ?? '').toLowerCase()}/${inv.name}`
      : String(inv.kind ?? '').toLowerCase();
    return [
      last,
      e.type ?? '',
      e.reason ?? '',
      target,
      inv.fieldPath ?? '',
      eventSource(e),
      String(e.message ?? '').trim(),
      first,
      count,
      o.metadata.name,
    ];
  },
};

export const configMapTable: TableHandler = {
  columns: [NAME, { name: 'Data' }, AGE],
  row: (o, now) => [
    o.metadata.name,
    Object.keys((o.data as object) ?? {}).length + Object.keys((o.binaryData as object) ?? {}).length,
    age(o.metadata.creationTimestamp, now),
  ],
};

export const secretTable: TableHandler = {
  columns: [NAME, { name: 'Type' }, { name: 'Data' }, AGE],
  row: (o, now) => [
    o.metadata.name,
    (o.type as string) ?? 'Opaque',
    Object.keys((o.data as object) ?? {}).length,
    age(o.metadata.creationTimestamp, now),
  ],
};

export const serviceAccountTable: TableHandler = {
  columns: [NAME, { name: 'Secrets' }, AGE],
  row: (o, now) => [
    o.metadata.name,
    ((o.secrets as unknown[]) ?? []).length,
    age(o.metadata.creationTimestamp, now),
  ],
};

export const persistentVolumeTable: TableHandler = {
  columns: [
    NAME,
    { name: 'Capacity' },
    { name: 'Access Modes' },
    { name: 'Reclaim Policy' },
    { name: 'Status' },
    { name: 'Claim' },
    { name: 'StorageClass' },
    { name: 'VolumeAttributesClass' },
    { name: 'Reason' },
    AGE,
    WIDE('VolumeMode'),
  ],
  row(o, now) {
    const spec: Any = o.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    return [
      o.metadata.name,
      spec.capacity?.storage ?? '0',
      accessModes(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? '',
      o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
      claim,
      spec.storageClassName ?? o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '',
      spec.volumeAttributesClassName ?? '<unset>',
      o.status?.reason ?? '',
      age(o.metadata.creationTimestamp, now),
      spec.volumeMode ?? '<unset>',
    ];
  },
};

export const persistentVolumeClaimTable: TableHandler = {
  columns: [
    NAME,
    { name: 'Status' },
    { name: 'Volume' },
    { name: 'Capacity' },
    { name: 'Access Modes' },
    { name: 'StorageClass' },
    { name: 'VolumeAttributesClass' },
    AGE,
    WIDE('VolumeMode'),
  ],
  row(o, now) {
    const spec: Any = o.spec ?? {};
    const bound = !!spec.volumeName;
    return [
      o.metadata.name,
      o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
      spec.volumeName ?? '',
      bound ? (o.status?.capacity?.storage ?? '0') : '',
      bound ? accessModes(o.status?.accessModes) : '',
      spec.storageClassName ?? o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '',
      spec.volumeAttributesClassName ?? '<unset>',
      age(o.metadata.creationTimestamp, now),
      spec.volumeMode ?? '<unset>',
    ];
  },
};

export function isDefaultStorageClass(o: StoredObject): boolean {
  const a = o.metadata.annotations ?? {};
  return (
    a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}

export const storageClassTable: TableHandler = {
  columns: [
    NAME,
    { name: 'Provisioner' },
    { name: 'ReclaimPolicy' },
    { name: 'VolumeBindingMode' },
    { name: 'AllowVolumeExpansion' },
    AGE,
  ],
  row(o, now) {
    const sc: Any = o;
    return [
      isDefaultStorageClass(o) ? `${o.metadata.name} (default)` : o.metadata.name,
      sc.provisioner ?? '',
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      sc.allowVolumeExpansion === true,
      age(o.metadata.creationTimestamp, now),
    ];
  },
};

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts. */
function subjects(o: StoredObject): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of (o.subjects as Any[]) ?? []) {
    if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
    else if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

export const roleTable: TableHandler = { columns: [NAME, CREATED_AT], row: nameAndCreatedAt };

export const roleBindingTable: TableHandler = {
  columns: [NAME, { name: 'Role' }, AGE, WIDE('Users'), WIDE('Groups'), WIDE('ServiceAccounts')],
  row(o, now) {
    const ref: Any = o.roleRef ?? {};
    return [
      o.metadata.name,
      `${ref.kind}/${ref.name}`,
      age(o.metadata.creationTimestamp, now),
      ...subjects(o),
    ];
  },
};

export const leaseTable: TableHandler = {
  columns: [NAME, { name: 'Holder' }, AGE],
  row: (o, now) => [o.metadata.name, o.spec?.holderIdentity ?? '', age(o.metadata.creationTimestamp, now)],
};

export const priorityClassTable: TableHandler = {
  columns: [NAME, { name: 'Value' }, { name: 'Global-Default' }, AGE, { name: 'PreemptionPolicy' }],
  row: (o, now) => [
    o.metadata.name,
    num(o.value),
    o.globalDefault === true,
    age(o.metadata.creationTimestamp, now),
    (o.preemptionPolicy as string) ?? '<unset>',
  ],
};

export const resourceQuotaTable: TableHandler = {
  columns: [NAME, AGE, { name: 'Request' }, { name: 'Limit' }],
  row(o, now) {
    const hard: Record<string, string> = o.spec?.hard ?? {};
    const used: Record<string, string> = o.status?.used ?? {};
    const requests: string[] = [];
    const limits: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      const text = `${r}: ${used[r] ?? '0'}/${hard[r]}`;
      const pieces = r.split('.');
      if (pieces.length > 1 && pieces[0] === 'limits') limits.push(text);
      else requests.push(text);
    }
    return [o.metadata.name, age(o.metadata.creationTimestamp, now), requests.join(', '), limits.join(', ')];
  },
};

export const podTemplateTable: TableHandler = {
  columns: [NAME, { name: 'Containers' }, { name: 'Images' }, { name: 'Pod Labels' }],
  row(o) {
    const t: Any = o.template ?? {};
    const containers: Any[] = t.spec?.containers ?? [];
    const labels = Object.keys(t.metadata?.labels ?? {})
      .sort()
      .map((k) => `${k}=${t.metadata.labels[k]}`)
      .join(',');
    return [
      o.metadata.name,
      containers.map((c) => c.name).join(','),
      containers.map((c) => c.image).join(','),
      labels || '<none>',
    ];
  },
};

export const createdAtTable: TableHandler = { columns: [NAME, CREATED_AT], row: nameAndCreatedAt };
export const defaultTable: TableHandler = { columns: [NAME, AGE], row: nameAndAge };
