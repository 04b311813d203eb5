/** Running one probe against a container, with the kubelet prober's exact failure texts. */
import type { KubeletManager } from './manager';
import type { NodeAgent } from './node-agent';
import { runToEnd, Shell } from './shell/run';
import type { ContainerRt, PodRt } from './types';

export interface ProbeOutcome {
  ok: boolean;
  message?: string;
}

function namedPort(c: ContainerRt, port: number | string): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const p = ((c.spec.ports ?? []) as { name?: string; containerPort: number }[]).find((x) => x.name === port);
  return p?.containerPort ?? 0;
}

export function runProbe(
  m: KubeletManager,
  agent: NodeAgent,
  rt: PodRt,
  c: ContainerRt,
  spec: any,
  kind?: string,
): ProbeOutcome {
  const timeoutMs = (spec.timeoutSeconds ?? 1) * 1000;
  const ip = rt.ip ?? '';
  if (kind && m.faults.probeBroken(m.ctx, rt.pod, kind)) {
    // A fault made this probe fail the way its handler would.
    if (spec.httpGet) return { ok: false, message: 'HTTP probe failed with statuscode: 500' };
    if (spec.tcpSocket)
      return {
        ok: false,
        message: `dial tcp ${ip}:${namedPort(c, spec.tcpSocket.port)}: connect: connection refused`,
      };
    return { ok: false, message: '' };
  }
  if (spec.httpGet) {
    const h = spec.httpGet;
    const port = namedPort(c, h.port);
    const host = h.host ?? ip;
    const scheme = (h.scheme ?? 'HTTP').toLowerCase();
    let path: string = h.path ?? '/';
    if (!path.startsWith('/')) path = `/${path}`;
    const url = `${scheme}://${host}:${port}${path}`;
    const headers: Record<string, string> = {
      'User-Agent': `kube-probe/${m.ctx.config.kubernetesVersion.replace(/^v(\d+\.\d+).*/, '$1')}`,
      Accept: '*/*',
    };
    for (const hh of (h.httpHeaders ?? []) as { name: string; value: string }[]) headers[hh.name] = hh.value;
    const out = m.serve(rt, port, { method: 'GET', path, headers, clientIP: agent.hostIP });
    if (out === 'refused' || out === 'down')
      return { ok: false, message: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    if (out === 'not-http') return { ok: false, message: `Get "${url}": EOF` };
    if ('hang' in out || (out.latencyMs ?? 0) > timeoutMs) {
      return {
        ok: false,
        message: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      };
    }
    if (out.status >= 200 && out.status < 400) return { ok: true };
    return { ok: false, message: `HTTP probe failed with statuscode: ${out.status}` };
  }
  if (spec.tcpSocket) {
    const port = namedPort(c, spec.tcpSocket.port);
    const host = spec.tcpSocket.host ?? ip;
    const listening = [...rt.app, ...rt.init].some((x) => x.proc && !x.proc.exited && x.proc.listening(port));
    return listening && agent.running
      ? { ok: true }
      : { ok: false, message: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (spec.exec) {
    const argv: string[] = spec.exec.command ?? [];
    let output = '';
    const host = m.shellHost(agent, rt, c, c.env ?? { ...(c.image?.profile.env ?? {}), HOSTNAME: rt.name });
    const base = (argv[0] ?? '').split('/').pop() ?? '';
    const builtin = [
      'sh',
      'bash',
      'ash',
      'cat',
      'ls',
      'test',
      'true',
      'false',
      'echo',
      'grep',
      'wget',
      'curl',
      'pg_isready',
      'redis-cli',
      'mysqladmin',
      'nodetool',
    ];
    if (argv.length === 0 || (!host.hasCommand(base) && !builtin.includes(base) && !c.fs?.exists(argv[0]))) {
      return {
        ok: false,
        message: `rpc error: code = Unknown desc = failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0] ?? ''}": executable file not found in $PATH: unknown`,
      };
    }
    const sh = new Shell(host, { stdout: (t) => (output += t), stderr: (t) => (output += t) });
    const code =
      argv[0]?.startsWith('/') && c.fs?.read(argv[0]) !== undefined && !host.hasCommand(base)
        ? runToEnd(sh.runScript(c.fs.read(argv[0]) ?? ''))
        : runToEnd(sh.runArgv(argv));
    return code === 0
      ? { ok: true }
      : {
          ok: false,
          message: output.replace(/\n$/, '') || `command "${argv.join(' ')}" exited with ${code}`,
        };
  }
  if (spec.grpc) {
    const port = spec.grpc.port;
    for (const x of [...rt.app, ...rt.init]) {
      if (!x.proc || x.proc.exited) continue;
      const h = x.proc.grpcHealth(port);
      if (h === 'refused') continue;
      if (h === 'SERVING') return { ok: true };
      if (h === 'NOT_SERVING')
        return { ok: false, message: 'service unhealthy (responded with "NOT_SERVING")' };
      return {
        ok: false,
        message:
          'error: this server does not implement the grpc health protocol (grpc.health.v1.Health): rpc error: code = Unimplemented desc = unknown service grpc.health.v1.Health',
      };
    }
    return {
      ok: false,
      message: `timeout: failed to connect service "${ip}:${port}" within ${spec.timeoutSeconds ?? 1}s: context deadline exceeded`,
    };
  }
  return { ok: true };
}
