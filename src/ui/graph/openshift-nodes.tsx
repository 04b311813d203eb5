/**
 * Graph nodes of OpenShift's build chain: BuildConfig (latest build and its phase), Build (phase, stage
 * and a progress bar read off the virtual clock), ImageStreamTag (tag and short digest) and Route (host).
 * Same testing contract as every node: data-testid="graph-node", data-kind, data-name, data-namespace,
 * data-status (+ data-stage / data-progress on running Builds).
 */
import type { NodeProps } from '@xyflow/react';
import i18next from 'i18next';
import { memo, useMemo } from 'react';
import type { BuildStage, ObjectView } from '../../protocol/views';
import { useLab, useView } from '../lab/store';
import type { NodeData } from './model';
import { accessibleName } from './names';
import { NodeButton } from './nodes';
import { buildProgress, imageStreamTagId, latestBuildOf, tagStatus } from './openshift-model';
import { BUILD_LOOKS, KIND_BADGE, objectLook } from './status';
import './openshift.css';

function Title({ v }: { v: ObjectView }) {
  return (
    <span className="gnode-name">
      <span className="gnode-badge">{KIND_BADGE[v.kind] ?? v.kind}</span> {v.name}
    </span>
  );
}

export const BuildNode = memo(function BuildNode({ data }: NodeProps) {
  const v = useView((data as NodeData).uid);
  // A string, so the node redraws only when the stage or the 5 % step changes.
  const at = useLab((s) => {
    if (!v) return '';
    const p = buildProgress(v, s.clock.nowMs);
    return p.stage ? `${p.stage}|${p.percent}` : '';
  });
  if (!v) return null;
  const look = objectLook(v);
  const [stage, percent] = at ? (at.split('|') as [BuildStage, string]) : [];
  const stageText = stage ? i18next.t(`buildChain.stage.${stage}`) : '';
  return (
    <NodeButton
      v={v}
      variant={`obj kind-${v.kind}`}
      tone={look.tone}
      icon={look.icon}
      attrs={stage ? { 'data-stage': stage, 'data-progress': percent ?? '0' } : undefined}
      label={accessibleName(v, i18next.t, { stage })}
    >
      <Title v={v} />
      <span className="gnode-meta">
        <span className="gnode-status">{v.status}</span>
        {stageText ? ` · ${stageText}` : ''}
      </span>
      {stage && (
        <span className="gnode-progress" aria-hidden="true">
          <span style={{ width: `${percent}%` }} />
        </span>
      )}
    </NodeButton>
  );
});

export const BuildConfigNode = memo(function BuildConfigNode({ data }: NodeProps) {
  const uid = (data as NodeData).uid;
  const v = useView(uid);
  const structure = useLab((s) => s.structure);
  const version = v?.status;
  // Found again only when builds come or go (structure) or the config starts another (its `#N`).
  // biome-ignore lint/correctness/useExhaustiveDependencies: structure and version are the signals.
  const latestUid = useMemo(() => {
    const bc = useLab.getState().objects.get(uid);
    return bc ? latestBuildOf(useLab.getState().objects, bc)?.uid : undefined;
  }, [uid, structure, version]);
  const latest = useView(latestUid ?? '');
  if (!v) return null;
  const phase = latest?.status;
  const shown: ObjectView = phase ? { ...v, status: `${v.status} ${phase}` } : v;
  const look = phase ? (BUILD_LOOKS[phase] ?? objectLook(v)) : objectLook(v);
  return (
    <NodeButton
      v={shown}
      variant={`obj kind-${v.kind}`}
      tone={look.tone}
      icon="⚙"
      label={accessibleName(v, i18next.t, phase ? { latestPhase: phase } : {})}
    >
      <Title v={v} />
      <span className="gnode-meta">
        {v.status === '#0' ? i18next.t('buildChain.noBuilds') : shown.status}
      </span>
    </NodeButton>
  );
});

export const ImageStreamTagNode = memo(function ImageStreamTagNode({ data }: NodeProps) {
  const { uid, tag = 'latest' } = data as NodeData;
  const stream = useView(uid);
  const view = useMemo((): ObjectView | undefined => {
    if (!stream) return undefined;
    // Absent until the first push (the graph draws a build's output tag ahead of it).
    const digest = stream.tags?.find((x) => x.tag === tag)?.digest;
    return {
      ...stream,
      kind: 'ImageStreamTag',
      name: `${stream.name}:${tag}`,
      status: tagStatus(tag, digest),
    };
  }, [stream, tag]);
  if (!view) return null;
  const look = objectLook(view);
  const digest = view.status.slice(view.status.indexOf('@') + 1);
  return (
    <NodeButton
      v={view}
      nodeId={imageStreamTagId(uid, tag)}
      variant="obj kind-ImageStreamTag"
      tone={look.tone}
      icon={look.icon}
      attrs={{ title: `${view.name}\n${digest}` }}
    >
      <Title v={view} />
      <span className="gnode-meta">
        <span className="gnode-status">{tag}</span>
        {' · '}
        {digest === '<none>' ? i18next.t('buildChain.noImage') : digest.replace(/^sha256:/, '')}
      </span>
    </NodeButton>
  );
});

export const RouteNode = memo(function RouteNode({ data }: NodeProps) {
  const v = useView((data as NodeData).uid);
  if (!v) return null;
  const look = objectLook(v);
  const r = v.route;
  const where = `${r?.tls ? '🔒 ' : ''}${r?.host ?? v.status}${r?.path ?? ''}`;
  return (
    <NodeButton v={v} variant={`obj kind-${v.kind}`} tone={look.tone} icon={look.icon}>
      <Title v={v} />
      <span className="gnode-meta" title={where}>
        {r?.admitted === false ? `${i18next.t('buildChain.notAdmitted')} · ` : ''}
        {where}
      </span>
    </NodeButton>
  );
});

export const openshiftNodeTypes = {
  build: BuildNode,
  buildconfig: BuildConfigNode,
  istag: ImageStreamTagNode,
  route: RouteNode,
};
