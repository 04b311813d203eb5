/** SerialLatestOnly cancelling queued builds, and builder images in another namespace triggering builds. */
import { describe, expect, it } from 'vitest';
import { testCluster } from '../testing/fixtures';
import { instantiateBuild } from './instantiate';
import { appStream, nodejsBuildConfig, updateNodejsBuilder } from './testing';

const BUILDS = 'builds.build.openshift.io';

function setup(runPolicy: string, from: Record<string, string>) {
  const c = testCluster({ profile: 'openshift' });
  c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
  c.api.create(appStream());
  c.api.create(nodejsBuildConfig(from, { runPolicy, triggers: [{ type: 'ImageChange', imageChange: {} }] }));
  c.advance(5_000);
  return c;
}

const phases = (c: ReturnType<typeof setup>) =>
  c.api
    .list(BUILDS, { namespace: 'demo' })
    .map((b) => `${b.metadata.name}:${b.status?.phase}`)
    .sort();

describe('runPolicy SerialLatestOnly', () => {
  it('cancels the queued builds as soon as a newer one is created', () => {
    const c = setup('SerialLatestOnly', {
      kind: 'ImageStreamTag',
      namespace: 'openshift',
      name: 'nodejs:20-ubi9',
    });
    expect(phases(c)).toEqual(['app-1:Pending']);
    instantiateBuild(c.ctx, 'demo', 'app', { message: 'Manually triggered' });
    c.advance(1_000);
    expect(phases(c)).toEqual(['app-1:Pending', 'app-2:New']);
    instantiateBuild(c.ctx, 'demo', 'app', { message: 'Manually triggered' });
    c.advance(1_000);
    expect(phases(c)).toEqual(['app-1:Pending', 'app-2:Cancelled', 'app-3:New']);
    expect(c.api.get(BUILDS, 'demo', 'app-2').status).toMatchObject({
      phase: 'Cancelled',
      reason: 'CancelledBuild',
      message: 'The build was cancelled by the user.',
    });
    c.advance(600_000);
    expect(phases(c)).toEqual(['app-1:Complete', 'app-2:Cancelled', 'app-3:Complete']);
  });
});

describe('ImageChange on a builder image in the openshift namespace', () => {
  it('rebuilds configs in other projects when the builder stream gets a new image', () => {
    const c = setup('Serial', { kind: 'ImageStreamTag', namespace: 'openshift', name: 'nodejs:20-ubi9' });
    c.advance(600_000);
    expect(phases(c)).toEqual(['app-1:Complete']);
    updateNodejsBuilder(c);
    c.advance(10_000);
    const b2 = c.api.get(BUILDS, 'demo', 'app-2');
    expect(b2.spec.triggeredBy[0].message).toBe('Image change');
    expect(b2.spec.triggeredBy[0].imageChangeBuild.fromRef).toEqual({
      kind: 'ImageStreamTag',
      name: 'nodejs:20-ubi9',
      namespace: 'openshift',
    });
  });
});
