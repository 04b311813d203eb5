/** `oc rollout latest dc/NAME`: start a new DeploymentConfig version by hand (other rollout verbs are kubectl's). */
import { StatusError } from '../../engine/api/errors';
import { DEPLOYMENT_CONFIGS, rolloutLatest } from '../../engine/openshift/deploymentconfigs';
import type { Command } from '../command';
import { CliError, usageError } from '../errors';

export const rollout: Command = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  usage: 'rollout latest DEPLOYMENTCONFIG',
  run(ctx, inv) {
    const [verb, target, second] = inv.args;
    if (verb !== 'latest') throw usageError(inv.path, `unknown command "${verb ?? ''}"`);
    const ref = second ? `${target}/${second}` : (target ?? '');
    const m = /^(?:(dc|deploymentconfigs?(?:\.apps\.openshift\.io)?)\/)?(.+)$/.exec(ref);
    if (!target || !m) throw usageError(`${inv.path} latest`, 'a resource must be specified');
    if (ref.includes('/') && !m[1])
      throw new CliError(`expected deployment configuration, got ${ref.split('/')[0]}`);
    const name = m[2];
    if (!ctx.api.tryGet(DEPLOYMENT_CONFIGS, ctx.namespace, name)) {
      throw new StatusError(404, 'NotFound', `deploymentconfigs.apps.openshift.io "${name}" not found`);
    }
    rolloutLatest(ctx.engine, ctx.namespace, name);
    ctx.print(`deploymentconfig.apps.openshift.io/${name} rolled out\n`);
    return 0;
  },
};
