/** ValidatePodSpec (pkg/apis/core/validation): containers, ports, probes, resources, volumes, policies. */
import { quantityValue } from '../quantity';
import {
  duplicate,
  type Errs,
  enumCheck,
  forbidden,
  invalidValue,
  nonNegative,
  notFound,
  required,
} from './field';
import { isDNS1123Label, isDNS1123Subdomain, isValidPort, isValidPortName, PORT_RANGE_MSG } from './names';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TERMINATION_MESSAGE_POLICIES = ['FallbackToLogsOnError', 'File'];
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const VOLUME_SOURCES = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
];

/** `claimVolumes`: names a StatefulSet's volumeClaimTemplates provide, which mounts may use too. */
export function validatePodSpec(spec: any, path: string, errs: Errs, claimVolumes: string[] = []): void {
  if (!spec || typeof spec !== 'object') return;
  const volumes = validateVolumes(spec.volumes, `${path}.volumes`, errs);
  for (const name of claimVolumes) volumes.add(name);
  const names = new Set<string>();
  if (!Array.isArray(spec.containers) || spec.containers.length === 0)
    errs.push(required(`${path}.containers`));
  (spec.initContainers ?? []).forEach((c: any, i: number) => {
    validateContainer(c, `${path}.initContainers[${i}]`, volumes, names, errs, true);
  });
  (spec.containers ?? []).forEach((c: any, i: number) => {
    validateContainer(c, `${path}.containers[${i}]`, volumes, names, errs, false);
  });
  enumCheck(errs, `${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES);
  enumCheck(errs, `${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES);
  nonNegative(errs, `${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds);
  if (typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds <= 0) {
    errs.push(
      invalidValue(
        `${path}.activeDeadlineSeconds`,
        spec.activeDeadlineSeconds,
        'must be between 1 and 2147483647, inclusive',
      ),
    );
  }
  if (spec.serviceAccountName) {
    for (const m of isDNS1123Subdomain(spec.serviceAccountName)) {
      errs.push(invalidValue(`${path}.serviceAccountName`, spec.serviceAccountName, m));
    }
  }
  (spec.tolerations ?? []).forEach((t: any, i: number) => {
    const p = `${path}.tolerations[${i}]`;
    enumCheck(errs, `${p}.operator`, t.operator, ['Equal', 'Exists']);
    if (t.operator === 'Exists' && t.value) {
      errs.push(invalidValue(`${p}.operator`, t.operator, "value must be empty when `operator` is 'Exists'"));
    }
    enumCheck(errs, `${p}.effect`, t.effect || undefined, ['NoExecute', 'NoSchedule', 'PreferNoSchedule']);
  });
}

function validateVolumes(volumes: any, path: string, errs: Errs): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(volumes)) return names;
  volumes.forEach((v: any, i: number) => {
    const p = `${path}[${i}]`;
    if (!v.name) errs.push(required(`${p}.name`));
    else {
      for (const m of isDNS1123Label(v.name)) errs.push(invalidValue(`${p}.name`, v.name, m));
      if (names.has(v.name)) errs.push(duplicate(`${p}.name`, v.name));
      names.add(v.name);
    }
    const sources = VOLUME_SOURCES.filter((s) => v[s] !== undefined && v[s] !== null);
    if (sources.length === 0) errs.push(required(p, 'must specify a volume type'));
    else if (sources.length > 1)
      errs.push(forbidden(`${p}.${sources[1]}`, 'may not specify more than 1 volume type'));
    if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) {
      errs.push(required(`${p}.persistentVolumeClaim.claimName`));
    }
    if (v.configMap && !v.configMap.name) errs.push(required(`${p}.configMap.name`));
    if (v.secret && !v.secret.secretName) errs.push(required(`${p}.secret.secretName`));
  });
  return names;
}

function validateContainer(
  c: any,
  p: string,
  volumes: Set<string>,
  names: Set<string>,
  errs: Errs,
  init: boolean,
): void {
  if (!c || typeof c !== 'object') return;
  if (!c.name) errs.push(required(`${p}.name`));
  else {
    for (const m of isDNS1123Label(c.name)) errs.push(invalidValue(`${p}.name`, c.name, m));
    if (names.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
    names.add(c.name);
  }
  if (!c.image) errs.push(required(`${p}.image`));
  enumCheck(errs, `${p}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES);
  enumCheck(errs, `${p}.terminationMessagePolicy`, c.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES);
  validatePorts(c.ports, `${p}.ports`, errs);
  (c.env ?? []).forEach((e: any, i: number) => {
    if (!e.name) errs.push(required(`${p}.env[${i}].name`));
    if (e.value !== undefined && e.valueFrom !== undefined) {
      errs.push(
        invalidValue(`${p}.env[${i}].valueFrom`, '', 'may not be specified when `value` is not empty'),
      );
    }
  });
  (c.volumeMounts ?? []).forEach((m: any, i: number) => {
    const mp = `${p}.volumeMounts[${i}]`;
    if (!m.name) errs.push(required(`${mp}.name`));
    else if (!volumes.has(m.name)) errs.push(notFound(`${mp}.name`, m.name));
    if (!m.mountPath) errs.push(required(`${mp}.mountPath`));
  });
  validateResources(c.resources, `${p}.resources`, errs);
  if (!init || c.restartPolicy === 'Always') {
    validateProbe(c.livenessProbe, `${p}.livenessProbe`, errs, true);
    validateProbe(c.readinessProbe, `${p}.readinessProbe`, errs, false);
    validateProbe(c.startupProbe, `${p}.startupProbe`, errs, true);
  } else {
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      if (c[probe])
        errs.push(
          forbidden(`${p}.${probe}`, 'may not be set for init containers without restartPolicy=Always'),
        );
    }
  }
}

