import { describe, expect, it } from 'vitest';
import { createShell } from '../../cli';
import { createCluster, defaultNodes } from '../../engine/cluster';
import { pushCommit } from '../../engine/openshift/webhooks';
import type { ObjectView } from '../../protocol/views';
import { ViewMirror } from '../../worker/mirror';
import { viewEnvFor } from '../../worker/openshift-views';
import { podStatusFor } from '../../worker/pod-status';
import { BUILDER_ROW, ROW_H, StableLayout } from './layout';
import { buildGraph } from './model';
import {
  buildProgress,
  imageStreamTagId,
  imageStreamTagViews,
  latestBuildOf,
  openShiftShapeChanged,
  tagStatus,
} from './openshift-model';
import { chainPulses } from './openshift-pulse';

/** `oc new-app` on an OpenShift cluster, with the page's view of it (uid -> view) on demand. */
function lab(builder = 'nodejs') {
  const cluster = createCluster({ seed: 1, nodes: defaultNodes(3), profile: 'openshift' });
  const shell = createShell(cluster, { files: { read: () => undefined, list: () => [] } });
  const run = (line: string) => {
    const r = shell.run(line);
    cluster.settle();
    expect(r.exitCode, r.output).toBe(0);
  };
  const mirror = new ViewMirror(podStatusFor(cluster), viewEnvFor(cluster));
  const objects = () =>
    new Map(mirror.snapshot((r) => cluster.api.store.list(r)).map((v) => [v.uid, v] as const));
  const until = (done: () => boolean) => {
    for (let s = 0; s < 300 && !done(); s++) cluster.advance(1000);
    expect(done()).toBe(true);
  };
  const phase = (name: string) =>
    cluster.api.store.get('builds.build.openshift.io', 'demo', name)?.status?.phase;
  const ready = () =>
    cluster.api.store.get('deployments.apps', 'demo', 'nodejs-ex')?.status?.readyReplicas === 1;
  run('oc new-project demo');
  if (builder !== 'nodejs') {
    // A builder image of the project's own (tracking the shared one), imported before new-app looks for it.
    run(`oc tag openshift/nodejs:22-ubi9 ${builder}`);
    cluster.advance(1000);
  }
  run(`oc new-app ${builder}~https://github.com/sclorg/nodejs-ex`);
  return { cluster, run, objects, until, phase, ready };
}

function find(objects: Map<string, ObjectView>, kind: string, name: string): ObjectView {
  const v = [...objects.values()].find((o) => o.kind === kind && o.name === name);
  if (!v) throw new Error(`no ${kind} ${name}`);
  return v;
}

