/**
 * A traffic edge (caller -> Service, Service -> pod): dashes that flow along the edge, denser and faster
 * the higher the request rate, red while requests fail, with the rate as its label. The DOM carries the
 * numbers (data-rps, data-errors) for tests; under prefers-reduced-motion the dashes stand still.
 */
import { BaseEdge, type Edge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useView } from '../lab/store';
import { BundleEdge } from './BundleEdge';
import './traffic.css';

export interface TrafficEdgeData extends Record<string, unknown> {
  rps: number;
  errors: number;
  /** Requests in the window. */
  count: number;
}

export type TrafficFlowEdge = Edge<TrafficEdgeData, 'traffic'>;

/** Density level 1-4 of the flowing dashes for a request rate. */
export function trafficLevel(rps: number): 1 | 2 | 3 | 4 {
  if (rps < 2) return 1;
  if (rps < 8) return 2;
  if (rps < 25) return 3;
  return 4;
}

/** `12/s`, `0.4/s`: the rate as the edge's label. */
export function rateLabel(rps: number): string {
  return `${rps >= 10 ? Math.round(rps) : rps}/s`;
}

export const TrafficEdge = memo(function TrafficEdge(props: EdgeProps<TrafficFlowEdge>) {
  const { t } = useTranslation();
  const { source, target, data } = props;
  const from = useView(source);
  const to = useView(target);
  const [path, labelX, labelY] = getBezierPath(props);
  const rps = data?.rps ?? 0;
  const errors = data?.errors ?? 0;
  const summary = t('traffic.edge', {
    from: from?.name ?? '',
    to: to?.name ?? '',
    rps: rateLabel(rps),
    count: errors,
  });
  return (
    <g
      className={`traffic-edge traffic-l${trafficLevel(rps)}${errors > 0 ? ' traffic-error' : ''}`}
      data-testid="traffic-edge"
      data-source={source}
      data-target={target}
      data-rps={rps}
      data-errors={errors}
    >
      <title>{summary}</title>
      <BaseEdge
        path={path}
        className="traffic-base"
        labelX={labelX}
        labelY={labelY}
        label={rateLabel(rps)}
        labelShowBg
        labelBgPadding={[3, 1]}
        labelBgBorderRadius={3}
      />
      <path d={path} className="traffic-flow" fill="none" />
    </g>
  );
});

export const edgeTypes = { traffic: TrafficEdge, bundle: BundleEdge };
