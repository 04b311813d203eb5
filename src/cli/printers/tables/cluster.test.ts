import { describe, expect, it } from 'vitest';
import { printTable } from '../index';
import { ago, D, H, M, NOW, obj, S } from '../testdata/objects';
import { rt } from '../testdata/registry';

function node(name: string, role: string | undefined, ready: string, extra: Record<string, unknown> = {}) {
  return obj(
    'v1',
    'Node',
    name,
    {
      spec: extra,
      status: {
        conditions: [{ type: 'Ready', status: ready }],
        addresses: [
          { type: 'InternalIP', address: name === 'control-plane' ? '172.18.0.2' : '172.18.0.3' },
          { type: 'Hostname', address: name },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.32.3',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
          kernelVersion: '6.8.0-1021-gcp',
          containerRuntimeVersion: 'containerd://2.0.3',
        },
      },
    },
    { creationTimestamp: ago(30 * H), labels: role ? { [`node-role.kubernetes.io/${role}`]: '' } : {} },
  );
}

describe('cluster tables', () => {
  it('nodes: STATUS, ROLES, VERSION and the wide columns', () => {
    const nodes = [
      node('control-plane', 'control-plane', 'True'),
      node('node-1', undefined, 'Unknown', { unschedulable: true }),
    ];
    expect(printTable(rt('nodes'), nodes, {}, NOW)).toBe(
      'NAME            STATUS                        ROLES           AGE   VERSION\n' +
        'control-plane   Ready                         control-plane   30h   v1.32.3\n' +
        'node-1          NotReady,SchedulingDisabled   <none>          30h   v1.32.3\n',
    );
    expect(printTable(rt('nodes'), [nodes[0]], { wide: true, withNamespace: true }, NOW)).toBe(
      'NAME            STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION   CONTAINER-RUNTIME\n' +
        'control-plane   Ready    control-plane   30h   v1.32.3   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-1021-gcp   containerd://2.0.3\n',
    );
  });

  it('namespaces, config maps, secrets and service accounts', () => {
    const nsObj = obj(
      'v1',
      'Namespace',
      'default',
      { status: { phase: 'Active' } },
      { creationTimestamp: ago(3 * D) },
    );
    expect(printTable(rt('ns'), [nsObj], {}, NOW)).toBe('NAME      STATUS   AGE\ndefault   Active   3d\n');
    const cm = obj(
      'v1',
      'ConfigMap',
      'kube-root-ca.crt',
      { data: { 'ca.crt': 'x' } },
      { namespace: 'default' },
    );
    const cm2 = obj(
      'v1',
      'ConfigMap',
      'app',
      { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } },
      { namespace: 'default' },
    );
    expect(printTable(rt('cm'), [cm, cm2], {}, NOW)).toBe(
      'NAME               DATA   AGE\nkube-root-ca.crt   1      5m\napp                3      5m\n',
    );
    const secret = obj(
      'v1',
      'Secret',
      'db-pass',
      { type: 'Opaque', data: { password: 'czNjcjN0' } },
      { namespace: 'default' },
    );
    const tls = obj(
      'v1',
      'Secret',
      'web-tls',
      { type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } },
      { namespace: 'default' },
    );
    expect(printTable(rt('secrets'), [secret, tls], {}, NOW)).toBe(
      'NAME      TYPE                DATA   AGE\ndb-pass   Opaque              1      5m\nweb-tls   kubernetes.io/tls   2      5m\n',
    );
    const sa = obj('v1', 'ServiceAccount', 'default', {}, { namespace: 'default' });
    expect(printTable(rt('sa'), [sa], {}, NOW)).toBe('NAME      SECRETS   AGE\ndefault   0         5m\n');
  });

  it('events: LAST SEEN TYPE REASON OBJECT MESSAGE, with NAMESPACE first for -A', () => {
    const e1 = obj(
      'v1',
      'Event',
      'web-1.1810',
      {
        involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default' },
        type: 'Normal',
        reason: 'Scheduled',
        message: 'Successfully assigned default/web-1 to node-1',
        source: { component: 'default-scheduler' },
        firstTimestamp: ago(10 * S),
        lastTimestamp: ago(10 * S),
        count: 1,
      },
      { namespace: 'default' },
    );
    const e2 = obj(
      'v1',
      'Event',
      'web-1.1811',
      {
        involvedObject: {
          kind: 'Pod',
          name: 'web-1',
          namespace: 'default',
          fieldPath: 'spec.containers{app}',
        },
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container app in pod web-1_default(uid)',
        source: { component: 'kubelet', host: 'node-1' },
        firstTimestamp: ago(2 * M),
        lastTimestamp: ago(5 * S),
        count: 4,
      },
      { namespace: 'default' },
    );
    expect(printTable(rt('events'), [e1, e2], { withNamespace: true }, NOW)).toBe(
      'NAMESPACE   LAST SEEN   TYPE      REASON      OBJECT      MESSAGE\n' +
        'default     10s         Normal    Scheduled   pod/web-1   Successfully assigned default/web-1 to node-1\n' +
        'default     5s          Warning   BackOff     pod/web-1   Back-off restarting failed container app in pod web-1_default(uid)\n',
    );
    expect(printTable(rt('events'), [e2], { wide: true }, NOW)).toBe(
      'LAST SEEN   TYPE      REASON    OBJECT      SUBOBJECT              SOURCE            MESSAGE                                                              FIRST SEEN   COUNT   NAME\n' +
        '5s          Warning   BackOff   pod/web-1   spec.containers{app}   kubelet, node-1   Back-off restarting failed container app in pod web-1_default(uid)   2m           4       web-1.1811\n',
    );
  });

  it('persistent volumes, claims and storage classes', () => {
    const pv = obj('v1', 'PersistentVolume', 'pvc-1b2c', {
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'standard',
        claimRef: { namespace: 'default', name: 'data' },
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    });
    expect(printTable(rt('pv'), [pv], {}, NOW)).toBe(
      'NAME       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n' +
        'pvc-1b2c   1Gi        RWO            Delete           Bound    default/data   standard       <unset>                          5m\n',
    );
    const bound = obj(
      'v1',
      'PersistentVolumeClaim',
      'data',
      {
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
          storageClassName: 'standard',
          volumeName: 'pvc-1b2c',
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
      },
      { namespace: 'default' },
    );
    const pending = obj(
      'v1',
      'PersistentVolumeClaim',
      'logs',
      {
        spec: {
          accessModes: ['ReadWriteMany'],
          resources: { requests: { storage: '5Gi' } },
          storageClassName: 'standard',
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Pending' },
      },
      { namespace: 'default' },
    );
    expect(printTable(rt('pvc'), [bound, pending], { wide: true }, NOW)).toBe(
      'NAME   STATUS    VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE   VOLUMEMODE\n' +
        'data   Bound     pvc-1b2c   1Gi        RWO            standard       <unset>                 5m    Filesystem\n' +
        'logs   Pending                                        standard       <unset>                 5m    Filesystem\n',
    );
    const sc = obj(
      'storage.k8s.io/v1',
      'StorageClass',
      'standard',
      {
        provisioner: 'rancher.io/local-path',
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'WaitForFirstConsumer',
      },
      {
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        creationTimestamp: ago(3 * D),
      },
    );
    expect(printTable(rt('sc'), [sc], {}, NOW)).toBe(
      'NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n' +
        'standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  3d\n',
    );
  });

  it('RBAC, leases, priority classes, quotas, limit ranges and custom resources', () => {
    const role = obj(
      'rbac.authorization.k8s.io/v1',
      'Role',
      'pod-reader',
      {},
      { namespace: 'default', creationTimestamp: '2025-01-15T09:55:00Z' },
    );
    expect(printTable(rt('roles'), [role], {}, NOW)).toBe(
      'NAME         CREATED AT\npod-reader   2025-01-15T09:55:00Z\n',
    );
    const rb = obj(
      'rbac.authorization.k8s.io/v1',
      'RoleBinding',
      'read-pods',
      {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [
          { kind: 'User', name: 'jane' },
          { kind: 'ServiceAccount', name: 'bot', namespace: 'default' },
        ],
      },
      { namespace: 'default' },
    );
    expect(printTable(rt('rolebindings'), [rb], { wide: true }, NOW)).toBe(
      'NAME        ROLE              AGE   USERS   GROUPS   SERVICEACCOUNTS\nread-pods   Role/pod-reader   5m    jane             default/bot\n',
    );
    const lease = obj(
      'coordination.k8s.io/v1',
      'Lease',
      'node-1',
      { spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 } },
      { namespace: 'kube-node-lease' },
    );
    expect(printTable(rt('leases'), [lease], {}, NOW)).toBe('NAME     HOLDER   AGE\nnode-1   node-1   5m\n');
    const pc = obj(
      'scheduling.k8s.io/v1',
      'PriorityClass',
      'system-cluster-critical',
      { value: 2000000000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' },
      { creationTimestamp: ago(3 * D) },
    );
    expect(printTable(rt('pc'), [pc], {}, NOW)).toBe(
      'NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\nsystem-cluster-critical   2000000000   false            3d    PreemptLowerPriority\n',
    );
    const quota = obj(
      'v1',
      'ResourceQuota',
      'compute',
      {
        spec: { hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', pods: '10' } },
        status: {
          used: { 'requests.cpu': '250m', 'requests.memory': '64Mi', 'limits.cpu': '500m', pods: '1' },
        },
      },
      { namespace: 'default' },
    );
    expect(printTable(rt('quota'), [quota], {}, NOW)).toBe(
      'NAME      AGE   REQUEST                                                       LIMIT\n' +
        'compute   5m    pods: 1/10, requests.cpu: 250m/1, requests.memory: 64Mi/1Gi   limits.cpu: 500m/2\n',
    );
    const lr = obj(
      'v1',
      'LimitRange',
      'limits',
      {},
      { namespace: 'default', creationTimestamp: '2025-01-15T09:00:00Z' },
    );
    expect(printTable(rt('limits'), [lr], {}, NOW)).toBe(
      'NAME     CREATED AT\nlimits   2025-01-15T09:00:00Z\n',
    );
    const custom = {
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
      plural: 'widgets',
      singular: 'widget',
      shortNames: [],
      namespaced: true,
      categories: [],
      verbs: [],
      strategy: {},
    };
    expect(
      printTable(
        custom,
        [
          obj(
            'example.com/v1',
            'Widget',
            'w1',
            {},
            { namespace: 'default', creationTimestamp: ago(2 * D + 3 * H) },
          ),
        ],
        { withKind: true },
        NOW,
      ),
    ).toBe(
      'NAME                AGE\nwidget.example.com/w1   2d3h\n'.replace(
        'NAME                AGE',
        'NAME                    AGE',
      ),
    );
  });
});
