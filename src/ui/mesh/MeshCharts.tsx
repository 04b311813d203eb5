/**
 * The four golden signals of the focused workload or Service over simulated time (one point per second,
 * the last five minutes), drawn with uPlot: latency p50/p95/p99, traffic, errors, saturation. Loaded
 * only when a node is focused (its own chunk with uPlot). Each chart has a text line with the latest
 * values, for screen readers and for reading exact numbers.
 */
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import type { MeshSeries } from '../../protocol/messages';
import { useLab } from '../lab/store';
import { useUi } from '../ui-store';
import { toggleFocus, useMesh } from './mesh-store';
import { formatMs, formatPercent, formatRps } from './model';

type Field = Exclude<keyof MeshSeries, 'focus' | 't'>;

interface ChartSpec {
  key: 'latency' | 'traffic' | 'errors' | 'saturation';
  lines: { field: Field; color: string; text: (v: number) => string }[];
}

const CHARTS: ChartSpec[] = [
  {
    key: 'latency',
    lines: [
      { field: 'p50', color: '--mchart-1', text: (v) => `p50 ${formatMs(v)}` },
      { field: 'p95', color: '--mchart-2', text: (v) => `p95 ${formatMs(v)}` },
      { field: 'p99', color: '--mchart-3', text: (v) => `p99 ${formatMs(v)}` },
    ],
  },
  { key: 'traffic', lines: [{ field: 'rps', color: '--accent', text: (v) => `${formatRps(v)} rps` }] },
  { key: 'errors', lines: [{ field: 'errorPercent', color: '--error', text: formatPercent }] },
  {
    key: 'saturation',
    lines: [{ field: 'saturation', color: '--image', text: (v) => String(Math.round(v * 100) / 100) }],
  },
];

/** The mean of the last 10 seconds (the graph's window), ignoring seconds without requests' latency. */
function recent(values: (number | null)[]): number | null {
  const tail = values.slice(-10).filter((v): v is number => v !== null);
  return tail.length ? tail.reduce((a, b) => a + b, 0) / tail.length : null;
}

/** `09:04:10`: the header clock's time of day (UTC, like the engine's timestamps). */
const timeOfDay = (s: number) => new Date(s * 1000).toISOString().slice(11, 19);

const PLOT_H = 84;

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

function Chart({ spec, series, epochS }: { spec: ChartSpec; series: MeshSeries; epochS: number }) {
  const { t } = useTranslation();
  const theme = useUi((s) => s.theme);
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const data = [
    series.t.map((s) => s + epochS),
    ...spec.lines.map((l) => series[l.field]),
  ] as uPlot.AlignedData;
  const dataRef = useRef(data);
  dataRef.current = data;

  // (Re)create on theme change: uPlot paints axes and grid with fixed colors read from the theme.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `theme` changes the CSS variables read inside.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const text = cssVar('--muted');
    const grid = cssVar('--border');
    const axis = {
      stroke: text,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      font: '11px system-ui, sans-serif',
    };
    const u = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: PLOT_H,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] } },
        axes: [
          { ...axis, space: 70, size: 24, values: (_u, splits) => splits.map(timeOfDay) },
          { ...axis, size: 40 },
        ],
        series: [
          { label: t('mesh.charts.time') },
          ...spec.lines.map((l) => ({
            label: l.field,
            stroke: cssVar(l.color),
            width: 1.5,
            points: { show: false },
          })),
        ],
      },
      dataRef.current,
      el,
    );
    plot.current = u;
    const resize = new ResizeObserver(() =>
      u.setSize({ width: Math.max(200, el.clientWidth), height: PLOT_H }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [theme, spec, t]);

  useEffect(() => {
    plot.current?.setData(data);
  });

  return (
    <figure className="mchart" data-testid="mesh-chart" data-chart={spec.key}>
      <figcaption>
        <span className="mchart-title">{t(`mesh.charts.${spec.key}`)}</span>
        <span className="mchart-now">
          {spec.lines.map((l) => {
            const v = recent(series[l.field]);
            return (
              <span key={l.field} className="mchart-key">
                <span className="mchart-swatch" style={{ background: `var(${l.color})` }} />
                {v === null ? '—' : l.text(v)}
              </span>
            );
          })}
        </span>
      </figcaption>
      <div ref={host} className="mchart-plot" aria-hidden="true" />
    </figure>
  );
}

export function MeshCharts({ focus }: { focus: string }) {
  const { t } = useTranslation();
  const series = useMesh((s) => s.series);
  const node = useMesh((s) => s.byId.get(focus));
  const nowISO = useLab((s) => s.clock.nowISO);
  const nowMs = useLab((s) => s.clock.nowMs);
  // Simulated seconds -> the calendar time the header clock shows (the engine's epoch, in UTC).
  const epochS = nowISO ? Math.round((Date.parse(nowISO) - nowMs) / 1000) : 0;
  const name = node?.name ?? focus.slice(focus.indexOf(':') + 1);
  const title = t('mesh.charts.title', { name });
  return (
    <aside className="mesh-charts" aria-label={title}>
      <div className="mesh-charts-head">
        <h2>{title}</h2>
        <button
          type="button"
          className="icon"
          aria-label={t('mesh.charts.close')}
          onClick={() => toggleFocus(focus)}
        >
          ×
        </button>
      </div>
      {!series || series.focus !== focus ? (
        <p className="hint" role="status">
          {t('mesh.waiting')}
        </p>
      ) : series.t.length === 0 ? (
        <p className="hint">{t('mesh.charts.noData', { name })}</p>
      ) : (
        CHARTS.map((spec) => <Chart key={spec.key} spec={spec} series={series} epochS={epochS} />)
      )}
    </aside>
  );
}