describe('the build chain on the graph', () => {
  it('draws BuildConfig → Build → ImageStreamTag → Deployment → ReplicaSet → pods and Route → Service', () => {
    const { run, objects, until, phase, ready } = lab();
    until(() => phase('nodejs-ex-1') === 'Complete' && ready());
    run('oc expose svc/nodejs-ex');
    const world = objects();
    const g = buildGraph(world, 'demo', new StableLayout());
    const id = (kind: string, name: string) => find(world, kind, name).uid;
    const stream = id('ImageStream', 'nodejs-ex');
    const builderStream = find(world, 'ImageStream', 'nodejs');
    const tag = imageStreamTagId(stream, 'latest');
    const builderTag = imageStreamTagId(builderStream.uid, '22-ubi9');

    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get(id('BuildConfig', 'nodejs-ex'))?.type).toBe('buildconfig');
    expect(byId.get(id('Build', 'nodejs-ex-1'))?.type).toBe('build');
    expect(byId.get(id('Route', 'nodejs-ex'))?.type).toBe('route');
    expect(byId.get(tag)).toMatchObject({ type: 'istag', data: { uid: stream, tag: 'latest' } });
    // The shared builder image shows (from namespace openshift) because the BuildConfig builds on it; its
    // other tags do not.
    expect(byId.get(builderTag)).toMatchObject({
      type: 'istag',
      data: { uid: builderStream.uid, tag: '22-ubi9' },
    });
    expect(g.nodes.filter((n) => n.type === 'istag').map((n) => n.id)).toEqual([tag, builderTag]);

    const edges = new Set(g.edges.map((e) => e.id));
    const rs = [...world.values()].find(
      (o) => o.kind === 'ReplicaSet' && o.ownerUid === id('Deployment', 'nodejs-ex') && o.status === '1/1',
    )!;
    const pod = [...world.values()].find((o) => o.kind === 'Pod' && o.ownerUid === rs.uid)!;
    for (const e of [
      `image:${builderTag}>${id('BuildConfig', 'nodejs-ex')}`,
      `owner:${id('BuildConfig', 'nodejs-ex')}>${id('Build', 'nodejs-ex-1')}`,
      `owner:${id('Build', 'nodejs-ex-1')}>${id('Pod', 'nodejs-ex-1-build')}`,
      `image:${id('Build', 'nodejs-ex-1')}>${tag}`,
      `image:${tag}>${id('Deployment', 'nodejs-ex')}`,
      `owner:${id('Deployment', 'nodejs-ex')}>${rs.uid}`,
      `owner:${rs.uid}>${pod.uid}`,
      `route:${id('Route', 'nodejs-ex')}>${id('Service', 'nodejs-ex')}`,
      `service:${id('Service', 'nodejs-ex')}>${pod.uid}`,
    ])
      expect(edges, e).toContain(e);
    // With a build, the BuildConfig's own output link is left to the build.
    expect(edges).not.toContain(`image:${id('BuildConfig', 'nodejs-ex')}>${tag}`);
    expect(g.edges.filter((e) => e.className?.startsWith('edge-image'))).toHaveLength(3);
  });

  it('draws the output tag empty before the first push, already linked to build and Deployment', () => {
    const { cluster, objects } = lab();
    cluster.advance(1000);
    const world = objects();
    const stream = find(world, 'ImageStream', 'nodejs-ex');
    expect(stream.tags).toEqual([]);
    const g = buildGraph(world, 'demo', new StableLayout());
    const tag = imageStreamTagId(stream.uid, 'latest');
    expect(g.nodes.find((n) => n.id === tag)).toMatchObject({
      type: 'istag',
      data: { uid: stream.uid, tag: 'latest' },
    });
    const tagView = imageStreamTagViews([stream], 'demo', [...world.values()]);
    expect(tagView.map((v) => [v.name, v.status])).toEqual([['nodejs-ex:latest', 'latest@<none>']]);
    const edges = g.edges.map((e) => e.id);
    expect(edges).toContain(`image:${find(world, 'Build', 'nodejs-ex-1').uid}>${tag}`);
    expect(edges).toContain(`image:${tag}>${find(world, 'Deployment', 'nodejs-ex').uid}`);
  });

  it('lays the chain out top-down in a lane left of the machines', () => {
    const { objects, until, phase } = lab();
    until(() => phase('nodejs-ex-1') === 'Complete');
    const world = objects();
    const g = buildGraph(world, 'demo', new StableLayout());
    const at = (nodeId: string) => g.nodes.find((n) => n.id === nodeId)!.position;
    const bc = at(find(world, 'BuildConfig', 'nodejs-ex').uid);
    const build = at(find(world, 'Build', 'nodejs-ex-1').uid);
    const tag = at(imageStreamTagId(find(world, 'ImageStream', 'nodejs-ex').uid, 'latest'));
    const builder = at(imageStreamTagId(find(world, 'ImageStream', 'nodejs').uid, '22-ubi9'));
    const deploy = at(find(world, 'Deployment', 'nodejs-ex').uid);
    expect([builder.y, bc.y, build.y, tag.y, deploy.y]).toEqual([
      BUILDER_ROW * ROW_H,
      0,
      ROW_H,
      2 * ROW_H,
      3 * ROW_H,
    ]);
    // One column: the build and its output sit under their BuildConfig, left of x = 0.
    expect([builder.x, bc.x, build.x, tag.x]).toEqual([-200, -200, -200, -200]);
    expect(deploy.x).toBeGreaterThanOrEqual(0);
  });

  it('with a webhook push, pulses BuildConfig and Build, then the new image down to the Deployment', () => {
    const { cluster, objects, until, phase, ready } = lab();
    until(() => phase('nodejs-ex-1') === 'Complete' && ready());
    const before = objects();
    const { builds } = pushCommit(cluster.ctx, 'https://github.com/sclorg/nodejs-ex', 'Say hello');
    expect(builds.map((b) => b.metadata.name)).toEqual(['nodejs-ex-2']);
    cluster.settle();
    const started = objects();
    const build2 = find(started, 'Build', 'nodejs-ex-2');
    expect(build2.build?.cause).toBe('Webhook');
    const changed = [...started.keys()].filter((uid) => started.get(uid) !== before.get(uid));
    // (Views are rebuilt per snapshot, so compare by content to find what changed.)
    const diff = changed.filter(
      (uid) => JSON.stringify(started.get(uid)) !== JSON.stringify(before.get(uid)),
    );
    expect([...chainPulses(before, started, diff)].sort()).toEqual(
      [build2.uid, find(started, 'BuildConfig', 'nodejs-ex').uid].sort(),
    );

    until(() => phase('nodejs-ex-2') === 'Complete');
    const done = objects();
    const diff2 = [...done.keys()].filter(
      (uid) => JSON.stringify(done.get(uid)) !== JSON.stringify(started.get(uid)),
    );
    const stream = find(done, 'ImageStream', 'nodejs-ex');
    expect(stream.tags?.[0].digest).not.toBe(find(started, 'ImageStream', 'nodejs-ex').tags?.[0].digest);
    // Downstream of what pulses, what appeared since pulses too: build 2's pod, and the rollout's new
    // ReplicaSet with its pod (the snapshots here squash what the page sees over several diffs).
    const deploy = find(done, 'Deployment', 'nodejs-ex');
    const newRs = [...done.values()].filter((o) => o.ownerUid === deploy.uid && !started.has(o.uid));
    expect(newRs.map((o) => [o.kind, o.status])).toEqual([['ReplicaSet', '0/1']]);
    const newPods = [...done.values()].filter((o) => o.ownerUid === newRs[0].uid);
    expect(newPods).toHaveLength(1);
    expect(started.has(find(done, 'Pod', 'nodejs-ex-2-build').uid)).toBe(false);
    expect([...chainPulses(started, done, diff2)].sort()).toEqual(
      [
        imageStreamTagId(stream.uid, 'latest'),
        deploy.uid,
        build2.uid,
        find(done, 'Pod', 'nodejs-ex-2-build').uid,
        newRs[0].uid,
        newPods[0].uid,
      ].sort(),
    );
    // Without the tag's change nothing new is downstream of a pulse: the same changes pulse nothing.
    const quiet = diff2.filter((uid) => done.get(uid)?.kind !== 'ImageStream');
    expect([...chainPulses(started, done, quiet)]).toEqual([]);
  });

  it('pulses the builder tag and the BuildConfig when a new builder image starts a build', () => {
    const { cluster, run, objects, until, phase } = lab('builder:22');
    until(() => phase('nodejs-ex-1') === 'Complete');
    const before = objects();
    // A new builder image under builder:22: the ImageChange trigger starts build 2.
    run('oc tag openshift/nodejs:20-ubi9 builder:22');
    until(() => phase('nodejs-ex-2') !== undefined);
    cluster.settle();
    const after = objects();
    const diff = [...after.keys()].filter(
      (uid) => JSON.stringify(after.get(uid)) !== JSON.stringify(before.get(uid)),
    );
    const builder = imageStreamTagId(find(after, 'ImageStream', 'builder').uid, '22');
    const bc = find(after, 'BuildConfig', 'nodejs-ex');
    const build2 = find(after, 'Build', 'nodejs-ex-2');
    expect(build2.build?.cause).toBe('ImageChange');
    const pulses = chainPulses(before, after, diff);
    expect(pulses).toContain(builder);
    expect(pulses).toContain(bc.uid);
    expect(pulses).toContain(build2.uid);
    // The edges between pulsing nodes pulse too.
    const g = buildGraph(after, 'demo', new StableLayout(), [], pulses);
    expect(
      g.edges
        .filter((e) => e.className?.endsWith(' pulse'))
        .map((e) => e.id)
        .sort(),
    ).toEqual(
      [
        `image:${builder}>${bc.uid}`,
        `owner:${bc.uid}>${build2.uid}`,
        `owner:${build2.uid}>${find(after, 'Pod', 'nodejs-ex-2-build').uid}`,
      ].sort(),
    );
  });

  it('reads progress off the virtual clock and finds the newest build of a config', () => {
    const { cluster, objects, until, phase } = lab();
    until(() => phase('nodejs-ex-1') === 'Running');
    const world = objects();
    const build = find(world, 'Build', 'nodejs-ex-1');
    const stages = build.build!.stages!;
    expect(buildProgress(build, stages[0].atMs)).toEqual({ stage: 'FetchInputs', percent: 0 });
    expect(buildProgress(build, stages[3].atMs).stage).toBe('PushImage');
    expect(buildProgress(build, build.build!.endMs!)).toEqual({ stage: 'PushImage', percent: 100 });
    expect(buildProgress({ ...build, status: 'Complete' }, cluster.clock.now())).toEqual({});
    expect(latestBuildOf(world, find(world, 'BuildConfig', 'nodejs-ex'))?.uid).toBe(build.uid);
  });
});

