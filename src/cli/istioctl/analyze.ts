/**
 * `istioctl analyze`: the common analyzers over the live cluster. IST0101 ReferencedResourceNotFound
 * (a VirtualService destination host that is no Service, a subset no DestinationRule defines, a Gateway
 * that does not exist, a Gateway credentialName with no Secret), IST0132 VirtualServiceHostNotFoundInGateway, IST0102 NamespaceNotInjected and IST0103 PodMissingProxy, in istioctl 1.24's words and levels; exit code 79 when an Error is found.
 */
import type { StoredObject } from '../../engine/api/types';
import type { EngineContext } from '../../engine/context';
import { fqdn, hasSidecar, ISTIO_RESOURCES } from '../../engine/istio';

export type Level = 'Error' | 'Warning' | 'Info';

export interface AnalysisMessage {
  level: Level;
  code: string;
  origin: string;
  text: string;
}

const RANK: Record<Level, number> = { Error: 0, Warning: 1, Info: 2 };
/** Byte order, as Go compares strings. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const ANALYZER_FOUND_ISSUES_EXIT = 79;

function list(ctx: EngineContext, resource: string, ns?: string): StoredObject[] {
  if (!ctx.kinds.get(resource)) return [];
  return ctx.api.store.list(resource, ns);
}

function serviceExists(ctx: EngineContext, host: string, domain: string): boolean {
  const m = /^([^.]+)\.([^.]+)\.svc\./.exec(host);
  if (m) return ctx.api.store.get('services', m[2], m[1]) !== undefined;
  return list(ctx, ISTIO_RESOURCES.serviceEntries).some((se) =>
    ((se.spec?.hosts ?? []) as string[]).some(
      (h) => (h.includes('.') ? h : fqdn(h, se.metadata.namespace ?? 'default', domain)) === host,
    ),
  );
}

const stripNamespace = (h: string) => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h);

/** Whether two hosts (either may be a wildcard) can name the same host, as Istio's host.Name.Matches. */
function hostsOverlap(a: string, b: string): boolean {
  if (a === '*' || b === '*' || a === b) return true;
  if (a.startsWith('*.') && b.endsWith(a.slice(1))) return true;
  if (b.startsWith('*.') && a.endsWith(b.slice(1))) return true;
  return a.startsWith('*.') && b.startsWith('*.') && (a.endsWith(b.slice(1)) || b.endsWith(a.slice(1)));
}

function subsetExists(ctx: EngineContext, host: string, subset: string, domain: string): boolean {
  return list(ctx, ISTIO_RESOURCES.destinationRules).some(
    (dr) =>
      fqdn(dr.spec?.host ?? '', dr.metadata.namespace ?? 'default', domain) === host &&
      ((dr.spec?.subsets ?? []) as { name: string }[]).some((s) => s.name === subset),
  );
}

