/**
 * Kind rules of core/v1 and networking/v1 (pkg/apis/core/validation, pkg/apis/networking/validation):
 * pods (and what a pod update may change), services, config maps, secrets, claims, ingresses.
 */
import { deepEqual } from '../../util/objects';
import {
  duplicate,
  type Errs,
  enumCheck,
  forbidden,
  invalidValue,
  labelsValue,
  nonNegative,
  required,
} from './field';
import { selectorMatches, validateLabelSelector } from './meta';
import { isConfigMapKey, isDNS1123Label, isValidPort, isValidPortName, PORT_RANGE_MSG } from './names';
import { validatePodSpec } from './pod';

const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function pod(obj: any, old: any, errs: Errs): void {
  if (!old) {
    validatePodSpec(obj.spec ?? {}, 'spec', errs);
    return;
  }
  // ValidatePodUpdate: only images, activeDeadlineSeconds, tolerations (additions) and the grace period
  // may change; binding sets nodeName once. Fields kept by reference are unchanged and skipped.
  const newSpec = obj.spec ?? {};
  const oldSpec = old.spec ?? {};
  let changed = false;
  for (const key of new Set([...Object.keys(newSpec), ...Object.keys(oldSpec)])) {
    const a = newSpec[key];
    const b = oldSpec[key];
    if (
      a === b ||
      key === 'activeDeadlineSeconds' ||
      key === 'terminationGracePeriodSeconds' ||
      key === 'tolerations'
    ) {
      continue;
    }
    if (key === 'nodeName' && !b) continue;
    if (key === 'containers' || key === 'initContainers') {
      const list: any[] = Array.isArray(a) ? a : [];
      list.forEach((c, i) => {
        if (!c?.image) errs.push(required(`spec.${key}[${i}].image`));
      });
      if (!sameExceptImages(list, Array.isArray(b) ? b : [])) changed = true;
      continue;
    }
    if (!deepEqual(a, b)) changed = true;
  }
  if (changed) errs.push(forbidden('spec', POD_UPDATE_FORBIDDEN));
  const oldTolerations: unknown[] = oldSpec.tolerations ?? [];
  const newTolerations: unknown[] = newSpec.tolerations ?? [];
  if (
    newTolerations !== oldTolerations &&
    oldTolerations.some((t) => !newTolerations.some((n) => deepEqual(n, t)))
  ) {
    errs.push(
      forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'),
    );
  }
}

function sameExceptImages(a: any[], b: any[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (!deepEqual({ ...a[i], image: undefined }, { ...b[i], image: undefined })) return false;
  }
  return true;
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function service(obj: any, old: any, errs: Errs): void {
  const spec = obj.spec ?? {};
  enumCheck(errs, 'spec.type', spec.type, SERVICE_TYPES);
  enumCheck(errs, 'spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']);
  enumCheck(errs, 'spec.externalTrafficPolicy', spec.externalTrafficPolicy || undefined, [
    'Cluster',
    'Local',
  ]);
  enumCheck(errs, 'spec.internalTrafficPolicy', spec.internalTrafficPolicy, ['Cluster', 'Local']);
  const ports: any[] = Array.isArray(spec.ports) ? spec.ports : [];
  if (spec.type === 'ExternalName') {
    if (!spec.externalName) errs.push(required('spec.externalName'));
  } else if (ports.length === 0 && spec.clusterIP !== 'None') errs.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = `spec.ports[${i}]`;
    if (ports.length > 1 && !port.name) errs.push(required(`${p}.name`));
    if (port.name) {
      for (const m of isDNS1123Label(port.name)) errs.push(invalidValue(`${p}.name`, port.name, m));
      if (names.has(port.name)) errs.push(duplicate(`${p}.name`, port.name));
      names.add(port.name);
    }
    if (!isValidPort(port.port)) errs.push(invalidValue(`${p}.port`, port.port ?? 0, PORT_RANGE_MSG));
    enumCheck(errs, `${p}.protocol`, port.protocol, ['SCTP', 'TCP', 'UDP']);
    const tp = port.targetPort;
    if (typeof tp === 'number' && !isValidPort(tp))
      errs.push(invalidValue(`${p}.targetPort`, tp, PORT_RANGE_MSG));
    if (typeof tp === 'string')
      for (const m of isValidPortName(tp)) errs.push(invalidValue(`${p}.targetPort`, tp, m));
    if (
      port.nodePort !== undefined &&
      port.nodePort !== 0 &&
      (spec.type === 'ClusterIP' || spec.type === 'ExternalName')
    ) {
      errs.push(forbidden(`${p}.nodePort`, `may not be used when \`type\` is '${spec.type}'`));
    }
  });
  if (
    old?.spec?.clusterIP &&
    old.spec.clusterIP !== spec.clusterIP &&
    spec.type !== 'ExternalName' &&
    old.spec.type !== 'ExternalName'
  ) {
    errs.push(
      invalidValue(
        'spec.clusterIPs[0]',
        spec.clusterIPs ?? [spec.clusterIP ?? ''],
        'may not change once set',
      ),
    );
    errs.push(invalidValue('spec.clusterIP', spec.clusterIP ?? '', 'field is immutable'));
  }
}

