/**
 * Istio's bookinfo sample and its routing rules (samples/bookinfo in the Istio release), applied as
 * written: the ingress gateway serves /productpage, all-v1 pins reviews to v1, 90-10 splits, the jason
 * header routes to v2, and the ratings delay/abort rules fire for jason only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createShell } from '../../cli';
import type { KObject, StoredObject } from '../api/types';
import type { Cluster } from '../cluster';
import { meshCluster, net } from './testing';

const DIR = '/work/shared/reference/corpus/istio-samples';
const have = existsSync(`${DIR}/bookinfo__platform__kube__bookinfo.yaml`);

function load(file: string, sample = 'bookinfo'): KObject[] {
  return parseAllDocuments(readFileSync(`${DIR}/${sample}__${file}.yaml`, 'utf8'))
    .map((d) => d.toJS() as KObject)
    .filter(Boolean)
    .map((o) => ({ ...o, metadata: { namespace: 'default', ...o.metadata } }));
}

/** kubectl apply: create or replace. */
function applyFile(c: Cluster, file: string, sample = 'bookinfo'): void {
  for (const o of load(file, sample)) {
    const rt = c.api.typeOf(o);
    const resource = rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
    const cur = c.api.tryGet(resource, 'default', o.metadata.name!);
    if (cur)
      c.api.update({ ...o, metadata: { ...o.metadata, resourceVersion: cur.metadata.resourceVersion } });
    else c.api.create(o);
  }
}

function bookinfo(): Cluster {
  const c = meshCluster();
  applyFile(c, 'platform__kube__bookinfo');
  applyFile(c, 'networking__bookinfo-gateway');
  applyFile(c, 'networking__destination-rule-all');
  c.advance(90_000);
  return c;
}

const podOf = (c: Cluster, app: string, version = 'v1'): StoredObject =>
  c.api.store
    .list('pods', 'default')
    .find((p) => p.metadata.labels?.app === app && p.metadata.labels?.version === version)!;

function gatewayURL(c: Cluster): string {
  const svc = c.api.store.get('services', 'istio-system', 'istio-ingressgateway')!;
  const ip = svc.status?.loadBalancer?.ingress?.[0]?.ip;
  expect(ip).toBeTruthy();
  return `http://${ip}/productpage`;
}

/** Which reviews version productpage showed (reviews pod name in the page). */
function reviewsVersions(c: Cluster, n: number): Record<string, number> {
  const counts: Record<string, number> = {};
  const url = gatewayURL(c);
  for (let i = 0; i < n; i++) {
    const r = net(c).request(null, url);
    const v = r.ok
      ? (/Reviews served by: <u>reviews-(v\d)-/.exec(r.body)?.[1] ?? `status ${r.status}`)
      : r.kind;
    counts[v] = (counts[v] ?? 0) + 1;
  }
  return counts;
}

