/** Invalid objects get the API server's 422 with apimachinery's field errors, word for word. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { StatusError } from '../api/errors';
import type { KObject } from '../api/types';
import type { Cluster } from '../cluster';
import { deployment, pod, testCluster } from '../testing/fixtures';

let cluster: Cluster;
beforeAll(() => {
  cluster = testCluster({ nodes: 1 });
});

function fail(f: () => unknown): StatusError {
  try {
    f();
  } catch (err) {
    return err as StatusError;
  }
  throw new Error('the request was accepted');
}

const createError = (obj: KObject) => fail(() => cluster.api.create(obj));

function deploy(name: string, edit: (d: any) => void): KObject {
  const d = deployment(name) as any;
  edit(d);
  return d;
}

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('names and labels', () => {
  it('rejects an upper-case Deployment name as a DNS-1123 subdomain', () => {
    const err = createError(deploy('Web', () => {}));
    expect(err.code).toBe(422);
    expect(err.reason).toBe('Invalid');
    expect(err.message).toBe(
      `Deployment.apps "Web" is invalid: metadata.name: Invalid value: "Web": ${SUBDOMAIN}`,
    );
  });

  it('checks a Service name as a DNS-1035 label', () => {
    const err = createError({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: '1web', namespace: 'default' },
      spec: { ports: [{ port: 80 }] },
    });
    expect(err.message).toBe(
      `Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
  });

  it('checks a Namespace name as a DNS-1123 label', () => {
    const err = createError({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } });
    expect(err.message).toBe(
      `Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": ${LABEL}`,
    );
  });

  it('rejects a label value with spaces and a key with two slashes', () => {
    const err = createError({
      ...pod('p-labels'),
      metadata: { name: 'p-labels', namespace: 'default', labels: { 'a/b/c': 'x', tier: 'front end' } },
    });
    expect(err.message).toBe(
      `Pod "p-labels" is invalid: [metadata.labels: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName'), metadata.labels: Invalid value: "front end": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]`,
    );
  });

  it('rejects a ConfigMap key with a slash', () => {
    const err = createError({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', namespace: 'default' },
      data: { 'a/b': '1' },
    });
    expect(err.message).toBe(
      `ConfigMap "cm" is invalid: data[a/b]: Invalid value: "a/b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
  });
});

describe('pod templates', () => {
  it('requires an image', () => {
    const err = createError(
      deploy('noimage', (d) => {
        delete d.spec.template.spec.containers[0].image;
      }),
    );
    expect(err.message).toBe(
      'Deployment.apps "noimage" is invalid: spec.template.spec.containers[0].image: Required value',
    );
  });

  it('lists the supported pull policies', () => {
    const err = createError(
      deploy('pull', (d) => {
        d.spec.template.spec.containers[0].imagePullPolicy = 'Sometimes';
      }),
    );
    expect(err.message).toBe(
      'Deployment.apps "pull" is invalid: spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    );
  });

  it('rejects duplicate container names', () => {
    const err = createError(
      deploy('dup', (d) => {
        d.spec.template.spec.containers.push({ name: 'dup', image: 'busybox' });
      }),
    );
    expect(err.message).toBe(
      'Deployment.apps "dup" is invalid: spec.template.spec.containers[1].name: Duplicate value: "dup"',
    );
  });

  it('checks container port ranges', () => {
    const err = createError(
      deploy('ports', (d) => {
        d.spec.template.spec.containers[0].ports = [{ containerPort: 70000 }];
      }),
    );
    expect(err.message).toBe(
      'Deployment.apps "ports" is invalid: spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
  });

  it('requires liveness and startup successThreshold 1', () => {
    const err = createError({
      ...pod('probe'),
      spec: {
        containers: [
          {
            name: 'probe',
            image: 'nginx',
            livenessProbe: { httpGet: { path: '/', port: 80 }, successThreshold: 3 },
          },
        ],
      },
    });
    expect(err.message).toBe(
      'Pod "probe" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 3: must be 1',
    );
  });

  it('finds a volume mount with no volume', () => {
    const err = createError({
      ...pod('mounts'),
      spec: {
        containers: [
          { name: 'mounts', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
        ],
      },
    });
    expect(err.message).toBe(
      'Pod "mounts" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
    );
  });

  it('rejects requests above limits', () => {
    const err = createError({
      ...pod('res'),
      spec: {
        containers: [
          { name: 'res', image: 'nginx', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } },
        ],
      },
    });
    expect(err.message).toBe(
      'Pod "res" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    );
  });
});

describe('workload rules', () => {
  it('requires the selector to match the template labels', () => {
    const err = createError(
      deploy('x', (d) => {
        d.spec.selector = { matchLabels: { app: 'y' } };
        d.spec.template.metadata.labels = { app: 'x' };
      }),
    );
    expect(err.message).toBe(
      'Deployment.apps "x" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    );
  });

  it('rejects negative replicas', () => {
    const err = createError(deployment('neg', -1));
    expect(err.message).toBe(
      'Deployment.apps "neg" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('requires a selector', () => {
    const err = createError(
      deploy('nosel', (d) => {
        delete d.spec.selector;
      }),
    );
    expect(err.message).toBe('Deployment.apps "nosel" is invalid: spec.selector: Required value');
  });

  it('joins several causes in brackets', () => {
    const err = createError(
      deploy('many', (d) => {
        d.spec.replicas = -2;
        d.spec.template.spec.containers[0].image = '';
      }),
    );
    expect(err.message).toBe(
      'Deployment.apps "many" is invalid: [spec.replicas: Invalid value: -2: must be greater than or equal to 0, spec.template.spec.containers[0].image: Required value]',
    );
    expect(err.causes.map((c) => c.field)).toEqual([
      'spec.replicas',
      'spec.template.spec.containers[0].image',
    ]);
  });

  it('rejects a Job whose pods would restart Always (the PodSpec default)', () => {
    const err = createError({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } },
    });
    expect(err.message).toBe(
      'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
  });

  it('rejects a CronJob schedule with the wrong number of fields', () => {
    const err = createError({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cj', namespace: 'default' },
      spec: {
        schedule: '*/5 * *',
        jobTemplate: {
          spec: {
            template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } },
          },
        },
      },
    });
    expect(err.message).toBe(
      'CronJob.batch "cj" is invalid: spec.schedule: Invalid value: "*/5 * *": expected exactly 5 fields, found 3: */5 * *',
    );
  });

  it('requires service ports and checks their protocol', () => {
    const err = createError({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'Nodeport', ports: [{ port: 80, protocol: 'HTTP' }] },
    });
    expect(err.message).toBe(
      'Service "web" is invalid: [spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort", spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"]',
    );
  });
});

