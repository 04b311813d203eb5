/**
 * Istio's custom resources as a 1.24 install serves them (the v1 storage versions), with the short names
 * and categories `kubectl api-resources` shows. Their schemas come from the generated Istio CRD
 * definitions (schemas/istio), so strict decoding and validation work like any CRD's.
 */
import type { EngineContext } from '../context';

export const NETWORKING = 'networking.istio.io';
export const SECURITY = 'security.istio.io';

export const ISTIO_RESOURCES = {
  virtualServices: `virtualservices.${NETWORKING}`,
  destinationRules: `destinationrules.${NETWORKING}`,
  gateways: `gateways.${NETWORKING}`,
  serviceEntries: `serviceentries.${NETWORKING}`,
  sidecars: `sidecars.${NETWORKING}`,
  peerAuthentications: `peerauthentications.${SECURITY}`,
  authorizationPolicies: `authorizationpolicies.${SECURITY}`,
} as const;

const KINDS: [group: string, kind: string, plural: string, shortNames: string[]][] = [
  [NETWORKING, 'VirtualService', 'virtualservices', ['vs']],
  [NETWORKING, 'DestinationRule', 'destinationrules', ['dr']],
  [NETWORKING, 'Gateway', 'gateways', ['gw']],
  [NETWORKING, 'ServiceEntry', 'serviceentries', ['se']],
  [NETWORKING, 'Sidecar', 'sidecars', []],
  [SECURITY, 'PeerAuthentication', 'peerauthentications', ['pa']],
  [SECURITY, 'AuthorizationPolicy', 'authorizationpolicies', ['ap']],
];

/** Register the kinds once per cluster (idempotent). */
export function registerIstioKinds(ctx: EngineContext): void {
  for (const [group, kind, plural, shortNames] of KINDS) {
    if (ctx.kinds.get(`${plural}.${group}`)) continue;
    const groupCategory = group.replace(/\./g, '-');
    ctx.kinds.register({
      group,
      version: 'v1',
      kind,
      plural,
      singular: kind.toLowerCase(),
      shortNames,
      namespaced: true,
      categories: ['istio-io', groupCategory],
      strategy: { generation: true },
    });
  }
}
