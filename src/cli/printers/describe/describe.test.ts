/**
 * Golden describe outputs. The .txt files under golden/ were checked line by line against kubectl 1.32's
 * describe.go layouts (field order, tab alignment, trailing spaces in condition tables).
 * Regenerate with UPDATE_GOLDEN=1 after a deliberate change, and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../../../engine/api/types';
import { describeObject } from '../index';
import { describeContext } from '../testdata/context';
import * as fx1 from '../testdata/describe-more';
import * as fx0 from '../testdata/describe-objects';

const fx = { ...fx0, ...fx1 };

import * as st from '../testdata/describe-states';
import { rt } from '../testdata/registry';

function golden(name: string, text: string): void {
  const file = join(__dirname, 'golden', `${name}.txt`);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const all: StoredObject[] = [
  fx.deployment,
  fx.replicaSet,
  fx.pod,
  ...fx.podEvents,
  ...fx.deploymentEvents,
  fx.service,
  fx.endpointSlice,
  fx.endpoints,
  fx.node,
  fx.nodeLease,
  fx.kubeProxyPod,
  fx.namespace,
  fx.quota,
  fx.limitRange,
  fx.configMap,
  fx.secret,
  fx.serviceAccount,
  fx.job,
  fx.cronJob,
  fx.statefulSet,
  fx.daemonSet,
  fx.pvc,
  fx.pv,
  fx.ingress,
  fx.hpa,
  fx.role,
  fx.roleBinding,
  fx.networkPolicy,
  fx.storageClass,
  fx.pdb,
  fx.priorityClass,
];

describe('kubectl describe layouts', () => {
  const ctx = describeContext(all);
  it('pod', () => golden('pod', describeObject(ctx, rt('pods'), fx.pod)));
  it('deployment', () => golden('deployment', describeObject(ctx, rt('deploy'), fx.deployment)));
  it('replicaset', () => golden('replicaset', describeObject(ctx, rt('rs'), fx.replicaSet)));
  it('service', () => golden('service', describeObject(ctx, rt('svc'), fx.service)));
  it('endpoints', () => golden('endpoints', describeObject(ctx, rt('ep'), fx.endpoints)));
  it('node', () => golden('node', describeObject(ctx, rt('node'), fx.node)));
  it('namespace', () => golden('namespace', describeObject(ctx, rt('ns'), fx.namespace)));
  it('namespace without quotas', () =>
    golden(
      'namespace-default',
      describeObject(ctx, rt('ns'), {
        ...fx.namespace,
        metadata: { ...fx.namespace.metadata, name: 'default' },
      }),
    ));
  it('configmap', () => golden('configmap', describeObject(ctx, rt('cm'), fx.configMap)));
  it('secret', () => golden('secret', describeObject(ctx, rt('secrets'), fx.secret)));
  it('serviceaccount', () => golden('serviceaccount', describeObject(ctx, rt('sa'), fx.serviceAccount)));
  it('job', () => golden('job', describeObject(ctx, rt('jobs'), fx.job)));
  it('cronjob', () => golden('cronjob', describeObject(ctx, rt('cj'), fx.cronJob)));
  it('statefulset', () => golden('statefulset', describeObject(ctx, rt('sts'), fx.statefulSet)));
  it('daemonset', () => golden('daemonset', describeObject(ctx, rt('ds'), fx.daemonSet)));
  it('pvc', () => golden('pvc', describeObject(ctx, rt('pvc'), fx.pvc)));
  it('pv', () => golden('pv', describeObject(ctx, rt('pv'), fx.pv)));
  it('ingress', () => golden('ingress', describeObject(ctx, rt('ing'), fx.ingress)));
  it('hpa', () => golden('hpa', describeObject(ctx, rt('hpa'), fx.hpa)));
  it('role', () => golden('role', describeObject(ctx, rt('roles'), fx.role)));
  it('rolebinding', () => golden('rolebinding', describeObject(ctx, rt('rolebindings'), fx.roleBinding)));
  it('networkpolicy', () => golden('networkpolicy', describeObject(ctx, rt('netpol'), fx.networkPolicy)));
  it('storageclass', () => golden('storageclass', describeObject(ctx, rt('sc'), fx.storageClass)));
  it('pdb', () => golden('pdb', describeObject(ctx, rt('pdb'), fx.pdb)));
  it('priorityclass', () => golden('priorityclass', describeObject(ctx, rt('pc'), fx.priorityClass)));
  it('resourcequota', () => golden('resourcequota', describeObject(ctx, rt('quota'), fx.quota)));
  it('limitrange', () => golden('limitrange', describeObject(ctx, rt('limits'), fx.limitRange)));
  it('endpointslice', () =>
    golden('endpointslice', describeObject(ctx, rt('endpointslices'), fx.endpointSlice)));
  it('crash-looping pod with an init container', () => {
    const c = describeContext([st.crashingPod]);
    golden('pod-crashloop', describeObject(c, rt('pods'), st.crashingPod));
  });
  it('terminating pod', () => {
    const c = describeContext([st.terminatingPod]);
    expect(describeObject(c, rt('pods'), st.terminatingPod)).toMatch(
      /\nStatus: {20}Terminating \(lasts 10s\)\nTermination Grace Period: {2}30s\n/,
    );
  });
  it('deployment mid-rollout lists the old and the new replica set', () => {
    const c = describeContext([st.rollingDeployment, st.replicaSet, st.newReplicaSet]);
    const out = describeObject(c, rt('deploy'), st.rollingDeployment);
    expect(out).toContain(
      'Replicas:               2 desired | 1 updated | 3 total | 2 available | 1 unavailable\n',
    );
    // Without conditions these lines join the pod template's last tab block, so they align with it.
    expect(out).toMatch(
      /\n {2}Tolerations: {5}<none>\nOldReplicaSets: {4}web-7d4b9c8f6d \(2\/2 replicas created\)\nNewReplicaSet: {5}web-5c6b8f9d7 \(1\/1 replicas created\)\nEvents: {12}<none>\n$/,
    );
  });
  it('replication controller', () => {
    const rc = {
      ...fx.replicaSet,
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { ...fx.replicaSet.metadata, name: 'frontend', ownerReferences: undefined, annotations: {} },
      spec: { ...fx.replicaSet.spec, selector: { app: 'web' } },
    } as StoredObject;
    const out = describeObject(describeContext([rc]), rt('rc'), rc);
    expect(out).toMatch(/^Name: {9}frontend\nNamespace: {4}default\nSelector: {5}app=web\n/);
    expect(out).toContain(
      'Replicas:     2 current / 2 desired\nPods Status:  0 Running / 0 Waiting / 0 Succeeded / 0 Failed\nPod Template:\n',
    );
  });
  it('custom resource (generic describer)', () => {
    const vsType = {
      group: 'networking.istio.io',
      version: 'v1',
      kind: 'VirtualService',
      plural: 'virtualservices',
      singular: 'virtualservice',
      shortNames: ['vs'],
      namespaced: true,
      categories: [],
      verbs: [],
      strategy: {},
    };
    golden('generic', describeObject(ctx, vsType, fx.virtualService));
  });
});
