/** Test helpers for the OpenShift engine: the nodejs-ex source build and a new image for a builder tag. */
import type { KObject } from '../api/types';
import type { Cluster } from '../cluster';

/** An empty ImageStream `app` in demo, where the BuildConfig below pushes. */
export function appStream(): KObject {
  return {
    apiVersion: 'image.openshift.io/v1',
    kind: 'ImageStream',
    metadata: { name: 'app', namespace: 'demo' },
    spec: {},
  };
}

/**
 * BuildConfig `app` in demo: a Source (S2I) build of sclorg/nodejs-ex on the builder `from`, output
 * app:latest. `spec` adds the fields a test is about (runPolicy, triggers, postCommit).
 */
export function nodejsBuildConfig(from: Record<string, string>, spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'build.openshift.io/v1',
    kind: 'BuildConfig',
    metadata: { name: 'app', namespace: 'demo' },
    spec: {
      source: { type: 'Git', git: { uri: 'https://github.com/sclorg/nodejs-ex' } },
      strategy: { type: 'Source', sourceStrategy: { from } },
      output: { to: { kind: 'ImageStreamTag', name: 'app:latest' } },
      ...spec,
    },
  };
}

/** Point the openshift/nodejs:20-ubi9 builder tag at a new image (what a cluster update does). */
export function updateNodejsBuilder(c: Cluster): void {
  const is = c.api.get('imagestreams.image.openshift.io', 'openshift', 'nodejs');
  c.api.update({
    ...is,
    spec: {
      ...is.spec,
      tags: is.spec.tags.map((t: { name: string }) =>
        t.name === '20-ubi9'
          ? { ...t, from: { kind: 'DockerImage', name: 'registry.access.redhat.com/ubi9/nodejs-22:latest' } }
          : t,
      ),
    },
  });
}
