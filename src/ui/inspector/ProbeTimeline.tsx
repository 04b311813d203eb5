/**
 * A pod's probes in the inspector: each configured probe (the `kubectl describe` line and its fields),
 * its current counters, then the latest executions (virtual time, probe, result and reason, consecutive
 * failures against failureThreshold, and what the kubelet did about it).
 */
import { useTranslation } from 'react-i18next';
import type { ProbeConfigView, ProbeExecution, ProbeTimeline as Timeline } from '../../protocol/messages';
import './probes.css';

/** `09:03:30` from an RFC 3339 time: the virtual clock's time of day (the full time is the cell's title). */
export function clockTime(iso: string): string {
  return /T(\d\d:\d\d:\d\d)/.exec(iso)?.[1] ?? iso;
}

const FIELDS = [
  'initialDelaySeconds',
  'periodSeconds',
  'timeoutSeconds',
  'failureThreshold',
  'successThreshold',
] as const;

function ProbeConfig({ p, multi }: { p: ProbeConfigView; multi: boolean }) {
  const { t } = useTranslation();
  const last = t(`probes.${p.last}`);
  return (
    <li className={`probe-config probe-${p.last}`} data-testid="probe-config" data-probe={p.probe}>
      <div className="probe-config-head">
        <span className="probe-kind">{t(`probes.kind_${p.probe}`)}</span>
        {multi && <span className="probe-container">({p.container})</span>}
        <code className="probe-describe">{p.describe}</code>
      </div>
      <dl className="probe-fields">
        <div>
          <dt>handler</dt>
          <dd>{p.handler}</dd>
        </div>
        {FIELDS.map((f) => (
          <div key={f}>
            <dt>{f}</dt>
            <dd>{p[f]}</dd>
          </div>
        ))}
      </dl>
      <p className="probe-state">
        {t('probes.state', {
          last,
          failures: p.consecutiveFailures,
          failureThreshold: p.failureThreshold,
          successes: p.consecutiveSuccesses,
        })}
      </p>
    </li>
  );
}

/** One execution; the probe column only when the pod has more than one probe (the panel is narrow). */
function ExecutionRow({
  e,
  probeColumn,
  multi,
}: {
  e: ProbeExecution;
  probeColumn: boolean;
  multi: boolean;
}) {
  const { t } = useTranslation();
  const failing = e.result === 'failure';
  return (
    <tr className={failing ? 'probe-row failing' : 'probe-row'} data-testid="probe-execution">
      <td className="mono">
        <time dateTime={e.time} title={e.time}>
          {clockTime(e.time)}
        </time>
      </td>
      {probeColumn && (
        <td>
          {t(`probes.kind_${e.probe}`)}
          {multi && <span className="probe-container"> ({e.container})</span>}
        </td>
      )}
      <td>
        <span className="probe-result">
          <span aria-hidden="true">{failing ? '✗ ' : '✓ '}</span>
          {t(`probes.${e.result}`)}
        </span>
      </td>
      <td className="mono">{failing ? `${e.consecutiveFailures}/${e.failureThreshold}` : '–'}</td>
      <td>
        {e.action && <span className="probe-action">{t(`probes.action_${e.action}`)}</span>}
        {e.reason && <span className="probe-reason">{e.reason}</span>}
      </td>
    </tr>
  );
}

export function ProbeTimeline({ timeline }: { timeline: Timeline | undefined }) {
  const { t } = useTranslation();
  if (!timeline) return <p className="probe-empty">…</p>;
  if (timeline.configs.length === 0) return <p className="probe-empty">{t('probes.none')}</p>;
  const multi = new Set(timeline.configs.map((c) => c.container)).size > 1;
  const probeColumn = timeline.configs.length > 1;
  return (
    <section className="probe-timeline" aria-label={t('probes.label')}>
      <h3>{t('probes.configured')}</h3>
      <ul className="probe-configs">
        {timeline.configs.map((p) => (
          <ProbeConfig key={`${p.container}/${p.probe}`} p={p} multi={multi} />
        ))}
      </ul>
      {timeline.executions.length === 0 ? (
        <p className="probe-empty">{t('probes.noResults')}</p>
      ) : (
        <table className="probe-table">
          <caption>
            {t('probes.results')}
            {timeline.total > timeline.executions.length &&
              ` (${t('probes.shown', { shown: timeline.executions.length, total: timeline.total })})`}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('probes.time')}</th>
              {probeColumn && <th scope="col">{t('probes.probe')}</th>}
              <th scope="col">{t('probes.result')}</th>
              <th scope="col">{t('probes.failures')}</th>
              <th scope="col">{t('probes.action')}</th>
            </tr>
          </thead>
          <tbody>
            {timeline.executions.map((e) => (
              <ExecutionRow
                key={`${e.atMs}/${e.container}/${e.probe}`}
                e={e}
                probeColumn={probeColumn}
                multi={multi}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