export function analyze(ctx: EngineContext, namespace: string | undefined): AnalysisMessage[] {
  const domain = ctx.config.clusterDomain || 'cluster.local';
  const out: AnalysisMessage[] = [];
  for (const vs of list(ctx, ISTIO_RESOURCES.virtualServices, namespace)) {
    const ns = vs.metadata.namespace ?? 'default';
    const origin = `VirtualService ${ns}/${vs.metadata.name}`;
    for (const g of (vs.spec?.gateways ?? []) as string[]) {
      if (g === 'mesh') continue;
      const [gns, gname] = g.includes('/') ? g.split('/') : [ns, g.split('.')[0]];
      const gw = ctx.api.store.get(ISTIO_RESOURCES.gateways, gns, gname);
      if (!gw)
        out.push({ level: 'Error', code: 'IST0101', origin, text: `Referenced gateway not found: "${g}"` });
      // IST0132: no VirtualService host is served by the Gateway (a missing Gateway serves none).
      const vsHosts = (vs.spec?.hosts ?? []) as string[];
      const gwHosts = ((gw?.spec?.servers ?? []) as { hosts?: string[] }[]).flatMap((x) => x.hosts ?? []);
      if (!gwHosts.some((gh) => vsHosts.some((vh) => hostsOverlap(stripNamespace(gh), stripNamespace(vh)))))
        out.push({
          level: 'Warning',
          code: 'IST0132',
          origin,
          text: `one or more host [${vsHosts.join(' ')}] defined in VirtualService ${ns}/${vs.metadata.name} not found in Gateway ${gns}/${gname}.`,
        });
    }
    const routes = [...(vs.spec?.http ?? []), ...(vs.spec?.tcp ?? []), ...(vs.spec?.tls ?? [])] as {
      route?: { destination?: { host?: string; subset?: string } }[];
    }[];
    for (const r of routes)
      for (const d of r.route ?? []) {
        const host = d.destination?.host;
        if (!host) continue;
        const full = fqdn(host, ns, domain);
        // A name with dots may be a ServiceEntry host, written as is.
        if (!serviceExists(ctx, full, domain) && !(host.includes('.') && serviceExists(ctx, host, domain))) {
          out.push({ level: 'Error', code: 'IST0101', origin, text: `Referenced host not found: "${host}"` });
        } else if (d.destination?.subset && !subsetExists(ctx, full, d.destination.subset, domain)) {
          out.push({
            level: 'Error',
            code: 'IST0101',
            origin,
            text: `Referenced host+subset in destinationrule not found: "${host}+${d.destination.subset}"`,
          });
        }
      }
  }
  out.push(...credentialsNotFound(ctx, namespace));
  for (const n of ctx.api.store.list('namespaces')) {
    const name = n.metadata.name ?? '';
    if (namespace && name !== namespace) continue;
    if (name.startsWith('kube-') || name.startsWith('istio-')) continue;
    const labels = n.metadata.labels ?? {};
    if (labels['istio-injection'] === undefined && labels['istio.io/rev'] === undefined)
      out.push({
        level: 'Info',
        code: 'IST0102',
        origin: `Namespace ${name}`,
        text: `The namespace is not enabled for Istio injection. Run 'kubectl label namespace ${name} istio-injection=enabled' to enable it, or 'kubectl label namespace ${name} istio-injection=disabled' to explicitly mark it as not needing injection.`,
      });
  }
  // IST0103: pods of an injected namespace created before the label (or before istiod) run without a proxy.
  for (const p of ctx.api.store.list('pods', namespace)) {
    const ns = p.metadata.namespace ?? 'default';
    const nsLabels = ctx.api.store.get('namespaces', undefined, ns)?.metadata.labels ?? {};
    if (nsLabels['istio-injection'] !== 'enabled' || hasSidecar(p) || p.spec?.hostNetwork) continue;
    const optOut =
      p.metadata.labels?.['sidecar.istio.io/inject'] ?? p.metadata.annotations?.['sidecar.istio.io/inject'];
    if (optOut === 'false') continue;
    out.push({
      level: 'Warning',
      code: 'IST0103',
      origin: `Pod ${ns}/${p.metadata.name}`,
      text: `The pod ${ns}/${p.metadata.name} is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.`,
    });
  }
  return out.sort(
    (a, b) =>
      RANK[a.level] - RANK[b.level] ||
      a.code.localeCompare(b.code) ||
      cmp(a.origin, b.origin) ||
      cmp(a.text, b.text),
  );
}

/**
 * IST0101 for a Gateway server whose `credentialName` Secret is not in the namespace of the gateway
 * workload it selects (where the gateway's Envoy reads it), as the gateway secret analyzer reports it.
 */
function credentialsNotFound(ctx: EngineContext, namespace: string | undefined): AnalysisMessage[] {
  const out: AnalysisMessage[] = [];
  for (const gw of list(ctx, ISTIO_RESOURCES.gateways, namespace)) {
    const ns = gw.metadata.namespace ?? 'default';
    const selector = (gw.spec?.selector ?? {}) as Record<string, string>;
    const gwPod =
      Object.keys(selector).length === 0
        ? undefined
        : ctx.api.store
            .list('pods')
            .find((p) => Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v));
    const secretNs = gwPod?.metadata.namespace ?? ns;
    for (const server of (gw.spec?.servers ?? []) as { tls?: { credentialName?: string } }[]) {
      const cred = server.tls?.credentialName;
      if (!cred || ctx.api.store.get('secrets', secretNs, cred)) continue;
      out.push({
        level: 'Error',
        code: 'IST0101',
        origin: `Gateway ${ns}/${gw.metadata.name}`,
        text: `Referenced credentialName not found: "${cred}"`,
      });
    }
  }
  return out;
}

/** What `istioctl analyze` prints, and its exit code. */
export function analyzeOutput(
  ctx: EngineContext,
  namespace: string | undefined,
): { output: string; exitCode: number } {
  const msgs = analyze(ctx, namespace);
  const scope = namespace ? `namespace: ${namespace}` : 'all namespaces';
  if (msgs.length === 0)
    return { output: `✔ No validation issues found when analyzing ${scope}.\n`, exitCode: 0 };
  let output = msgs.map((m) => `${m.level} [${m.code}] (${m.origin}) ${m.text}\n`).join('');
  const failed = msgs.some((m) => m.level === 'Error');
  if (failed)
    output += `Error: Analyzers found issues when analyzing ${scope}.\nSee https://istio.io/v1.24/docs/reference/config/analysis for more information about causes and resolutions.\n`;
  return { output, exitCode: failed ? ANALYZER_FOUND_ISSUES_EXIT : 0 };
}