describe.skipIf(!have)('bookinfo', () => {
  it('applies cleanly: every pod 2/2, the gateway serves the product page', () => {
    const c = bookinfo();
    const pods = c.api.store.list('pods', 'default');
    expect(pods).toHaveLength(6);
    for (const p of pods)
      expect((p.status?.containerStatuses ?? []).filter((s: { ready: boolean }) => s.ready)).toHaveLength(2);
    const r = net(c).request(null, gatewayURL(c));
    expect(r.ok && r.status).toBe(200);
    expect(r.ok && r.body).toContain('<title>Simple Bookstore App</title>');
    const miss = net(c).request(null, gatewayURL(c).replace('/productpage', '/nothing'));
    expect(miss.ok && miss.status).toBe(404);
  });

  it('all-v1 then 90-10: the split of reviews versions follows the rules', () => {
    const c = bookinfo();
    applyFile(c, 'networking__virtual-service-all-v1');
    expect(reviewsVersions(c, 200)).toEqual({ v1: 200 });
    applyFile(c, 'networking__virtual-service-reviews-90-10');
    const split = reviewsVersions(c, 2000);
    expect(split.v1 + split.v2).toBe(2000);
    expect(Math.abs((split.v1 / 2000) * 100 - 90)).toBeLessThanOrEqual(2.5);
  }, 30_000);

  it('jason goes to v2, everyone else to v3', () => {
    const c = bookinfo();
    applyFile(c, 'networking__virtual-service-reviews-jason-v2-v3');
    const pp = podOf(c, 'productpage');
    const version = (headers: Record<string, string>) => {
      const r = net(c).request(pp, 'http://reviews:9080/reviews/0', { headers });
      return r.ok ? /reviews-(v\d)-/.exec(r.podName)?.[1] : r.kind;
    };
    expect(version({ 'end-user': 'jason' })).toBe('v2');
    expect(version({})).toBe('v3');
    expect(version({ 'end-user': 'jane' })).toBe('v3');
  });

  it('ratings delay and abort for jason only', () => {
    const c = bookinfo();
    applyFile(c, 'networking__virtual-service-all-v1');
    applyFile(c, 'networking__virtual-service-ratings-test-delay');
    const reviews = podOf(c, 'reviews', 'v2');
    const jason = net(c).request(reviews, 'http://ratings:9080/ratings/0', {
      headers: { 'end-user': 'jason' },
    });
    expect(jason.ok && jason.status).toBe(200);
    expect(jason.latencyMs).toBeGreaterThanOrEqual(7000);
    const other = net(c).request(reviews, 'http://ratings:9080/ratings/0');
    expect(other.latencyMs).toBeLessThan(100);
    applyFile(c, 'networking__virtual-service-ratings-test-abort');
    const aborted = net(c).request(reviews, 'http://ratings:9080/ratings/0', {
      headers: { 'end-user': 'jason' },
    });
    expect(aborted.ok && [aborted.status, aborted.body]).toEqual([500, 'fault filter abort']);
    const fine = net(c).request(reviews, 'http://ratings:9080/ratings/0');
    expect(fine.ok && fine.status).toBe(200);
  });

  it('signing in as jason at productpage sends his requests to reviews v2 (productpage forwards end-user)', () => {
    const c = bookinfo();
    applyFile(c, 'networking__virtual-service-all-v1');
    applyFile(c, 'networking__virtual-service-reviews-jason-v2-v3');
    applyFile(c, 'sleep', 'sleep');
    c.advance(30_000);
    const sh = createShell(c, {});
    const sleep = sh.run('kubectl get pods -l app=sleep -o name').output.trim();
    const exec = (cmd: string) => sh.run(`kubectl exec ${sleep} -c sleep -- sh -c '${cmd}'`).output;
    // The login form posts the user name; Flask answers with a redirect and the session cookie.
    expect(
      exec(
        'curl -s -o /dev/null -w "%{http_code}" -c /tmp/jar -d "username=jason&passwd=" http://productpage:9080/login',
      ),
    ).toBe('302');
    expect(exec('cat /tmp/jar')).toMatch(
      /^#HttpOnly_productpage\tFALSE\t\/\tFALSE\t0\tsession\t[\w-]+\.[\w-]+\.[\w-]+$/m,
    );
    const page = exec('curl -s -b /tmp/jar http://productpage:9080/productpage');
    expect(page).toContain('Welcome <b>jason</b>');
    expect(page).toMatch(/Reviews served by: <u>reviews-v2-/);
    // Without the cookie productpage sends no end-user header: everyone else gets v3.
    expect(exec('curl -s http://productpage:9080/productpage')).toMatch(/Reviews served by: <u>reviews-v3-/);
  });

  it("a 7 s ratings delay for jason exceeds productpage's 3 s x 2 reviews timeout (the fault-injection task)", () => {
    const c = bookinfo();
    applyFile(c, 'networking__virtual-service-all-v1');
    applyFile(c, 'networking__virtual-service-reviews-jason-v2-v3');
    applyFile(c, 'networking__virtual-service-ratings-test-delay');
    const pp = podOf(c, 'productpage');
    // Flask's session cookie for {"user": "jason"} (base64url payload, then timestamp and signature).
    const asJason = { cookie: 'session=eyJ1c2VyIjoiamFzb24ifQ.Z4d.sig' };
    const jason = net(c).request(null, gatewayURL(c), { headers: asJason });
    expect(jason.ok && jason.status).toBe(200);
    expect(jason.ok && jason.body).toContain('Error fetching product reviews!');
    // Two tries of 3 s each, after details answered.
    expect(jason.latencyMs).toBeGreaterThanOrEqual(6000);
    expect(jason.latencyMs).toBeLessThan(7000);
    const other = net(c).request(pp, 'http://productpage:9080/productpage');
    expect(other.ok && other.body).toMatch(/Reviews served by: <u>reviews-v3-/);
    expect(other.latencyMs).toBeLessThan(500);
  });
});
