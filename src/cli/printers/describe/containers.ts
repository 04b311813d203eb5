/** Containers and volumes, as describe prints them for pods and pod templates. */
import { DescribeWriter, rfc1123z } from './writer';

type Any = any;

export function describeContainers(
  w: DescribeWriter,
  label: string,
  containers: Any[],
  statuses: Any[] | undefined,
  space = '',
  resolveField?: (path: string) => string,
): void {
  if (containers.length === 0) {
    w.line(0, `${space}${label}: <none>`);
    return;
  }
  w.line(0, `${space}${label}:`);
  const byName = new Map<string, Any>((statuses ?? []).map((s) => [s.name, s]));
  const nameIndent = space ? ' ' : '';
  for (const c of containers) {
    const status = byName.get(c.name);
    w.line(1, `${nameIndent}${c.name}:`);
    if (status) w.line(2, `Container ID:\t${status.containerID ?? ''}`);
    w.line(2, `Image:\t${c.image ?? ''}`);
    if (status) w.line(2, `Image ID:\t${status.imageID ?? ''}`);
    const ports = (c.ports ?? []).map((p: Any) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    const hostPorts = (c.ports ?? []).map((p: Any) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    if (ports.includes(',')) w.line(2, `Ports:\t${ports}`);
    else w.line(2, `Port:\t${ports || '<none>'}`);
    if (hostPorts.includes(',')) w.line(2, `Host Ports:\t${hostPorts}`);
    else w.line(2, `Host Port:\t${hostPorts || '<none>'}`);
    if (c.restartPolicy) w.line(2, `Restart Policy:\t${c.restartPolicy}`);
    for (const [title, list] of [
      ['Command', c.command],
      ['Args', c.args],
    ] as const) {
      if (!list || list.length === 0) continue;
      w.line(2, `${title}:`);
      for (const item of list) for (const s of String(item).split('\n')) w.line(3, s);
    }
    if (status) {
      describeState(w, 'State', status.state);
      if (status.lastState?.terminated) describeState(w, 'Last State', status.lastState);
      w.line(2, `Ready:\t${status.ready ? 'True' : 'False'}`);
      w.line(2, `Restart Count:\t${status.restartCount ?? 0}`);
    }
    for (const [title, list] of [
      ['Limits', c.resources?.limits],
      ['Requests', c.resources?.requests],
    ] as const) {
      const names = Object.keys(list ?? {}).sort();
      if (names.length === 0) continue;
      w.line(2, `${title}:`);
      for (const n of names) w.line(3, `${n}:\t${list[n]}`);
    }
    if (c.livenessProbe) w.line(2, `Liveness:\t${describeProbe(c.livenessProbe)}`);
    if (c.readinessProbe) w.line(2, `Readiness:\t${describeProbe(c.readinessProbe)}`);
    if (c.startupProbe) w.line(2, `Startup:\t${describeProbe(c.startupProbe)}`);
    if ((c.envFrom ?? []).length > 0) {
      w.line(2, 'Environment Variables from:');
      for (const e of c.envFrom) {
        const ref = e.configMapRef ?? e.secretRef ?? {};
        const from = e.configMapRef ? 'ConfigMap' : 'Secret';
        const optional = ref.optional === true;
        if (e.prefix) w.line(3, `${ref.name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}`);
        else w.line(3, `${ref.name}\t${from}\tOptional: ${optional}`);
      }
    }
    describeEnv(w, c, resolveField);
    const mounts = [...(c.volumeMounts ?? [])].sort((a: Any, b: Any) => (a.mountPath < b.mountPath ? -1 : 1));
    w.line(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.line(3, `${m.mountPath} from ${m.name} (${flags.join(',')})`);
    }
  }
}

function describeEnv(w: DescribeWriter, c: Any, resolveField?: (path: string) => string): void {
  const env: Any[] = c.env ?? [];
  w.line(2, `Environment:${env.length === 0 ? '\t<none>' : ''}`);
  for (const e of env) {
    if (!e.valueFrom) {
      String(e.value ?? '')
        .split('\n')
        .forEach((s, i) => {
          w.line(3, i === 0 ? `${e.name}:\t${s}` : `\t${s}`);
        });
      continue;
    }
    const v = e.valueFrom;
    if (v.fieldRef) {
      const value = resolveField ? resolveField(v.fieldRef.fieldPath) : '';
      w.line(3, `${e.name}:\t${value} (${v.fieldRef.apiVersion ?? 'v1'}:${v.fieldRef.fieldPath})`);
    } else if (v.resourceFieldRef) w.line(3, `${e.name}:\t (${v.resourceFieldRef.resource})`);
    else if (v.secretKeyRef)
      w.line(
        3,
        `${e.name}:\t<set to the key '${v.secretKeyRef.key}' in secret '${v.secretKeyRef.name}'>\tOptional: ${v.secretKeyRef.optional === true}`,
      );
    else if (v.configMapKeyRef)
      w.line(
        3,
        `${e.name}:\t<set to the key '${v.configMapKeyRef.key}' of config map '${v.configMapKeyRef.name}'>\tOptional: ${v.configMapKeyRef.optional === true}`,
      );
  }
}

function describeState(w: DescribeWriter, name: string, state: Any): void {
  if (state?.running) {
    w.line(2, `${name}:\tRunning`);
    w.line(3, `Started:\t${rfc1123z(state.running.startedAt)}`);
  } else if (state?.waiting) {
    w.line(2, `${name}:\tWaiting`);
    if (state.waiting.reason) w.line(3, `Reason:\t${state.waiting.reason}`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.line(2, `${name}:\tTerminated`);
    if (t.reason) w.line(3, `Reason:\t${t.reason}`);
    if (t.message) w.line(3, `Message:\t${t.message}`);
    w.line(3, `Exit Code:\t${t.exitCode ?? 0}`);
    if (t.signal > 0) w.line(3, `Signal:\t${t.signal}`);
    w.line(3, `Started:\t${rfc1123z(t.startedAt)}`);
    w.line(3, `Finished:\t${rfc1123z(t.finishedAt)}`);
  } else w.line(2, `${name}:\tWaiting`);
}

/** `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: Any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const port = g.port === undefined ? '' : String(g.port);
    const host = g.host ?? '';
    const hostPort = port ? `${host.includes(':') ? `[${host}]` : host}:${port}` : host;
    return `http-get ${String(g.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${g.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

export function describeVolumes(w: DescribeWriter, volumes: Any[] | undefined, space = ''): void {
  if (!volumes || volumes.length === 0) {
    w.line(0, `${space}Volumes:\t<none>`);
    return;
  }
  w.line(0, `${space}Volumes:`);
  const nameIndent = space ? ' ' : '';
  const optionalPtr = (v: unknown) => (v === undefined || v === null ? '<nil>' : String(v));
  for (const v of volumes) {
    w.line(1, `${nameIndent}${v.name}:`);
    if (v.hostPath) {
      w.line(2, 'Type:\tHostPath (bare host directory volume)');
      w.line(2, `Path:\t${v.hostPath.path}`);
      w.line(2, `HostPathType:\t${v.hostPath.type || '<none>'}`);
    } else if (v.emptyDir) {
      w.line(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)");
      w.line(2, `Medium:\t${v.emptyDir.medium ?? ''}`);
      w.line(
        2,
        `SizeLimit:\t${v.emptyDir.sizeLimit && v.emptyDir.sizeLimit !== '0' ? v.emptyDir.sizeLimit : '<unset>'}`,
      );
    } else if (v.secret) {
      w.line(2, 'Type:\tSecret (a volume populated by a Secret)');
      w.line(2, `SecretName:\t${v.secret.secretName}`);
      w.line(2, `Optional:\t${v.secret.optional === true}`);
    } else if (v.configMap) {
      w.line(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)');
      w.line(2, `Name:\t${v.configMap.name}`);
      w.line(2, `Optional:\t${v.configMap.optional === true}`);
    } else if (v.persistentVolumeClaim) {
      w.line(
        2,
        'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
      );
      w.line(2, `ClaimName:\t${v.persistentVolumeClaim.claimName}`);
      w.line(2, `ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}`);
    } else if (v.projected) {
      w.line(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)');
      for (const s of v.projected.sources ?? []) {
        if (s.secret) {
          w.line(2, `SecretName:\t${s.secret.name}`);
          w.line(2, `SecretOptionalName:\t${optionalPtr(s.secret.optional)}`);
        } else if (s.downwardAPI) w.line(2, 'DownwardAPI:\ttrue');
        else if (s.configMap) {
          w.line(2, `ConfigMapName:\t${s.configMap.name}`);
          w.line(2, `ConfigMapOptional:\t${optionalPtr(s.configMap.optional)}`);
        } else if (s.serviceAccountToken)
          w.line(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}`);
      }
    } else if (v.downwardAPI) {
      w.line(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)');
      w.line(2, 'Items:');
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.line(3, `${item.fieldRef.fieldPath} -> ${item.path}`);
        if (item.resourceFieldRef) w.line(3, `${item.resourceFieldRef.resource} -> ${item.path}`);
      }
    } else w.line(1, '<unknown>');
  }
}

export { DescribeWriter };
