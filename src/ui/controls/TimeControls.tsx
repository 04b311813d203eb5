/** Pause / play / step, speed 1x-32x, the simulated clock, the seed and reset. */
import { useTranslation } from 'react-i18next';
import { SPEEDS, type Speed } from '../../protocol/messages';
import { lab } from '../lab/client';
import { useLab } from '../lab/store';

/** `2025-01-15 09:03:12` from the RFC 3339 virtual now. */
export function clockText(iso: string): string {
  return iso ? iso.replace('T', ' ').replace(/Z$/, '') : '—';
}

export function TimeControls() {
  const { t } = useTranslation();
  const clock = useLab((s) => s.clock);
  const connected = useLab((s) => s.connected);
  const reset = () => {
    if (window.confirm(t('controls.resetConfirm'))) void lab().reset();
  };
  return (
    <fieldset className="time-controls">
      <legend className="sr-only">{t('controls.time')}</legend>
      {clock.paused ? (
        <button type="button" onClick={() => lab().play()} disabled={!connected}>
          ▶ {t('controls.play')}
        </button>
      ) : (
        <button type="button" onClick={() => lab().pause()} disabled={!connected}>
          ❚❚ {t('controls.pause')}
        </button>
      )}
      <button type="button" onClick={() => lab().step()} disabled={!connected || !clock.paused}>
        {t('controls.step')}
      </button>
      <label className="speed">
        <span>{t('controls.speed')}</span>
        <select
          value={clock.speed}
          onChange={(e) => lab().setSpeed(Number(e.target.value) as Speed)}
          disabled={!connected}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      {clock.reachedSpeed !== undefined && (
        <span
          className="reached-speed mono"
          data-testid="reached-speed"
          title={t('controls.reachedHint', { speed: clock.speed })}
        >
          {t('controls.reached', { speed: clock.reachedSpeed })}
        </span>
      )}
      <span className="clock mono" title={t('controls.clock')}>
        <span className="sr-only">{t('controls.clock')} </span>
        <span data-testid="clock">{clockText(clock.nowISO)}</span>
      </span>
      <span className="seed mono" data-testid="seed">
        {t('controls.seed')}: {clock.seed}
      </span>
      <button type="button" onClick={reset} disabled={!connected}>
        {t('controls.reset')}
      </button>
    </fieldset>
  );
}
