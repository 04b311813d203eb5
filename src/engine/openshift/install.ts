/**
 * What an OpenShift cluster has from the start besides Kubernetes' own namespaces: the `openshift`
 * namespace with the sample builder ImageStreams (nodejs, python, ruby, php, java) and the default
 * router in openshift-ingress.
 */
import type { KObject } from '../api/types';
import type { EngineContext } from '../context';
import { DATABASE_IMAGE_STREAMS, SAMPLE_IMAGE_STREAMS } from '../images/catalog-openshift';
import { routerObjects } from './router';

export function sampleImageStreams(): KObject[] {
  const streams = [
    ...Object.entries(SAMPLE_IMAGE_STREAMS).map(([name, tags]) => [name, tags, 'builder'] as const),
    ...Object.entries(DATABASE_IMAGE_STREAMS).map(([name, tags]) => [name, tags, 'database'] as const),
  ];
  return streams.map(([name, tags, kind]) => ({
    apiVersion: 'image.openshift.io/v1',
    kind: 'ImageStream',
    metadata: { name, namespace: 'openshift', annotations: { 'openshift.io/display-name': name } },
    spec: {
      lookupPolicy: { local: false },
      // `latest` follows the newest version tag, as in the samples operator's streams.
      tags: Object.entries(tags).map(([tag, repo]) => ({
        name: tag,
        annotations: { tags: `${kind},${name}` },
        from:
          tag === 'latest'
            ? { kind: 'ImageStreamTag', name: newestTag(tags, repo) }
            : { kind: 'DockerImage', name: `${repo}:latest` },
        referencePolicy: { type: 'Local' },
        importPolicy: {},
      })),
    },
  }));
}

export function installOpenShift(ctx: EngineContext): void {
  const objects: KObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openshift' } },
    ...sharedResourceViewers(),
    ...sampleImageStreams(),
    ...routerObjects(),
  ];
  for (const o of objects) {
    const rt = ctx.api.typeOf(o);
    const resource = rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
    if (!ctx.api.tryGet(resource, o.metadata.namespace, String(o.metadata.name)))
      ctx.api.create(o, { internal: true });
  }
}

/**
 * openshift-apiserver's bootstrap policy for the `openshift` namespace: every authenticated user may read
 * its templates and image streams (and pull from them), so `oc new-app nodejs~...` works for any user.
 */
export function sharedResourceViewers(): KObject[] {
  const read = ['get', 'list', 'watch'];
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'shared-resource-viewer', namespace: 'openshift' },
      rules: [
        { apiGroups: ['', 'template.openshift.io'], resources: ['templates'], verbs: read },
        {
          apiGroups: ['', 'image.openshift.io'],
          resources: ['imagestreamimages', 'imagestreams', 'imagestreamtags'],
          verbs: read,
        },
        { apiGroups: ['', 'image.openshift.io'], resources: ['imagestreams/layers'], verbs: ['get'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'shared-resource-viewers', namespace: 'openshift' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'shared-resource-viewer' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' }],
    },
  ];
}

function newestTag(tags: Record<string, string>, repo: string): string {
  return Object.keys(tags).find((t) => t !== 'latest' && tags[t] === repo) ?? 'latest';
}