describe('ImageStreamTag views', () => {
  const is = (namespace: string, name: string, tags: string[]): ObjectView => ({
    uid: `${namespace}-${name}`,
    kind: 'ImageStream',
    name,
    namespace,
    status: '',
    labels: {},
    tags: tags.map((tag) => ({ tag, digest: `sha256:${'ab'.repeat(32)}` })),
  });

  it('shows the shared namespace only where used, or when it is the one shown', () => {
    const streams = [is('openshift', 'nodejs', ['20-ubi9', '22-ubi9']), is('demo', 'app', ['latest', 'dev'])];
    expect(imageStreamTagViews(streams, 'demo', []).map((v) => v.name)).toEqual(['app:latest', 'app:dev']);
    expect(imageStreamTagViews(streams, '', []).map((v) => v.name)).toEqual(['app:latest', 'app:dev']);
    expect(imageStreamTagViews(streams, 'openshift', []).map((v) => v.name)).toEqual([
      'nodejs:20-ubi9',
      'nodejs:22-ubi9',
    ]);
    const bc: ObjectView = {
      ...is('demo', 'bc', []),
      kind: 'BuildConfig',
      imageTags: [{ namespace: 'openshift', stream: 'nodejs', tag: '22-ubi9', role: 'builder' }],
    };
    const views = imageStreamTagViews(streams, 'demo', [bc]);
    expect(views.map((v) => [v.name, v.role, v.status])).toEqual([
      ['nodejs:22-ubi9', 'builder', `22-ubi9@sha256:${'ab'.repeat(6)}`],
      ['app:latest', undefined, `latest@sha256:${'ab'.repeat(6)}`],
      ['app:dev', undefined, `dev@sha256:${'ab'.repeat(6)}`],
    ]);
  });

  it('writes a tag without an image as <none>, and counts new tags and links as shape changes', () => {
    expect(tagStatus('latest', undefined)).toBe('latest@<none>');
    const a = is('demo', 'app', ['latest']);
    expect(openShiftShapeChanged(a, { ...a, tags: [{ tag: 'latest', digest: 'sha256:1' }] })).toBe(false);
    expect(openShiftShapeChanged(a, is('demo', 'app', ['latest', 'dev']))).toBe(true);
    expect(
      openShiftShapeChanged(a, {
        ...a,
        imageTags: [{ namespace: 'demo', stream: 'app', tag: 'latest', role: 'trigger' }],
      }),
    ).toBe(true);
  });
});
