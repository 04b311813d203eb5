/**
 * OpenShift's build strategy admission: Custom builds run an arbitrary privileged builder image, so only
 * users allowed `create` on `builds/custom` (cluster-admins) may create or change BuildConfigs and Builds
 * using that strategy.
 */
import { StatusError } from '../api/errors';
import type { EngineContext } from '../context';

const ADMIN_GROUPS = new Set(['system:masters', 'system:cluster-admins']);

export function installBuildStrategyAdmission(ctx: EngineContext): void {
  ctx.api.addValidatingAdmission((req) => {
    if (req.operation === 'DELETE' || req.resource.group !== 'build.openshift.io') return;
    const strategy = req.object.spec?.strategy;
    const custom = strategy?.type === 'Custom' || strategy?.customStrategy !== undefined;
    if (!custom || req.user.groups.some((g) => ADMIN_GROUPS.has(g)) || req.user.username === 'kube:admin')
      return;
    throw new StatusError(
      403,
      'Forbidden',
      `${req.resource.plural}.${req.resource.group} "${req.object.metadata?.name ?? ''}" is forbidden: build strategy Custom is not allowed`,
    );
  });
}
