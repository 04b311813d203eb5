/** The editor's JSON schema: every kind this cluster's API server serves, from the engine's own definitions. */
import type { Cluster } from '../engine/cluster';
import { combinedJsonSchema } from '../engine/schema/json-schema';

export function editorSchema(cluster: Cluster): Record<string, unknown> {
  const kinds = cluster.api.kinds
    .all()
    .map((rt) => ({ apiVersion: rt.group ? `${rt.group}/${rt.version}` : rt.version, kind: rt.kind }));
  return combinedJsonSchema(kinds);
}