function validatePorts(ports: any, path: string, errs: Errs): void {
  if (!Array.isArray(ports)) return;
  const names = new Set<string>();
  ports.forEach((port: any, i: number) => {
    const p = `${path}[${i}]`;
    if (port.name) {
      for (const m of isValidPortName(port.name)) errs.push(invalidValue(`${p}.name`, port.name, m));
      if (names.has(port.name)) errs.push(duplicate(`${p}.name`, port.name));
      names.add(port.name);
    }
    if (port.containerPort === undefined || port.containerPort === 0)
      errs.push(required(`${p}.containerPort`));
    else if (!isValidPort(port.containerPort))
      errs.push(invalidValue(`${p}.containerPort`, port.containerPort, PORT_RANGE_MSG));
    if (port.hostPort !== undefined && port.hostPort !== 0 && !isValidPort(port.hostPort)) {
      errs.push(invalidValue(`${p}.hostPort`, port.hostPort, PORT_RANGE_MSG));
    }
    if (port.protocol === undefined || port.protocol === '') errs.push(required(`${p}.protocol`));
    else enumCheck(errs, `${p}.protocol`, port.protocol, PROTOCOLS);
  });
}

function validateResources(res: any, path: string, errs: Errs): void {
  if (!res || typeof res !== 'object') return;
  for (const kind of ['limits', 'requests'] as const) {
    for (const [name, q] of Object.entries(res[kind] ?? {})) {
      if (quantityValue(q) < 0)
        errs.push(invalidValue(`${path}.${kind}[${name}]`, String(q), 'must be greater than or equal to 0'));
    }
  }
  for (const [name, req] of Object.entries(res.requests ?? {})) {
    const limit = res.limits?.[name];
    if (limit === undefined) continue;
    if (quantityValue(req) > quantityValue(limit)) {
      errs.push(
        invalidValue(
          `${path}.requests`,
          String(req),
          `must be less than or equal to ${name} limit of ${String(limit)}`,
        ),
      );
    }
  }
}

function validateProbe(probe: any, path: string, errs: Errs, successMustBeOne: boolean): void {
  if (!probe || typeof probe !== 'object') return;
  const handlers = PROBE_HANDLERS.filter((h) => probe[h] !== undefined && probe[h] !== null);
  if (handlers.length === 0) errs.push(required(path, 'must specify a handler type'));
  else if (handlers.length > 1)
    errs.push(forbidden(`${path}.${handlers[1]}`, 'may not specify more than 1 handler type'));
  for (const f of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    nonNegative(errs, `${path}.${f}`, probe[f]);
  }
  if (successMustBeOne && typeof probe.successThreshold === 'number' && probe.successThreshold !== 1) {
    errs.push(invalidValue(`${path}.successThreshold`, probe.successThreshold, 'must be 1'));
  }
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
  if (typeof port === 'number' && !isValidPort(port)) {
    errs.push(invalidValue(`${path}.${probe.httpGet ? 'httpGet' : 'tcpSocket'}.port`, port, PORT_RANGE_MSG));
  }
  if (probe.httpGet) enumCheck(errs, `${path}.httpGet.scheme`, probe.httpGet.scheme, ['HTTP', 'HTTPS']);
}
