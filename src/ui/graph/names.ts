/** Accessible names for graph nodes and table rows ("Pod web-7c9f8d6b5-x2k9p, Running, 1/1 ready"). */
import type { TFunction } from 'i18next';
import type { BuildStage, ObjectView } from '../../protocol/views';

/** What a node knows beyond its view: a running Build's stage, a BuildConfig's latest build phase. */
export interface NameExtra {
  stage?: BuildStage;
  latestPhase?: string;
}

export function accessibleName(o: ObjectView, t: TFunction, extra: NameExtra = {}): string {
  if (o.kind === 'Pod') {
    const base = t('a11y.pod', { name: o.name, status: o.status, ready: o.ready ?? '0/0' });
    return o.restarts ? `${base}, ${t('a11y.restarts', { count: o.restarts })}` : base;
  }
  const openshift = openShiftName(o, t, extra);
  if (openshift) return openshift;
  if (o.ready !== undefined && o.kind !== 'Job')
    return t('a11y.workload', { kind: o.kind, name: o.name, ready: o.ready });
  return t('a11y.object', { kind: o.kind, name: o.name, status: o.status });
}

function openShiftName(o: ObjectView, t: TFunction, extra: NameExtra): string | undefined {
  switch (o.kind) {
    case 'Build':
      return extra.stage
        ? t('buildChain.a11y.buildStage', {
            name: o.name,
            status: o.status,
            stage: t(`buildChain.stage.${extra.stage}`),
          })
        : undefined;
    case 'BuildConfig': {
      const version = o.status.replace(/^#/, '');
      if (version === '0') return t('buildChain.a11y.buildConfigNone', { name: o.name });
      return extra.latestPhase
        ? t('buildChain.a11y.buildConfigPhase', { name: o.name, version, phase: extra.latestPhase })
        : t('buildChain.a11y.buildConfig', { name: o.name, version });
    }
    case 'ImageStreamTag': {
      const digest = o.status.slice(o.status.indexOf('@') + 1);
      return digest === '<none>'
        ? t('buildChain.a11y.imageTagEmpty', { name: o.name })
        : t('buildChain.a11y.imageTag', { name: o.name, digest });
    }
    case 'Route':
      return t(o.route?.admitted === false ? 'buildChain.a11y.routePending' : 'buildChain.a11y.route', {
        name: o.name,
        host: o.route?.host ?? o.status,
      });
    default:
      return undefined;
  }
}
