/** `kubectl describe pod`. */
import type { StoredObject } from '../../../engine/api/types';
import { podQOSClass } from '../../../engine/schema/strategies';
import { age } from '../format';
import {
  type Any,
  annotationsMultiline,
  controlledBy,
  describeEvents,
  labelsMultiline,
  tolerationsMultiline,
} from './common';
import { describeContainers, describeVolumes } from './containers';
import { DescribeWriter, rfc1123z } from './writer';

export function describePod(pod: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  const spec: Any = pod.spec ?? {};
  const status: Any = pod.status ?? {};
  w.line(0, `Name:\t${pod.metadata.name}`);
  w.line(0, `Namespace:\t${pod.metadata.namespace ?? ''}`);
  if (typeof spec.priority === 'number') w.line(0, `Priority:\t${spec.priority}`);
  if (spec.priorityClassName) w.line(0, `Priority Class Name:\t${spec.priorityClassName}`);
  if (spec.runtimeClassName) w.line(0, `Runtime Class Name:\t${spec.runtimeClassName}`);
  if (spec.serviceAccountName) w.line(0, `Service Account:\t${spec.serviceAccountName}`);
  w.line(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}` : 'Node:\t<none>');
  if (status.startTime) w.line(0, `Start Time:\t${rfc1123z(status.startTime)}`);
  labelsMultiline(w, 'Labels', pod.metadata.labels);
  annotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.line(0, `Status:\tTerminating (lasts ${age(pod.metadata.deletionTimestamp, nowMs)})`);
    w.line(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s`);
  } else w.line(0, `Status:\t${status.phase ?? ''}`);
  if (status.reason) w.line(0, `Reason:\t${status.reason}`);
  if (status.message) w.line(0, `Message:\t${status.message}`);
  if (spec.securityContext?.seccompProfile)
    w.line(0, `SeccompProfile:\t${spec.securityContext.seccompProfile.type}`);
  w.line(0, `IP:\t${status.podIP ?? ''}`);
  const ips: Any[] = status.podIPs ?? [];
  if (ips.length === 0) w.line(0, 'IPs:\t<none>');
  else {
    w.line(0, 'IPs:');
    for (const ip of ips) w.line(1, `IP:\t${ip.ip}`);
  }
  const owner = controlledBy(pod);
  if (owner) w.line(0, `Controlled By:\t${owner}`);
  if (status.nominatedNodeName) w.line(0, `NominatedNodeName:\t${status.nominatedNodeName}`);
  const resolve = (path: string) => fieldValue(pod, path);
  if ((spec.initContainers ?? []).length > 0)
    describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses, '', resolve);
  describeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses, '', resolve);
  if ((spec.readinessGates ?? []).length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = (status.conditions ?? []).find((x: Any) => x.type === g.conditionType);
      w.line(1, `${g.conditionType} \t${c ? c.status : '<none>'} `);
    }
  }
  if ((status.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.line(1, `${c.type} \t${c.status} `);
  }
  describeVolumes(w, spec.volumes);
  w.line(0, `QoS Class:\t${status.qosClass ?? podQOSClass(spec)}`);
  labelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', spec.tolerations);
  describeEvents(w, events, nowMs);
  return w.toString();
}

/** The pod fields an env var's fieldRef can name, resolved as describe shows them. */
function fieldValue(pod: StoredObject, path: string): string {
  const s: Any = pod.status ?? {};
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return pod.metadata[m[1] as 'labels']?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid;
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
      return s.podIP ?? '';
    case 'status.hostIP':
      return s.hostIP ?? '';
    default:
      return '';
  }
}
