/** The ports an image's server listens on when run with no env or args: what its docs promise. */
import type { CatalogEntry, ServerContext } from './types';

/** A server context with nothing set: no env, no args, nothing mounted, every Service answering. */
const BARE_CONTEXT: ServerContext = {
  nowMs: 0,
  startedAtMs: 0,
  env: {},
  args: [],
  podName: 'pod',
  namespace: 'default',
  podIP: '10.244.1.2',
  state: { hung: false, requests: 0 },
  shared: {},
  readFile: () => undefined,
  serviceHasEndpoints: () => true,
};

/** The ports, [] for an image with no server, undefined when the server needs configuration to say. */
export function defaultPorts(e: CatalogEntry): number[] | undefined {
  const server = e.profile.server;
  if (!server) return [];
  try {
    return server.ports({ ...BARE_CONTEXT, state: { hung: false, requests: 0 } });
  } catch {
    return undefined;
  }
}
