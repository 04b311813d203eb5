/**
 * A bundled edge of a large cluster (ReplicaSet -> machine, Service -> machine) with how many pods it
 * stands for. The count is plain SVG text with a halo, not React Flow's edge label: that label measures
 * itself (getBBox, a forced layout) every time its text changes, which during a 1,000-pod rollout is on
 * every frame for every bundle.
 */
import { BaseEdge, type Edge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';

export interface BundleEdgeData extends Record<string, unknown> {
  count: number;
}

export type BundleFlowEdge = Edge<BundleEdgeData, 'bundle'>;

export const bundleLabel = (count: number) => `×${count}`;

export const BundleEdge = memo(function BundleEdge(props: EdgeProps<BundleFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  return (
    <>
      <BaseEdge path={path} markerEnd={props.markerEnd} style={props.style} />
      <text className="bundle-count" x={labelX} y={labelY} textAnchor="middle" dominantBaseline="central">
        {bundleLabel(props.data?.count ?? 0)}
      </text>
    </>
  );
});
