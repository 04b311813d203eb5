/** What the simulated shell can see of its container: files, env, processes, the network. */

export interface FsEntry {
  name: string;
  dir: boolean;
  size: number;
}

export interface ShellFs {
  read(path: string): string | undefined;
  /** Write a file; returns an error text (e.g. `Read-only file system`) or undefined. */
  write(path: string, content: string, append: boolean): string | undefined;
  list(dir: string): FsEntry[] | undefined;
  isDir(path: string): boolean;
  exists(path: string): boolean;
  remove(path: string, recursive: boolean): string | undefined;
  mkdir(path: string, parents: boolean): string | undefined;
}

export interface ProcessInfo {
  pid: number;
  user: string;
  command: string;
}

/** Network answers for curl/wget/nslookup (H4's 'network' service, adapted). */
export interface ShellNetwork {
  request(
    url: string,
    opts: {
      method: string;
      headers: Record<string, string>;
      timeoutMs?: number;
      connectTimeoutMs?: number;
      insecure?: boolean;
      body?: string;
      clientCert?: boolean;
      resolve?: Record<string, string>;
    },
  ): NetResult;
  lookup(
    name: string,
  ): { ok: true; name: string; addresses: string[] } | { ok: false; error: 'NXDOMAIN' | 'timeout' };
  /** The DNS server address shown by nslookup (kube-dns ClusterIP). */
  dnsServer: string;
}

export type NetResult =
  | {
      ok: true;
      status: number;
      statusText?: string;
      body: string;
      headers: Record<string, string>;
      latencyMs: number;
      ip?: string;
      port?: number;
    }
  | {
      ok: false;
      error:
        | 'resolve'
        | 'refused'
        | 'timeout'
        | 'unreachable'
        | 'empty-reply'
        | 'reset'
        | 'tls'
        | 'tls-handshake'
        | 'tls-cert-required';
      ip?: string;
      port?: number;
      latencyMs?: number;
    };

export interface ShellHost {
  now(): number;
  hostname: string;
  /** Which shell runs the script: decides error wording (`sh: x: not found` vs `bash: x: command not found`). */
  shell: 'sh' | 'bash';
  /** BusyBox applets behave differently from coreutils/procps in a few outputs. */
  busybox: boolean;
  hasCommand(name: string): boolean;
  fs: ShellFs;
  processes(): ProcessInfo[];
  network?: ShellNetwork;
  env: Record<string, string>;
  cwd: string;
  user: string;
  /** Signal PID 1 (kill 1): returns false when there is no such process. */
  signal?(pid: number, signal: string): boolean;
}

/** A pause in a running script (sleep); the container's process resumes after it on the virtual clock. */
export interface Pause {
  sleepMs: number;
}
