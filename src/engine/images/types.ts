/**
 * What an image does when it runs: its default command, what is installed (shell, binaries, files) and,
 * for servers, how it starts, which ports it listens on, how it answers requests, what it logs and how it
 * stops. The kubelet turns a container spec plus this profile into a simulated process.
 */

export interface HttpRequest {
  method: string;
  /** Path with query string, e.g. `/status/500?x=1`. */
  path: string;
  headers: Record<string, string>;
  /** The caller's IP (a pod IP, a node IP for probes and NodePorts). */
  clientIP: string;
  /** The request body (a form posted with curl -d), when there is one. */
  body?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** Extra time the handler takes (a /delay endpoint, a slow app); the network adds its own. */
  latencyMs?: number;
}

/** A handler answers, or hangs (the caller's timeout decides what the client sees). */
export type HttpOutcome = HttpResponse | { hang: true };

/** Mutable per-container-instance state a server keeps (hung after /hang, request count). */
export interface ServerState {
  hung: boolean;
  requests: number;
  /** Paths a fault made fail (path -> status), kept by the faults service. */
  [extra: string]: unknown;
}

/** What a running server can see about itself and the cluster. */
export interface ServerContext {
  nowMs: number;
  /** Virtual ms when the container started. */
  startedAtMs: number;
  env: Record<string, string>;
  args: string[];
  podName: string;
  namespace: string;
  podIP: string;
  state: ServerState;
  /** State shared by every server in the namespace (the guestbook's message list stands in for redis). */
  shared: Record<string, unknown>;
  /** A file in the container's view (image files overlaid with mounted volumes), or undefined. */
  readFile(path: string): string | undefined;
  /** Whether a Service in the pod's namespace (or `name.ns`) has ready endpoints. */
  serviceHasEndpoints(name: string): boolean;
  /**
   * Call another service from inside the pod (bookinfo's productpage and reviews), as a GET with the given
   * headers and client timeout; undefined when no network is running. `latencyMs` is what the call took
   * (the timeout when it timed out), so a caller's answer can include its dependencies' time.
   */
  fetch?(url: string, options?: FetchOptions): FetchResult | undefined;
}

export interface FetchOptions {
  headers?: Record<string, string>;
  /** Client-side timeout (default 3 s). */
  timeoutMs?: number;
}

/** `status` is absent when no HTTP answer came back (refused, reset, timed out). */
export interface FetchResult {
  status?: number;
  body: string;
  latencyMs: number;
}

export type Signal = 'SIGTERM' | 'SIGQUIT' | 'SIGINT' | 'SIGWINCH' | 'SIGKILL';

export interface StopBehaviour {
  /** The image's STOPSIGNAL (containerd sends it instead of SIGTERM). */
  signal: Signal;
  /** How the process reacts: exit after `afterMs` with `exitCode`, or ignore it (PID 1 without handlers). */
  reaction: 'exit' | 'ignore';
  afterMs: number;
  exitCode: number;
  logs?(ctx: ServerContext): string[];
}

/** A fatal start-up check (postgres without a password): exits with these logs. */
export interface StartupFailure {
  exitCode: number;
  afterMs: number;
  logs: string[];
}

export interface ServerProfile {
  /** TCP ports it listens on once started (may depend on args/env, e.g. http-echo's -listen). */
  ports(ctx: ServerContext): number[];
  /** Ports that speak HTTP (the rest answer with an empty reply). Default: all. */
  httpPorts?(ctx: ServerContext): number[];
  /** Ports serving gRPC health (grpc.health.v1). */
  grpcPorts?(ctx: ServerContext): number[];
  /** ms from process start until it listens. */
  startupMs(ctx: ServerContext): number;
  /** A reason to exit at start-up (missing required env, bad args). */
  preflight?(ctx: ServerContext): StartupFailure | undefined;
  startLogs(ctx: ServerContext): string[];
  handle?(req: HttpRequest, ctx: ServerContext): HttpOutcome;
  /** The line written per request (nginx's access log), if any. */
  accessLog?(req: HttpRequest, res: HttpResponse, ctx: ServerContext): string | undefined;
  /** gRPC health status (SERVING / NOT_SERVING). */
  grpcHealth?(ctx: ServerContext): 'SERVING' | 'NOT_SERVING';
  stop: StopBehaviour;
  /** Working set bytes when idle and per 1 rps of load. */
  memoryBytes: number;
  /** Idle CPU in millicores, and per request/second of load. */
  cpuMillis: number;
  cpuPerRps?: number;
  /** Working set computed from the command line (polinux/stress --vm-bytes), overriding memoryBytes. */
  memoryFor?(ctx: ServerContext): number;
  /** Memory grows this many bytes per minute (a leak for OOM lessons). */
  leakBytesPerMinute?(ctx: ServerContext): number;
}

export interface ImageProfile {
  id: string;
  /** ENTRYPOINT and CMD of the image config. */
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workingDir: string;
  /** Which shell is installed: bash (implies sh), sh (busybox/dash) or none (distroless, scratch). */
  shell: 'bash' | 'sh' | null;
  /** Commands on PATH besides the shell's builtins. */
  binaries: string[];
  /** argv[0] basenames that start the image's server (after an entrypoint wrapper). */
  serverCommands: string[];
  /** Wrapper entrypoints that exec "$@" when the first argument is not an option (docker-entrypoint.sh). */
  wrappers?: string[];
  server?: ServerProfile;
  /** Other servers the image can run, chosen by the command line (`python -m http.server 8000`). */
  altServers?: { match(argv: string[]): boolean; server: ServerProfile }[];
  /** Files in the image (absolute paths). */
  files: Record<string, string>;
  /** The process name `ps` shows for the server. */
  processName?: string;
  /** Memory of a plain shell/sleep process in this image. */
  baseMemoryBytes?: number;
}

export interface ImageTagInfo {
  tag: string;
  /** Compressed size as the kubelet reports it ("Image size: N bytes"). */
  sizeBytes: number;
  /** Repo digest `sha256:...`. */
  digest: string;
  /** A tag that behaves differently from the repository's default profile (kubedojo/web:2.0). */
  profile?: ImageProfile;
}

export interface CatalogEntry {
  repository: string;
  profile: ImageProfile;
  tags: ImageTagInfo[];
  description: string;
}
