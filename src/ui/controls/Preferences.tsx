/** Language and theme switches (both remembered). */
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';
import { setTheme, useUi } from '../ui-store';

export function Preferences() {
  const { t, i18n } = useTranslation();
  const theme = useUi((s) => s.theme);
  return (
    <fieldset className="prefs">
      <legend className="sr-only">{t('prefs.label')}</legend>
      <label>
        <span className="sr-only">{t('prefs.language')}</span>
        <select
          value={i18n.language}
          onChange={(e) => setLanguage(e.target.value)}
          aria-label={t('prefs.language')}
        >
          <option value="en" lang="en">
            English
          </option>
          <option value="ja" lang="ja">
            日本語
          </option>
        </select>
      </label>
      <button
        type="button"
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        aria-pressed={theme === 'dark'}
        aria-label={t('prefs.dark')}
        title={t('prefs.dark')}
      >
        <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
      </button>
    </fieldset>
  );
}
