import { describe, expect, it } from 'vitest';
import { printTable } from '../index';
import { ago, D, NOW, obj } from '../testdata/objects';
import { rt } from '../testdata/registry';

const ns = { namespace: 'default' };

describe('service and networking tables', () => {
  it('services: ClusterIP, NodePort, LoadBalancer pending, ExternalName, headless', () => {
    const svcs = [
      obj(
        'v1',
        'Service',
        'kubernetes',
        {
          spec: {
            type: 'ClusterIP',
            clusterIP: '10.96.0.1',
            clusterIPs: ['10.96.0.1'],
            ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
          },
        },
        { ...ns, creationTimestamp: ago(3 * D) },
      ),
      obj(
        'v1',
        'Service',
        'web',
        {
          spec: {
            type: 'NodePort',
            clusterIP: '10.96.120.15',
            clusterIPs: ['10.96.120.15'],
            selector: { app: 'web' },
            ports: [{ port: 80, nodePort: 31234, protocol: 'TCP' }],
          },
        },
        ns,
      ),
      obj(
        'v1',
        'Service',
        'lb',
        {
          spec: {
            type: 'LoadBalancer',
            clusterIP: '10.96.7.9',
            clusterIPs: ['10.96.7.9'],
            ports: [
              { port: 80, nodePort: 30080, protocol: 'TCP' },
              { port: 443, nodePort: 30443, protocol: 'TCP' },
            ],
          },
          status: { loadBalancer: {} },
        },
        ns,
      ),
      obj('v1', 'Service', 'ext', { spec: { type: 'ExternalName', externalName: 'example.com' } }, ns),
      obj(
        'v1',
        'Service',
        'db',
        {
          spec: {
            type: 'ClusterIP',
            clusterIP: 'None',
            clusterIPs: ['None'],
            selector: { app: 'db' },
            ports: [{ port: 5432, protocol: 'TCP' }],
          },
        },
        ns,
      ),
    ];
    expect(printTable(rt('svc'), svcs, { wide: true }, NOW)).toBe(
      'NAME         TYPE           CLUSTER-IP     EXTERNAL-IP   PORT(S)                      AGE   SELECTOR\n' +
        'kubernetes   ClusterIP      10.96.0.1      <none>        443/TCP                      3d    <none>\n' +
        'web          NodePort       10.96.120.15   <none>        80:31234/TCP                 5m    app=web\n' +
        'lb           LoadBalancer   10.96.7.9      <pending>     80:30080/TCP,443:30443/TCP   5m    <none>\n' +
        'ext          ExternalName   <none>         example.com   <none>                       5m    <none>\n' +
        'db           ClusterIP      None           <none>        5432/TCP                     5m    app=db\n',
    );
  });

  it('endpoints: ready addresses with ports, at most three then "+ N more..."', () => {
    const ep = obj(
      'v1',
      'Endpoints',
      'web',
      {
        subsets: [
          {
            addresses: [
              { ip: '10.244.1.5' },
              { ip: '10.244.2.3' },
              { ip: '10.244.3.4' },
              { ip: '10.244.1.9' },
            ],
            notReadyAddresses: [{ ip: '10.244.2.8' }],
            ports: [{ port: 80, protocol: 'TCP' }],
          },
        ],
      },
      ns,
    );
    const empty = obj('v1', 'Endpoints', 'none', {}, ns);
    const notReady = obj(
      'v1',
      'Endpoints',
      'starting',
      { subsets: [{ notReadyAddresses: [{ ip: '10.244.2.8' }], ports: [{ port: 80 }] }] },
      ns,
    );
    expect(printTable(rt('ep'), [ep, empty, notReady], {}, NOW)).toBe(
      'NAME       ENDPOINTS                                               AGE\n' +
        'web        10.244.1.5:80,10.244.2.3:80,10.244.3.4:80 + 1 more...   5m\n' +
        'none       <none>                                                  5m\n' +
        'starting                                                           5m\n',
    );
  });

  it('endpoint slices list addresses of all endpoints', () => {
    const slice = obj(
      'discovery.k8s.io/v1',
      'EndpointSlice',
      'web-abcde',
      {
        addressType: 'IPv4',
        ports: [{ name: '', port: 80, protocol: 'TCP' }],
        endpoints: [
          { addresses: ['10.244.1.5'], conditions: { ready: true } },
          { addresses: ['10.244.2.3'], conditions: { ready: false } },
        ],
      },
      ns,
    );
    expect(printTable(rt('endpointslices'), [slice], {}, NOW)).toBe(
      'NAME        ADDRESSTYPE   PORTS   ENDPOINTS               AGE\nweb-abcde   IPv4          80      10.244.1.5,10.244.2.3   5m\n',
    );
  });

  it('ingresses, ingress classes and network policies', () => {
    const ing = obj(
      'networking.k8s.io/v1',
      'Ingress',
      'web',
      {
        spec: {
          ingressClassName: 'nginx',
          rules: [{ host: 'web.example.com' }, { host: 'api.example.com' }],
          tls: [{ hosts: ['web.example.com'] }],
        },
        status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } },
      },
      ns,
    );
    const bare = obj('networking.k8s.io/v1', 'Ingress', 'any', { spec: { rules: [{ http: {} }] } }, ns);
    expect(printTable(rt('ing'), [ing, bare], {}, NOW)).toBe(
      'NAME   CLASS    HOSTS                             ADDRESS        PORTS     AGE\n' +
        'web    nginx    web.example.com,api.example.com   192.168.49.2   80, 443   5m\n' +
        'any    <none>   *                                                80        5m\n',
    );
    const ic = obj('networking.k8s.io/v1', 'IngressClass', 'nginx', {
      spec: { controller: 'k8s.io/ingress-nginx' },
    });
    expect(printTable(rt('ingressclasses'), [ic], {}, NOW)).toBe(
      'NAME    CONTROLLER             PARAMETERS   AGE\nnginx   k8s.io/ingress-nginx   <none>       5m\n',
    );
    const np = obj('networking.k8s.io/v1', 'NetworkPolicy', 'deny-all', { spec: { podSelector: {} } }, ns);
    const np2 = obj(
      'networking.k8s.io/v1',
      'NetworkPolicy',
      'allow-web',
      { spec: { podSelector: { matchLabels: { app: 'web' } } } },
      ns,
    );
    expect(printTable(rt('netpol'), [np, np2], {}, NOW)).toBe(
      'NAME        POD-SELECTOR   AGE\ndeny-all    <none>         5m\nallow-web   app=web        5m\n',
    );
  });
});
