/**
 * Pods from a controller's template (controller.GetPodFromTemplate): the template's labels, annotations,
 * finalizers and spec, a generateName of `<controller>-` and the controller reference.
 *
 * The pod's spec is a new top-level object whose values are the template's own (stored, never mutated)
 * containers, volumes and so on, and its labels and annotations are the template's maps: defaulting and
 * admission are copy-on-write, so every pod of a template shares what none of them changes (100,000 pods
 * would otherwise hold 100,000 copies of one template). Callers may assign top-level metadata and spec
 * fields; nested values must be replaced, never changed in place.
 */
import type { KObject, OwnerReference, StoredObject } from '../../api/types';

/** The API server truncates generateName bases to 58 characters so that the 5-character suffix fits 63. */
export const MAX_GENERATE_NAME_BASE = 58;

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] };
  spec?: Record<string, unknown>;
}

export function podFromTemplate(
  template: PodTemplate,
  owner: StoredObject,
  controllerRef: OwnerReference,
): KObject {
  const meta = template.metadata ?? {};
  const generateName = `${owner.metadata.name}-`.slice(0, MAX_GENERATE_NAME_BASE);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName,
      namespace: owner.metadata.namespace,
      ...(meta.labels ? { labels: meta.labels } : {}),
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ...(meta.finalizers?.length ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef],
    },
    spec: { ...(template.spec ?? {}) },
  };
}