describe('immutable fields', () => {
  it('forbids changing a Deployment selector', () => {
    cluster.api.create(deployment('imm'));
    const err = fail(() =>
      cluster.api.patch('deployments.apps', 'default', 'imm', 'strategic', {
        spec: {
          selector: { matchLabels: { app: 'other' } },
          template: { metadata: { labels: { app: 'other' } } },
        },
      }),
    );
    expect(err.message).toBe(
      'Deployment.apps "imm" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('forbids pod spec changes other than images', () => {
    cluster.api.create(pod('frozen', 'nginx:1.27'));
    const err = fail(() =>
      cluster.api.patch('pods', 'default', 'frozen', 'strategic', {
        spec: { containers: [{ name: 'frozen', ports: [{ containerPort: 80 }] }] },
      }),
    );
    expect(err.message).toBe(
      'Pod "frozen" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    const updated = cluster.api.patch('pods', 'default', 'frozen', 'strategic', {
      spec: { containers: [{ name: 'frozen', image: 'nginx:1.28' }] },
    });
    expect(updated.spec.containers[0].image).toBe('nginx:1.28');
  });

  it('forbids changing a Service clusterIP', () => {
    const svc = cluster.api.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'fixed', namespace: 'default' },
      spec: { clusterIP: '10.96.100.100', ports: [{ port: 80 }] },
    });
    const err = fail(() =>
      cluster.api.update({
        ...svc,
        spec: { ...svc.spec, clusterIP: '10.96.100.101', clusterIPs: ['10.96.100.101'] },
      }),
    );
    expect(err.message).toBe(
      'Service "fixed" is invalid: [spec.clusterIPs[0]: Invalid value: []string{"10.96.100.101"}: may not change once set, spec.clusterIP: Invalid value: "10.96.100.101": field is immutable]',
    );
  });
});
