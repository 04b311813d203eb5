/**
 * Mesh graph nodes: a workload (app + version) or a Service as a focusable, named button that shows its
 * charts, and the app box that groups the versions of one app. Each node reads its own numbers from the
 * mesh store, so React Flow's node objects stay the same while the numbers change every second.
 * Testing contract: data-testid="mesh-node" with data-kind (workload|service), data-name, data-namespace.
 */
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { type KeyboardEvent, memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeshEdgeView } from '../../protocol/messages';
import { type Direction, nearestInDirection } from '../graph/navigation';
import { toggleFocus, useMesh } from './mesh-store';
import { errorTone, formatMs, formatPercent, formatRps } from './model';

export interface MeshNodeData extends Record<string, unknown> {
  /** The mesh node id (`workload:ns/name`) or app box id (`app:ns/app`). */
  id: string;
  /** App boxes: the app and how many versions. */
  app?: string;
  versions?: number;
}

const hidden = { opacity: 0 };

const ARROWS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

/** Arrow keys move to the nearest mesh node in that direction on screen (as in the cluster graph). */
function onArrow(e: KeyboardEvent<HTMLButtonElement>): void {
  if (!ARROWS.has(e.key)) return;
  e.preventDefault();
  e.stopPropagation();
  const root = e.currentTarget.closest('.mesh') ?? document;
  const others = [...root.querySelectorAll<HTMLElement>('[data-testid="mesh-node"]')].filter(
    (el) => el !== e.currentTarget,
  );
  const box = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  };
  const i = nearestInDirection(box(e.currentTarget), others.map(box), e.key as Direction);
  if (i >= 0) others[i].focus();
}

function sentRps(edges: MeshEdgeView[] | undefined, id: string): number {
  let sum = 0;
  for (const e of edges ?? []) if (e.source === id) sum += e.rps;
  return Math.round(sum * 100) / 100;
}

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Left} style={hidden} isConnectable={false} />
      <Handle type="source" position={Position.Right} style={hidden} isConnectable={false} />
    </>
  );
}

function WorkloadIcon() {
  return (
    <svg className="mnode-icon" viewBox="0 0 16 16" aria-hidden="true">
      <circle cx="8" cy="8" r="6" />
    </svg>
  );
}

function ServiceIcon() {
  return (
    <svg className="mnode-icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M8 2 L14 13 L2 13 Z" />
    </svg>
  );
}

const MeshNode = memo(function MeshNode({ data }: NodeProps<Node<MeshNodeData>>) {
  const { t } = useTranslation();
  const n = useMesh((s) => s.byId.get(data.id));
  const focused = useMesh((s) => s.focus === data.id);
  // A client (sleep, the ingress gateway's callers) receives nothing: what it sends is its number.
  const sent = useMesh((s) => sentRps(s.state?.edges, data.id));
  if (!n) return null;
  const unknown = n.kind === 'workload' && n.name === 'unknown' && !n.namespace;
  const name = unknown ? t('mesh.unknown') : n.name;
  const client = n.idle && sent > 0;
  const tone = client ? 'ok' : n.idle ? 'idle' : errorTone(n.errorPercent);
  const label = t(
    client ? 'mesh.a11y.client' : n.kind === 'service' ? 'mesh.a11y.service' : 'mesh.a11y.workload',
    {
      name: n.namespace && n.namespace !== 'default' ? `${name}.${n.namespace}` : name,
      rps: formatRps(client ? sent : n.rps),
      errors: formatPercent(n.errorPercent),
    },
  );
  return (
    <>
      <Handles />
      <button
        type="button"
        className={`mnode mnode-${n.kind} mtone-${tone}`}
        data-testid="mesh-node"
        data-kind={n.kind}
        data-name={n.name}
        data-namespace={n.namespace}
        data-rps={n.rps}
        data-errors={n.errorPercent}
        aria-label={label}
        aria-pressed={focused}
        title={label}
        onClick={() => toggleFocus(n.id)}
        onKeyDown={onArrow}
      >
        {n.kind === 'service' ? <ServiceIcon /> : <WorkloadIcon />}
        <span className="mnode-text">
          <span className="mnode-name">
            {name}
            {n.version ? <span className="mnode-version">{n.version}</span> : null}
          </span>
          <span className="mnode-stats">
            {client
              ? t('mesh.sends', { rps: formatRps(sent) })
              : n.idle
                ? t('mesh.idle')
                : `${formatRps(n.rps)} rps · ${formatPercent(n.errorPercent)} · ${formatMs(n.p95)}`}
          </span>
        </span>
      </button>
    </>
  );
});

/** The box around the versions of one app (Kiali's app box); its members are nodes drawn inside it. */
const AppBox = memo(function AppBox({ data }: NodeProps<Node<MeshNodeData>>) {
  const { t } = useTranslation();
  return (
    <>
      <Handles />
      {/* Drawing only: each version's own name already says which app it belongs to. */}
      <div
        className="mapp"
        aria-hidden="true"
        title={t('mesh.a11y.app', { app: data.app, count: data.versions })}
      >
        <span className="mapp-name">{data.app}</span>
      </div>
    </>
  );
});

export const meshNodeTypes = { meshNode: MeshNode, meshApp: AppBox };
