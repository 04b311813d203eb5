/**
 * The OpenShift API groups the lab serves, with the names `oc api-resources` lists. Their schemas come
 * from the generated OpenShift definitions (schema/generated), so writes are decoded and validated like
 * built-in kinds as soon as the kind is registered.
 */
import type { KindRegistry, KindStrategy } from '../api/kinds';

interface OpenShiftKind {
  plural: string;
  shortNames: string[];
  group: string;
  kind: string;
  namespaced: boolean;
  categories?: string[];
  statusSubresource?: boolean;
}

export const OPENSHIFT_KINDS: OpenShiftKind[] = [
  { plural: 'projects', shortNames: [], group: 'project.openshift.io', kind: 'Project', namespaced: false },
  {
    plural: 'imagestreams',
    shortNames: ['is'],
    group: 'image.openshift.io',
    kind: 'ImageStream',
    namespaced: true,
    categories: ['all'],
    statusSubresource: true,
  },
  {
    plural: 'imagestreamtags',
    shortNames: ['istag'],
    group: 'image.openshift.io',
    kind: 'ImageStreamTag',
    namespaced: true,
  },
  {
    plural: 'imagestreamimages',
    shortNames: ['isimage'],
    group: 'image.openshift.io',
    kind: 'ImageStreamImage',
    namespaced: true,
  },
  {
    plural: 'buildconfigs',
    shortNames: ['bc'],
    group: 'build.openshift.io',
    kind: 'BuildConfig',
    namespaced: true,
    categories: ['all'],
    statusSubresource: true,
  },
  {
    plural: 'builds',
    shortNames: [],
    group: 'build.openshift.io',
    kind: 'Build',
    namespaced: true,
    categories: ['all'],
    statusSubresource: true,
  },
  {
    plural: 'routes',
    shortNames: [],
    group: 'route.openshift.io',
    kind: 'Route',
    namespaced: true,
    categories: ['all'],
    statusSubresource: true,
  },
  {
    plural: 'deploymentconfigs',
    shortNames: ['dc'],
    group: 'apps.openshift.io',
    kind: 'DeploymentConfig',
    namespaced: true,
    categories: ['all'],
    statusSubresource: true,
  },
  { plural: 'templates', shortNames: [], group: 'template.openshift.io', kind: 'Template', namespaced: true },
];

/** Register the OpenShift kinds; `strategies` adds per-resource defaults (a Route's generated host). */
export function registerOpenShiftKinds(
  registry: KindRegistry,
  strategies: Record<string, KindStrategy> = {},
): void {
  for (const k of OPENSHIFT_KINDS) {
    const id = `${k.plural}.${k.group}`;
    if (registry.get(id)) continue;
    registry.register({
      group: k.group,
      version: 'v1',
      kind: k.kind,
      plural: k.plural,
      singular: k.kind.toLowerCase(),
      shortNames: k.shortNames,
      namespaced: k.namespaced,
      categories: k.categories ?? [],
      strategy: { statusSubresource: k.statusSubresource, ...strategies[id] },
    });
  }
}
