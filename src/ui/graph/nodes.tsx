/**
 * Graph node components. Each reads its own object from the store by uid (so only the node whose
 * object changed re-renders) and carries the testing contract: data-testid="graph-node" with
 * data-kind, data-name, data-namespace and data-status.
 */
import { Handle, type NodeProps, Position, useStore } from '@xyflow/react';
import i18next from 'i18next';
import { type KeyboardEvent, memo, type ReactNode } from 'react';
import type { ObjectView } from '../../protocol/views';
import { useView } from '../lab/store';
import { select, useUi } from '../ui-store';
import { POD_H, POD_W, UNSCHEDULED } from './layout';
import type { InlinePod, NodeData } from './model';
import { accessibleName } from './names';
import { type Direction, moveFocus } from './navigation';
import { usePulsing } from './openshift-pulse';
import { ServiceTrafficBadge } from './ServiceTrafficBadge';
import { KIND_BADGE, objectLook, podLook } from './status';

function onNodeKey(e: KeyboardEvent<HTMLButtonElement>, uid: string): void {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    select(uid);
    return;
  }
  if (e.key === 'ArrowUp' || e.key === 'ArrowDown' || e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
    e.preventDefault();
    e.stopPropagation();
    const next = moveFocus(e.currentTarget, e.key as Direction);
    if (next) {
      useUi.setState({ active: next.dataset.uid });
      next.focus();
    }
  }
}

function useNodeState(uid: string) {
  const active = useUi((s) => s.active === uid);
  const selected = useUi((s) => s.selected === uid);
  return { active, selected };
}

function contract(v: ObjectView) {
  return {
    'data-testid': 'graph-node',
    'data-kind': v.kind,
    'data-name': v.name,
    'data-namespace': v.namespace,
    'data-status': v.status,
    'data-uid': v.uid,
  };
}

const hidden = { opacity: 0 };

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Top} style={hidden} isConnectable={false} />
      <Handle type="source" position={Position.Bottom} style={hidden} isConnectable={false} />
    </>
  );
}

/**
 * Accessible names by view object and language: a view is replaced whenever its object changes, so a
 * node re-rendered for another reason (selection, zoom) does not format its name again.
 */
const names = new WeakMap<ObjectView, { lng: string; name: string }>();

function nameOf(v: ObjectView): string {
  const lng = i18next.language;
  const hit = names.get(v);
  if (hit && hit.lng === lng) return hit.name;
  const name = accessibleName(v, i18next.t);
  names.set(v, { lng, name });
  return name;
}

/** The focusable, labelled button both pod and object nodes are drawn as. */
export function NodeButton({
  v,
  variant,
  tone,
  icon,
  children,
  nodeId = v.uid,
  attrs,
  label,
  handles = true,
}: {
  v: ObjectView;
  variant: string;
  tone: string;
  icon: string;
  children: ReactNode;
  /** The graph node id when it is not the object's uid (an ImageStream's tag). */
  nodeId?: string;
  /** More data-* attributes (a Build's data-progress). */
  attrs?: Record<string, string>;
  /** The accessible name when it needs more than the view (a Build's stage). */
  label?: string;
  /** Edge anchors: only for React Flow nodes (a pod drawn inside its machine has none of its own). */
  handles?: boolean;
}) {
  const tile = variant.includes('tile');
  const { active, selected } = useNodeState(v.uid);
  const pulsing = usePulsing(nodeId);
  return (
    <button
      type="button"
      {...contract(v)}
      {...attrs}
      className={`gnode ${variant} tone-${tone}${v.terminating ? ' fading' : ''}${selected ? ' selected' : ''}${pulsing ? ' pulse' : ''}`}
      tabIndex={active ? 0 : -1}
      aria-label={label ?? nameOf(v)}
      aria-pressed={selected}
      onClick={() => select(v.uid)}
      onKeyDown={(e) => onNodeKey(e, v.uid)}
    >
      {handles && <Handles />}
      <span className="gnode-icon" aria-hidden="true">
        {icon}
      </span>
      {!tile && <span className="gnode-text">{children}</span>}
    </button>
  );
}

