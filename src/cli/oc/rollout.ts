/**
 * `oc rollout latest dc/NAME` (start a new DeploymentConfig version by hand) and `oc rollout status dc/NAME`
 * (library-go's DeploymentConfig status viewer, polled in virtual time). Other rollout verbs and kinds are
 * kubectl's.
 */
import { StatusError } from '../../engine/api/errors';
import type { StoredObject } from '../../engine/api/types';
import { DEPLOYMENT_CONFIGS, rolloutLatest } from '../../engine/openshift/deploymentconfigs';
import type { Command, CommandContext } from '../command';
import { CliError, usageError } from '../errors';
import { printPodTemplate } from '../pod-template';
import type { OutputStream } from '../types';
import { tabbed } from './tabbed';

export const rollout: Command = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  usage: 'rollout latest DEPLOYMENTCONFIG',
  flags: [
    {
      name: 'revision',
      type: 'int',
      default: 0,
      usage: 'See the details, including podTemplate of the revision specified',
    },
  ],
  run(ctx, inv) {
    const [verb, target, second] = inv.args;
    if (verb === 'status') return status(ctx, target, second);
    if (verb === 'history') return history(ctx, target, second, inv.flags.int('revision'));
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

/**
 * `oc rollout history dc/NAME`: the DeploymentConfig history viewer (one row per ReplicationController,
 * its phase and the reason it was started), or one revision's pod template with `--revision`.
 */
function history(
  ctx: CommandContext,
  target: string | undefined,
  second: string | undefined,
  revision: number,
): number {
  const ref = second ? `${target}/${second}` : (target ?? '');
  const name = ref.slice(ref.indexOf('/') + 1);
  const dc = ctx.api.tryGet(DEPLOYMENT_CONFIGS, ctx.namespace, name);
  if (!dc) throw new StatusError(404, 'NotFound', `deploymentconfigs.apps.openshift.io "${name}" not found`);
  const header = `deploymentconfig.apps.openshift.io/${name}`;
  const rcs = ctx.api
    .list('replicationcontrollers', { namespace: ctx.namespace })
    .filter((rc) => rc.metadata.annotations?.['openshift.io/deployment-config.name'] === name)
    .sort((a, b) => versionOf(a) - versionOf(b));
  if (rcs.length === 0) {
    ctx.print(`${header} \nNo rollout history found.\n`);
    return 0;
  }
  if (revision > 0) {
    const rc = rcs.find((r) => versionOf(r) === revision);
    if (!rc) throw new CliError('unable to find the specified revision');
    ctx.print(`${header} with revision #${revision}\n${printPodTemplate(rc.spec?.template)}\n`);
    return 0;
  }
  const rows = rcs.map((rc) => {
    const a = rc.metadata.annotations ?? {};
    return `${versionOf(rc)}\t${a['openshift.io/deployment.phase'] ?? ''}\t${a['openshift.io/deployment.status-reason'] || '<unknown>'}\n`;
  });
  ctx.print(`${header} \n${tabbed(`REVISION\tSTATUS\tCAUSE\n${rows.join('')}`)}\n`);
  return 0;
}

function versionOf(rc: StoredObject): number {
  return Number(rc.metadata.annotations?.['openshift.io/deployment-config.latest-version'] ?? 0);
}

/** One look at the DeploymentConfig: the line to print and whether the rollout is over (or failed). */
function statusLine(
  dc: StoredObject,
  rc: StoredObject | undefined,
): { text: string; done?: 'ok' | 'failed' } {
  const st = dc.status ?? {};
  if ((dc.metadata.generation ?? 0) > (st.observedGeneration ?? 0))
    return { text: 'waiting for deployment spec update to be observed...\n' };
  const rcName = `${dc.metadata.name}-${st.latestVersion ?? 0}`;
  const phase = rc?.metadata.annotations?.['openshift.io/deployment.phase'];
  if (phase === 'Failed')
    return { text: `error: replication controller "${rcName}" has failed progressing\n`, done: 'failed' };
  if (phase === 'Complete')
    return { text: `replication controller "${rcName}" successfully rolled out\n`, done: 'ok' };
  const want = dc.spec?.replicas ?? 0;
  if ((st.updatedReplicas ?? 0) < want)
    return {
      text: `Waiting for rollout to finish: ${st.updatedReplicas ?? 0} out of ${want} new replicas have been updated...\n`,
    };
  if ((st.updatedReplicas ?? 0) < (st.replicas ?? 0))
    return {
      text: `Waiting for rollout to finish: ${(st.replicas ?? 0) - (st.updatedReplicas ?? 0)} old replicas are pending termination...\n`,
    };
  if ((st.availableReplicas ?? 0) < (st.updatedReplicas ?? 0))
    return {
      text: `Waiting for rollout to finish: ${st.availableReplicas ?? 0} of ${st.updatedReplicas ?? 0} updated replicas are available...\n`,
    };
  return { text: 'Waiting for latest deployment config spec to be observed by the controller loop...\n' };
}

function status(ctx: CommandContext, target: string | undefined, second: string | undefined): number {
  const ref = second ? `${target}/${second}` : (target ?? '');
  const name = ref.replace(/^(dc|deploymentconfigs?(\.apps\.openshift\.io)?)\//, '');
  if (!ctx.api.tryGet(DEPLOYMENT_CONFIGS, ctx.namespace, name))
    throw new StatusError(404, 'NotFound', `deploymentconfigs.apps.openshift.io "${name}" not found`);
  const look = () => {
    const dc = ctx.api.get(DEPLOYMENT_CONFIGS, ctx.namespace, name);
    const rc = ctx.api.tryGet(
      'replicationcontrollers',
      ctx.namespace,
      `${name}-${dc.status?.latestVersion ?? 0}`,
    );
    return statusLine(dc, rc);
  };
  const first = look();
  ctx.print(first.text);
  if (first.done) {
    if (first.done === 'failed') return 1;
    return 0;
  }
  const stream: OutputStream = {
    subscribe(write, done) {
      let last = first.text;
      let timer: { cancelled: boolean } | undefined;
      const tick = () => {
        const s = look();
        if (s.text !== last) write(s.text);
        last = s.text;
        if (s.done) return done(s.done === 'ok' ? 0 : 1);
        timer = ctx.cluster.clock.after(1000, 'oc rollout status', tick);
      };
      timer = ctx.cluster.clock.after(1000, 'oc rollout status', tick);
      return () => {
        if (timer) timer.cancelled = true;
      };
    },
  };
  ctx.stream = stream;
  return 0;
}