function dataKeys(obj: any, errs: Errs): void {
  const seen = new Set<string>();
  for (const field of ['data', 'binaryData', 'stringData']) {
    for (const key of Object.keys(obj[field] ?? {})) {
      for (const m of isConfigMapKey(key)) errs.push(invalidValue(`${field}[${key}]`, key, m));
      if (field !== 'stringData' && seen.has(key))
        errs.push(invalidValue(`data[${key}]`, key, 'duplicate of key present in binaryData'));
      seen.add(key);
    }
  }
}

function immutableData(obj: any, old: any, errs: Errs): void {
  if (old?.immutable === true) {
    if (obj.immutable !== true)
      errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
    if (!deepEqual(obj.data, old.data) || !deepEqual(obj.binaryData, old.binaryData)) {
      errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
    }
  }
}

function secret(obj: any, old: any, errs: Errs): void {
  dataKeys(obj, errs);
  immutableData(obj, old, errs);
  if (old && obj.type !== old.type) errs.push(invalidValue('type', obj.type ?? '', 'field is immutable'));
  if (obj.type === 'kubernetes.io/tls') {
    for (const k of ['tls.crt', 'tls.key'])
      if (obj.data?.[k] === undefined) errs.push(required(`data[${k}]`));
  }
}

function pvc(obj: any, old: any, errs: Errs): void {
  const spec = obj.spec ?? {};
  if (!Array.isArray(spec.accessModes) || spec.accessModes.length === 0) {
    errs.push(required('spec.accessModes', 'at least 1 access mode is required'));
  }
  for (const [i, m] of (spec.accessModes ?? []).entries()) {
    enumCheck(errs, `spec.accessModes[${i}]`, m, [
      'ReadOnlyMany',
      'ReadWriteMany',
      'ReadWriteOnce',
      'ReadWriteOncePod',
    ]);
  }
  if (!spec.resources?.requests?.storage && !old) errs.push(required('spec.resources[storage]'));
  enumCheck(errs, 'spec.volumeMode', spec.volumeMode, ['Block', 'Filesystem']);
}

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function ingress(obj: any, _old: any, errs: Errs): void {
  (obj.spec?.rules ?? []).forEach((rule: any, i: number) => {
    (rule.http?.paths ?? []).forEach((path: any, j: number) => {
      const p = `spec.rules[${i}].http.paths[${j}]`;
      if (!path.pathType) errs.push(required(`${p}.pathType`, 'pathType must be specified'));
      else enumCheck(errs, `${p}.pathType`, path.pathType, PATH_TYPES);
      if (
        path.pathType !== 'ImplementationSpecific' &&
        path.path !== undefined &&
        !String(path.path).startsWith('/')
      ) {
        errs.push(invalidValue(`${p}.path`, path.path, 'must be an absolute path'));
      }
      const svc = path.backend?.service;
      if (svc && !svc.port?.name && !svc.port?.number) {
        errs.push(required(`${p}.backend.service.port`, 'port name or number is required'));
      }
    });
  });
}

function replicationController(obj: any, _old: any, errs: Errs): void {
  const spec = obj.spec ?? {};
  nonNegative(errs, 'spec.replicas', spec.replicas);
  const labels = spec.template?.metadata?.labels;
  if (spec.selector && labels && !selectorMatches({ matchLabels: spec.selector }, labels)) {
    errs.push(
      invalidValue(
        'spec.template.metadata.labels',
        labelsValue(labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  if (spec.template) validatePodSpec(spec.template.spec ?? {}, 'spec.template.spec', errs);
}

function hpa(obj: any, _old: any, errs: Errs): void {
  const spec = obj.spec ?? {};
  if (typeof spec.minReplicas === 'number' && spec.minReplicas < 1) {
    errs.push(invalidValue('spec.minReplicas', spec.minReplicas, 'must be greater than or equal to 1'));
  }
  if (typeof spec.maxReplicas === 'number' && spec.maxReplicas < (spec.minReplicas ?? 1)) {
    errs.push(
      invalidValue('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`'),
    );
  }
}

function pdb(obj: any, _old: any, errs: Errs): void {
  const spec = obj.spec ?? {};
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errs.push(invalidValue('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  validateLabelSelector(spec.selector, 'spec.selector', errs);
}

function roleBinding(obj: any, old: any, errs: Errs): void {
  if (!obj.roleRef?.kind) errs.push(required('roleRef.kind'));
  if (!obj.roleRef?.name) errs.push(required('roleRef.name'));
  if (old && !deepEqual(obj.roleRef, old.roleRef)) {
    errs.push(invalidValue('roleRef', obj.roleRef, 'cannot change roleRef'));
  }
}

export const CORE_RULES: Record<string, (obj: any, old: any, errs: Errs) => void> = {
  pods: pod,
  services: service,
  configmaps: (obj, old, errs) => {
    dataKeys(obj, errs);
    immutableData(obj, old, errs);
  },
  secrets: secret,
  persistentvolumeclaims: pvc,
  replicationcontrollers: replicationController,
  'ingresses.networking.k8s.io': ingress,
  'horizontalpodautoscalers.autoscaling': hpa,
  'poddisruptionbudgets.policy': pdb,
  'rolebindings.rbac.authorization.k8s.io': roleBinding,
  'clusterrolebindings.rbac.authorization.k8s.io': roleBinding,
  podtemplates: (obj, _old, errs) => validatePodSpec(obj.template?.spec ?? {}, 'template.spec', errs),
  resourcequotas: (obj, _old, errs) => {
    for (const [k, v] of Object.entries(obj.spec?.hard ?? {}))
      nonNegative(errs, `spec.hard[${k}]`, typeof v === 'number' ? v : 0);
  },
};
