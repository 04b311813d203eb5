/** Ingress: ingress-nginx (installed on demand by a lab), its routing and status, DefaultIngressClass. */
export { ingressComponent, nginxErrorPage } from './controller';
export { INGRESS_NAMESPACE, ingressNginxManifests, installIngressNginx } from './install';
