/** Catalog entries for the cluster's own images, the Kubernetes/Istio samples and KubeDojo's lab images. */
import { entry } from './catalog-entry';
import { cassandraProfile, redisProfile } from './profiles/data';
import { labDescriptions, labProfiles } from './profiles/lab';
import { busyboxProfile } from './profiles/os';
import {
  bookinfoProfile,
  gbFrontendProfile,
  guestbookGoProfile,
  helloworldProfile,
} from './profiles/samples';
import { componentProfile, corednsProfile, pauseProfile, SYSTEM_COMPONENTS } from './profiles/system';
import type { CatalogEntry, ImageProfile } from './types';

function labWeb(version: string): ImageProfile {
  const base = labProfiles().find((p) => p.id === 'web')!;
  return { ...base, id: `web-${version}`, env: { ...base.env, APP_VERSION: version } };
}

export function clusterAndSampleEntries(): CatalogEntry[] {
  const lab = labProfiles();
  const labDesc = labDescriptions();
  const k8s = 'registry.k8s.io';
  const comp = (id: string) => componentProfile(SYSTEM_COMPONENTS.find((c) => c.id === id)!);
  const bookinfo = (
    svc: 'productpage' | 'details' | 'ratings' | 'reviews',
    v: string,
    size: number,
  ): CatalogEntry[] =>
    ['docker.io/istio', 'registry.istio.io/release'].map((reg) =>
      entry(
        `${reg}/examples-bookinfo-${svc}-${v}`,
        bookinfoProfile(svc, v),
        `Istio bookinfo ${svc} ${v} (port 9080).`,
        [
          ['1.20.3', size],
          ['1.20.2', size + 1234],
          ['1.19.1', size - 4321],
          ['latest', size],
        ],
      ),
    );
  return [
    entry(
      `${k8s}/busybox`,
      busyboxProfile(),
      'The old BusyBox the Kubernetes docs use (liveness exec example).',
      [
        ['latest', 676188],
        ['1.24', 676188],
      ],
    ),
    entry('k8s.gcr.io/busybox', busyboxProfile(), 'The old BusyBox from the frozen k8s.gcr.io registry.', [
      ['latest', 676188],
      ['1.24', 676188],
    ]),
    entry(`${k8s}/pause`, pauseProfile(), 'The sandbox (pause) container.', [
      ['3.10', 320368],
      ['3.9', 321520],
    ]),
    entry(`${k8s}/kube-apiserver`, comp('kube-apiserver'), 'Control plane: API server.', [
      ['v1.32.3', 28374544],
      ['v1.32.0', 28370012],
      ['v1.31.4', 28102345],
    ]),
    entry(
      `${k8s}/kube-controller-manager`,
      comp('kube-controller-manager'),
      'Control plane: controller manager.',
      [
        ['v1.32.3', 26271234],
        ['v1.32.0', 26265432],
        ['v1.31.4', 25987654],
      ],
    ),
    entry(`${k8s}/kube-scheduler`, comp('kube-scheduler'), 'Control plane: scheduler.', [
      ['v1.32.3', 20659876],
      ['v1.32.0', 20654321],
      ['v1.31.4', 20123456],
    ]),
    entry(`${k8s}/kube-proxy`, comp('kube-proxy'), 'kube-proxy (iptables mode).', [
      ['v1.32.3', 30905432],
      ['v1.32.0', 30901234],
      ['v1.31.4', 30512345],
    ]),
    entry(`${k8s}/etcd`, comp('etcd'), 'etcd for the control plane.', [
      ['3.5.16-0', 57680541],
      ['3.5.15-0', 56909194],
    ]),
    entry(
      `${k8s}/coredns/coredns`,
      corednsProfile('v1.11.3'),
      'CoreDNS: DNS on 53, /health on 8080, /ready on 8181.',
      [
        ['v1.11.3', 18562039],
        ['v1.11.1', 18182961, corednsProfile('v1.11.1')],
      ],
    ),
    entry(`${k8s}/redis`, redisProfile('5.0.7'), 'Redis used by the guestbook example.', [['e2e', 38023456]]),
    entry(
      `${k8s}/guestbook`,
      guestbookGoProfile(),
      'Go guestbook on port 3000 (/rpush/guestbook/V, /lrange/guestbook).',
      [['v3', 8123456]],
    ),
    entry(
      'gcr.io/google-samples/gb-frontend',
      gbFrontendProfile(),
      'Guestbook PHP frontend on port 80 (needs the redis-leader Service).',
      [
        ['v5', 98765432],
        ['v4', 97654321],
      ],
    ),
    entry(
      'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend',
      gbFrontendProfile(),
      'Guestbook PHP frontend (Artifact Registry copy).',
      [['v5', 98765432]],
    ),
    entry('gcr.io/google_samples/gb-redisslave', redisProfile('3.0.7'), 'Guestbook redis replica (old).', [
      ['v1', 38123456],
    ]),
    entry('gcr.io/google_samples/gb-redis-follower', redisProfile('6.0.5'), 'Guestbook redis follower.', [
      ['v2', 40123456],
    ]),
    entry(
      'us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower',
      redisProfile('6.0.5'),
      'Guestbook redis follower (Artifact Registry copy).',
      [['v2', 40123456]],
    ),
    entry(
      'gcr.io/google-samples/cassandra',
      cassandraProfile(),
      'Cassandra for the StatefulSet example (CQL on 9042).',
      [
        ['v14', 135123456],
        ['v13', 134012345],
      ],
    ),
    ...bookinfo('productpage', 'v1', 63123456),
    ...bookinfo('details', 'v1', 52123456),
    ...bookinfo('ratings', 'v1', 48123456),
    ...bookinfo('reviews', 'v1', 261234567),
    ...bookinfo('reviews', 'v2', 261234901),
    ...bookinfo('reviews', 'v3', 261235012),
    ...['docker.io/istio', 'registry.istio.io/release'].flatMap((reg) =>
      ['v1', 'v2'].map((v) =>
        entry(
          `${reg}/examples-helloworld-${v}`,
          helloworldProfile(v),
          `Istio helloworld ${v}: GET /hello on port 5000.`,
          [
            ['1.0', 40123456],
            ['latest', 40123456],
          ],
        ),
      ),
    ),
    ...lab.map((p) =>
      entry(
        `docker.io/kubedojo/${p.id}`,
        p,
        `KubeDojo lab image: ${labDesc[p.id]}`,
        p.id === 'web'
          ? [
              ['1.0', 6123456, labWeb('v1')],
              ['2.0', 6124567, labWeb('v2')],
              ['latest', 6124567, labWeb('v2')],
            ]
          : [
              ['1.0', 6123456],
              ['latest', 6123456],
            ],
      ),
    ),
  ];
}
