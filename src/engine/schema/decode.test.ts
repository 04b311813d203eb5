/**
 * Malformed manifests get exactly the API server's answer: strict decoding errors (BadRequest) worded as
 * sigs.k8s.io/json and resource.Quantity word them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { StatusError } from '../api/errors';
import type { KObject } from '../api/types';
import type { Cluster } from '../cluster';
import { deployment, pod, testCluster } from '../testing/fixtures';

let cluster: Cluster;
beforeAll(() => {
  cluster = testCluster({ nodes: 1 });
});

function createError(obj: KObject): StatusError {
  try {
    cluster.api.create(obj);
  } catch (err) {
    return err as StatusError;
  }
  throw new Error(`${obj.kind} ${obj.metadata.name} was accepted`);
}

function deploy(name: string, edit: (d: any) => void): KObject {
  const d = deployment(name) as any;
  edit(d);
  return d;
}

const PREFIX = 'Deployment in version "v1" cannot be handled as a Deployment: ';

describe('strict decoding', () => {
  it('names one unknown field', () => {
    const err = createError(
      deploy('a1', (d) => {
        d.spec.replica = 3;
      }),
    );
    expect(err.code).toBe(400);
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe(`${PREFIX}strict decoding error: unknown field "spec.replica"`);
    expect(err.toKubectl()).toBe(
      `Error from server (BadRequest): ${PREFIX}strict decoding error: unknown field "spec.replica"`,
    );
  });

  it('lists every unknown field in document order, with list indexes', () => {
    const err = createError(
      deploy('a2', (d) => {
        d.spec.replica = 3;
        d.spec.template.spec.containers[0].imagePullPolcy = 'Always';
        d.metadata.labelz = { a: 'b' };
      }),
    );
    expect(err.message).toBe(
      `${PREFIX}strict decoding error: unknown field "metadata.labelz", unknown field "spec.template.spec.containers[0].imagePullPolcy", unknown field "spec.replica"`,
    );
  });

  it('is case-sensitive, like the Go decoder', () => {
    const err = createError(
      deploy('a3', (d) => {
        d.spec.Replicas = 3;
      }),
    );
    expect(err.message).toBe(`${PREFIX}strict decoding error: unknown field "spec.Replicas"`);
  });

  it('words a string given for an int32 as Go does', () => {
    const err = createError(
      deploy('a4', (d) => {
        d.spec.replicas = '3';
      }),
    );
    expect(err.message).toBe(
      `${PREFIX}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`,
    );
  });

  it('names the number when it does not fit the integer', () => {
    const err = createError(
      deploy('a5', (d) => {
        d.spec.replicas = 1.5;
      }),
    );
    expect(err.message).toBe(
      `${PREFIX}json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32`,
    );
  });

  it('reports the innermost struct and the path without indexes (env value unquoted)', () => {
    const err = createError(
      deploy('a6', (d) => {
        d.spec.template.spec.containers[0].env = [{ name: 'PORT', value: 8080 }];
      }),
    );
    expect(err.message).toBe(
      `${PREFIX}json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string`,
    );
  });

  it('reports a list given as a map with its Go slice type', () => {
    const err = createError(pod('p1', 'nginx', { containers: { name: 'x', image: 'nginx' } }));
    expect(err.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
    );
  });

  it('reports a struct given as a string with its Go type', () => {
    const err = createError(
      deploy('a7', (d) => {
        d.spec.template = 'nginx';
      }),
    );
    expect(err.message).toBe(
      `${PREFIX}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec`,
    );
  });

  it('reports a label value that is not a string', () => {
    const err = createError(
      deploy('a8', (d) => {
        d.metadata.labels = { tier: 1 };
      }),
    );
    expect(err.message).toBe(
      `${PREFIX}json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string`,
    );
  });

  it('rejects an invalid quantity with the regular expression', () => {
    const err = createError(
      deploy('a9', (d) => {
        d.spec.template.spec.containers[0].resources = { limits: { memory: '512MB' } };
      }),
    );
    expect(err.message).toBe(
      `${PREFIX}quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
  });

  it("rejects a quantity with an unknown suffix as the parser's suffix error", () => {
    const err = createError(
      deploy('a10', (d) => {
        d.spec.template.spec.containers[0].resources = { requests: { cpu: '1KK' } };
      }),
    );
    expect(err.message).toBe(`${PREFIX}unable to parse quantity's suffix`);
  });

  it('accepts quantities as numbers and int-or-string as either', () => {
    const ok = cluster.api.create(
      deploy('a11', (d) => {
        d.spec.template.spec.containers[0].resources = { requests: { cpu: 0.5, memory: '64Mi' } };
        d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '10%' } };
      }),
    );
    expect(ok.spec.strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: '10%' });
  });

  it('rejects a boolean int-or-string as IntOrString.UnmarshalJSON does', () => {
    const err = createError({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc1', namespace: 'default' },
      spec: { ports: [{ port: 80, targetPort: true }] },
    });
    expect(err.message).toBe(
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal bool into Go value of type int32',
    );
  });

  it('rejects secret data that is not base64 at the first corrupt byte', () => {
    const err = createError({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's1', namespace: 'default' },
      data: { password: 'hello' },
    });
    expect(err.message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4',
    );
    const bad = createError({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's2', namespace: 'default' },
      data: { password: 'pa$$word' },
    });
    expect(bad.message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 2',
    );
  });

  it('reports a type error before unknown fields', () => {
    const err = createError(
      deploy('a12', (d) => {
        d.spec.replica = 3;
        d.spec.paused = 'yes';
      }),
    );
    expect(err.message).toBe(
      `${PREFIX}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool`,
    );
  });

  it('keeps free-form and preserve-unknown-fields parts open', () => {
    const obj = cluster.api.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'cm1',
        namespace: 'default',
        managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:data': {} } }],
      },
      data: { a: 'b' },
    });
    expect(obj.metadata.name).toBe('cm1');
  });
});
