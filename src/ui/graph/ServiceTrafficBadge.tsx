/**
 * The request stats of a Service while traffic flows through it (rate, error share, p95 latency over the
 * last 10 s of virtual time, as `lab traffic status` shows them), drawn above its graph node.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../lab/store';
import './traffic.css';

/** `4ms`, `1.2s`, `10s`: latency the way `lab traffic status` prints it. */
export function latencyLabel(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  return `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)}s`;
}

export const ServiceTrafficBadge = memo(function ServiceTrafficBadge({ uid }: { uid: string }) {
  const { t } = useTranslation();
  const stats = useLab((s) => s.serviceTraffic[uid]);
  if (!stats) return null;
  const errors = `${(stats.errorRate * 100).toFixed(1)}%`;
  return (
    <span
      className={`svc-traffic${stats.errorRate > 0 ? ' has-errors' : ''}`}
      data-testid="service-traffic"
      data-rps={stats.rps}
      data-error-rate={stats.errorRate}
      data-p95={stats.p95Ms}
    >
      {t('traffic.badge', { rps: stats.rps, errors, p95: latencyLabel(stats.p95Ms) })}
    </span>
  );
});