export const PodNode = memo(function PodNode({ data }: NodeProps) {
  return <PodButton uid={(data as NodeData).uid} />;
});

/**
 * A pod: its own React Flow node in small clusters, drawn inside its machine's node in large ones. A
 * `tile` is the large-cluster look when zoomed out: colour and status icon only, same name for assistive
 * technology, same testing contract.
 */
const PodButton = memo(function PodButton({
  uid,
  handles = true,
  tile = false,
}: {
  uid: string;
  handles?: boolean;
  tile?: boolean;
}) {
  const v = useView(uid);
  if (!v) return null;
  const look = podLook(v);
  return (
    <NodeButton v={v} variant={tile ? 'pod tile' : 'pod'} tone={look.tone} icon={look.icon} handles={handles}>
      <span className="gnode-name">{v.name}</span>
      <span className="gnode-meta">
        <span className="gnode-status">{v.status}</span> {v.ready}
        {v.restarts ? ` ↻${v.restarts}` : ''}
      </span>
    </NodeButton>
  );
});

export const ObjectNode = memo(function ObjectNode({ data }: NodeProps) {
  const v = useView((data as NodeData).uid);
  if (!v) return null;
  const look = objectLook(v);
  return (
    <>
      <NodeButton v={v} variant={`obj kind-${v.kind}`} tone={look.tone} icon={look.icon}>
        <span className="gnode-name">
          <span className="gnode-badge">{KIND_BADGE[v.kind] ?? v.kind}</span> {v.name}
        </span>
        <span className="gnode-meta">{v.status}</span>
      </NodeButton>
      {v.kind === 'Service' && <ServiceTrafficBadge uid={v.uid} />}
    </>
  );
});

/** One pod's slot in its machine: re-rendered only when the pod moves or the look changes. */
const InlinePodSlot = memo(function InlinePodSlot({
  uid,
  x,
  y,
  tile,
}: {
  uid: string;
  x: number;
  y: number;
  tile: boolean;
}) {
  return (
    <div className="inline-pod" style={{ left: x, top: y, width: POD_W, height: POD_H }}>
      <PodButton uid={uid} handles={false} tile={tile} />
    </div>
  );
});

/**
 * Below this zoom a pod's name and status text are too small to read (12 px type under 7 px): large
 * clusters then draw pods as tiles, a quarter of the elements for the browser to lay out and paint.
 */
export const LABEL_ZOOM = 0.6;

/** The pods drawn inside a machine (large clusters): each at its slot, re-rendered only when it changes. */
export function InlinePods({ pods }: { pods: InlinePod[] | undefined }) {
  const tile = useStore((s) => s.transform[2] < LABEL_ZOOM);
  if (!pods?.length) return null;
  return (
    <>
      {pods.map((p) => (
        <InlinePodSlot key={p.uid} uid={p.uid} x={p.x} y={p.y} tile={tile} />
      ))}
    </>
  );
}

export const MachineNode = memo(function MachineNode({ data }: NodeProps) {
  const { uid, machine, pods } = data as NodeData;
  const v = useView(uid);
  const { active, selected } = useNodeState(uid);
  if (!v || machine === UNSCHEDULED) {
    return (
      <div className="machine unscheduled">
        <Handles />
        <div className="machine-header">{i18next.t('graph.unscheduled')}</div>
        <InlinePods pods={pods} />
      </div>
    );
  }
  const look = objectLook(v);
  return (
    <div className={`machine tone-${look.tone}`}>
      <Handles />
      <button
        type="button"
        {...contract(v)}
        className={`machine-header gnode${selected ? ' selected' : ''}`}
        tabIndex={active ? 0 : -1}
        aria-label={accessibleName(v, i18next.t)}
        aria-pressed={selected}
        onClick={() => select(uid)}
        onKeyDown={(e) => onNodeKey(e, uid)}
      >
        <span className="gnode-icon" aria-hidden="true">
          {look.icon}
        </span>
        <span className="gnode-name">{v.name}</span>
        <span className="gnode-meta">
          {v.status} · {v.role}
        </span>
      </button>
      <InlinePods pods={pods} />
    </div>
  );
});

export const nodeTypes = { pod: PodNode, object: ObjectNode, machine: MachineNode };
