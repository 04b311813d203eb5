/**
 * A mesh edge: a curve whose width follows the request rate, dots travelling along it (more dots for
 * more requests, red ones for the error share; none when the reader prefers reduced motion), and a
 * label `12.3 rps · 0% · 8 ms` (rate, errors, p95) with a lock when the traffic is mutual TLS.
 * Testing contract: data-testid="mesh-edge" with data-source, data-target (`ns/name`), data-source-kind,
 * data-target-kind, data-rps, data-errors, data-mtls.
 */
import { BaseEdge, type Edge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeshEdgeView } from '../../protocol/messages';
import { dotCount, edgeLabel, edgeWidth, errorTone, redDots } from './model';

export interface MeshEdgeData extends Record<string, unknown> {
  edge: MeshEdgeView;
  reducedMotion: boolean;
}

/** Seconds a dot takes from one end to the other (the same on every edge: density shows the rate). */
const TRAVEL_S = 2.4;

const keyOf = (id: string) => id.slice(id.indexOf(':') + 1);
const kindOf = (id: string) => id.slice(0, id.indexOf(':'));

export function LockIcon({ title }: { title: string }) {
  return (
    <svg className="medge-lock" viewBox="0 0 12 14" role="img" aria-label={title}>
      <title>{title}</title>
      <rect x="1" y="6" width="10" height="7.5" rx="1.5" />
      <path d="M3.2 6 V4.2 a2.8 2.8 0 0 1 5.6 0 V6" fill="none" strokeWidth="1.6" />
    </svg>
  );
}

const MeshEdgePath = memo(function MeshEdgePath(props: EdgeProps<Edge<MeshEdgeData>>) {
  const { t } = useTranslation();
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd } = props;
  if (!data) return null;
  const e = data.edge;
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const tone = errorTone(e.errorPercent);
  const dots = data.reducedMotion ? 0 : dotCount(e.rps);
  const red = redDots(dots, e.errorPercent);
  return (
    <>
      <g
        className={`medge medge-${tone}`}
        data-testid="mesh-edge"
        data-source={keyOf(e.source)}
        data-target={keyOf(e.target)}
        data-source-kind={kindOf(e.source)}
        data-target-kind={kindOf(e.target)}
        data-rps={e.rps}
        data-errors={e.errorPercent}
        data-mtls={e.mtls}
      >
        <BaseEdge id={id} path={path} markerEnd={markerEnd} style={{ strokeWidth: edgeWidth(e.rps) }} />
        {Array.from({ length: dots }, (_, i) => {
          // Spread the red dots evenly among the others.
          const isRed = Math.floor(((i + 1) * red) / dots) !== Math.floor((i * red) / dots);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: dots are interchangeable; the index keeps each one's phase.
            <circle key={i} r={3.2} className={isRed ? 'mdot mdot-error' : 'mdot'}>
              <animateMotion
                dur={`${TRAVEL_S}s`}
                repeatCount="indefinite"
                begin={`${(-i * TRAVEL_S) / dots}s`}
                path={path}
              />
            </circle>
          );
        })}
      </g>
      <EdgeLabelRenderer>
        <div
          className={`medge-label medge-label-${tone}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          aria-hidden="true"
        >
          {e.mtls ? <LockIcon title={t('mesh.a11y.mtls')} /> : null}
          {edgeLabel(e)}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

export const meshEdgeTypes = { mesh: MeshEdgePath };
