/**
 * `oc status`: the project's apps as oc draws them, one block per Service (its Route or address), the
 * Deployment behind it, the BuildConfig feeding its image, the newest build and the rollout.
 */
import type { StoredObject } from '../../engine/api/types';
import { BUILD_CONFIGS, BUILDS } from '../../engine/openshift/instantiate';
import { parseTriggers } from '../../engine/openshift/triggers';
import type { Command, CommandContext } from '../command';
import { humanDuration } from './format';
import { serverUrl } from './server';

function matches(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function ago(ctx: CommandContext, iso: string | undefined): string {
  return humanDuration(ctx.cluster.clock.now(), iso).toLowerCase();
}

function deploymentBlock(ctx: CommandContext, d: StoredObject, indent: string): string[] {
  const ns = ctx.namespace;
  const lines: string[] = [];
  const trigger = parseTriggers(d)[0];
  const image = trigger ? `istag/${trigger.from.name} <-` : (d.spec.template.spec.containers[0]?.image ?? '');
  lines.push(`${indent}deployment/${d.metadata.name} deploys ${image}`);
  if (trigger) {
    const stream = trigger.from.name.split(':')[0];
    for (const bc of ctx.api.list(BUILD_CONFIGS, { namespace: ns })) {
      if (!String(bc.spec?.output?.to?.name ?? '').startsWith(`${stream}:`)) continue;
      const type = bc.spec.strategy?.type === 'Docker' ? 'docker' : 'source';
      const from = bc.spec.strategy?.sourceStrategy?.from ?? bc.spec.strategy?.dockerStrategy?.from;
      lines.push(
        `${indent}  bc/${bc.metadata.name} ${type} builds ${bc.spec.source?.git?.uri ?? 'uploaded code'}${from ? ` on ${from.namespace && from.namespace !== ns ? `${from.namespace}/` : 'istag/'}${from.name}` : ''} `,
      );
      const build = ctx.api.tryGet(BUILDS, ns, `${bc.metadata.name}-${bc.status?.lastVersion ?? 0}`);
      if (build) lines.push(`${indent}    build #${bc.status.lastVersion} ${buildState(ctx, build)}`);
    }
  }
  const rss = ctx.api
    .list('replicasets.apps', { namespace: ns })
    .filter((rs) => rs.metadata.ownerReferences?.some((o: { uid: string }) => o.uid === d.metadata.uid))
    .sort((a, b) => revision(b) - revision(a));
  for (const rs of rss.slice(0, 2)) {
    const ready = rs.status?.readyReplicas ?? 0;
    const want = rs.spec?.replicas ?? 0;
    if (rs === rss[0] && ready < want) {
      lines.push(
        `${indent}  deployment #${revision(rs)} running for ${ago(ctx, rs.metadata.creationTimestamp)} - ${ready}/${want} pods`,
      );
    } else if (want > 0 || rs === rss[0]) {
      lines.push(
        `${indent}  deployment #${revision(rs)} deployed ${ago(ctx, rs.metadata.creationTimestamp)} ago - ${want} pod${want === 1 ? '' : 's'}`,
      );
    } else
      lines.push(
        `${indent}  deployment #${revision(rs)} deployed ${ago(ctx, rs.metadata.creationTimestamp)} ago`,
      );
  }
  return lines;
}

/** A DeploymentConfig: its image (or trigger) and its versions, from the ReplicationControllers. */
function deploymentConfigBlock(ctx: CommandContext, dc: StoredObject, indent: string): string[] {
  const trigger = (dc.spec?.triggers ?? []).find(
    (t: { type: string; imageChangeParams?: { automatic?: boolean } }) => t.type === 'ImageChange',
  )?.imageChangeParams;
  const image = trigger?.from
    ? `istag/${trigger.from.name} <-`
    : (dc.spec.template?.spec?.containers?.[0]?.image ?? '');
  const lines = [`${indent}dc/${dc.metadata.name} deploys ${image}`];
  const rcs = ctx.api
    .list('replicationcontrollers', { namespace: dc.metadata.namespace })
    .filter((rc) => rc.metadata.annotations?.['openshift.io/deployment-config.name'] === dc.metadata.name)
    .sort((a, b) => dcVersion(b) - dcVersion(a));
  for (const rc of rcs.slice(0, 2)) {
    const phase = rc.metadata.annotations?.['openshift.io/deployment.phase'];
    const n = rc.status?.replicas ?? 0;
    const pods = `${n} pod${n === 1 ? '' : 's'}`;
    if (phase === 'Complete')
      lines.push(
        `${indent}  deployment #${dcVersion(rc)} deployed ${ago(ctx, rc.metadata.creationTimestamp)} ago${n > 0 || rc === rcs[0] ? ` - ${pods}` : ''}`,
      );
    else if (phase === 'Failed')
      lines.push(
        `${indent}  deployment #${dcVersion(rc)} failed ${ago(ctx, rc.metadata.creationTimestamp)} ago`,
      );
    else
      lines.push(
        `${indent}  deployment #${dcVersion(rc)} running for ${ago(ctx, rc.metadata.creationTimestamp)} - ${rc.status?.readyReplicas ?? 0}/${rc.spec?.replicas ?? 0} pods`,
      );
  }
  return lines;
}

function dcVersion(rc: StoredObject): number {
  return Number(rc.metadata.annotations?.['openshift.io/deployment-config.latest-version'] ?? 0);
}

function buildState(ctx: CommandContext, b: StoredObject): string {
  const rev = b.spec?.revision?.git;
  const commit = rev
    ? ` - ${String(rev.commit).slice(0, 7)}: ${rev.message} (${rev.author?.name} <${rev.author?.email}>)`
    : '';
  const phase = b.status?.phase ?? 'New';
  if (phase === 'Running') return `running for ${ago(ctx, b.status.startTimestamp)}${commit}`;
  if (phase === 'New' || phase === 'Pending')
    return `pending for ${ago(ctx, b.metadata.creationTimestamp)}${commit}`;
  if (phase === 'Complete') return `succeeded ${ago(ctx, b.status.completionTimestamp)} ago${commit}`;
  return `${phase.toLowerCase()} ${ago(ctx, b.status.completionTimestamp)} ago${commit}`;
}

function revision(rs: StoredObject): number {
  return Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
}

export const status: Command = {
  name: 'status',
  short: 'Show a high level overview of the current project',
  usage: 'status [-o dot | --suggest ] [flags]',
  run(ctx) {
    const ns = ctx.namespace;
    const out: string[] = [`In project ${displayName(ctx, ns)} on server ${serverUrl(ctx)}`, ''];
    const deployments = ctx.api.list('deployments.apps', { namespace: ns });
    const used = new Set<string>();
    const dcs = ctx.api.list('deploymentconfigs.apps.openshift.io', { namespace: ns });
    const usedDcs = new Set<string>();
    const routes = ctx.api.list('routes.route.openshift.io', { namespace: ns });
    const services = ctx.api
      .list('services', { namespace: ns })
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    for (const svc of services) {
      const route = routes.find((r) => r.spec?.to?.name === svc.metadata.name);
      const port = svc.spec.ports?.[0];
      if (route) {
        const scheme = route.spec.tls ? 'https' : 'http';
        const target = route.spec.port?.targetPort ?? port?.name ?? port?.port;
        out.push(
          `${scheme}://${route.spec.host}${route.spec.path ?? ''} to pod port ${target} (svc/${svc.metadata.name})`,
        );
      } else out.push(`svc/${svc.metadata.name} - ${svc.spec.clusterIP}${port ? `:${port.port}` : ''}`);
      for (const d of deployments.filter((x) =>
        matches(svc.spec.selector, x.spec.template.metadata?.labels),
      )) {
        used.add(d.metadata.name);
        out.push(...deploymentBlock(ctx, d, '  '));
      }
      out.push('');
    }
    for (const d of deployments.filter((x) => !used.has(x.metadata.name))) {
      out.push(...deploymentBlock(ctx, d, ''), '');
    }
    for (const dc of dcs.filter((x) => !usedDcs.has(x.metadata.name))) {
      out.push(...deploymentConfigBlock(ctx, dc, ''), '');
    }
    if (out.length === 2) {
      out.push(
        'You have no services, deployment configs, or build configs.',
        "Run 'oc new-app' to create an application.",
      );
      ctx.print(`${out.join('\n')}\n`);
      return 0;
    }
    out.push('', "View details with 'oc describe <resource>/<name>' or list resources with 'oc get all'.");
    ctx.print(`${out.join('\n')}\n`);
    return 0;
  },
};

function displayName(ctx: CommandContext, ns: string): string {
  const d = ctx.api.tryGet('namespaces', undefined, ns)?.metadata.annotations?.['openshift.io/display-name'];
  return d ? `${d} (${ns})` : ns;
}
