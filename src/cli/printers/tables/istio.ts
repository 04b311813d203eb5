/** Printer columns of the Istio CRDs (additionalPrinterColumns of istio/api's customresourcedefinitions.gen.yaml). */
import { type PrinterColumn, printerColumnsTable } from './custom';
import type { TableHandler } from './types';

const AGE: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

export const ISTIO_TABLES: [string, TableHandler][] = [
  [
    'virtualservices.networking.istio.io',
    printerColumnsTable([
      { name: 'Gateways', type: 'string', jsonPath: '.spec.gateways' },
      { name: 'Hosts', type: 'string', jsonPath: '.spec.hosts' },
      AGE,
    ]),
  ],
  [
    'destinationrules.networking.istio.io',
    printerColumnsTable([{ name: 'Host', type: 'string', jsonPath: '.spec.host' }, AGE]),
  ],
  [
    'serviceentries.networking.istio.io',
    printerColumnsTable([
      { name: 'Hosts', type: 'string', jsonPath: '.spec.hosts' },
      { name: 'Location', type: 'string', jsonPath: '.spec.location' },
      { name: 'Resolution', type: 'string', jsonPath: '.spec.resolution' },
      AGE,
    ]),
  ],
  [
    'workloadentries.networking.istio.io',
    printerColumnsTable([AGE, { name: 'Address', type: 'string', jsonPath: '.spec.address' }]),
  ],
  [
    'authorizationpolicies.security.istio.io',
    printerColumnsTable([{ name: 'Action', type: 'string', jsonPath: '.spec.action' }, AGE]),
  ],
  [
    'peerauthentications.security.istio.io',
    printerColumnsTable([{ name: 'Mode', type: 'string', jsonPath: '.spec.mtls.mode' }, AGE]),
  ],
];
