/** i18next set-up: English and Japanese, the learner's choice remembered, else the browser's language. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ja } from './ja';

export const LANG_KEY = 'kubedojo.lang';
export const SUPPORTED = ['en', 'ja'] as const;

export function detectLanguage(saved: string | null, browser: readonly string[]): 'en' | 'ja' {
  if (saved === 'en' || saved === 'ja') return saved;
  for (const l of browser) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'ja' || base === 'en') return base;
  }
  return 'en';
}

function savedLanguage(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

/** `?lang=ja|en` in the page address wins over everything, so a shared link opens in its language. */
function urlLanguage(): string | null {
  const lang = new URLSearchParams(window.location.search).get('lang');
  return lang === 'en' || lang === 'ja' ? lang : null;
}

export function initI18n(): typeof i18next {
  const fromUrl = urlLanguage();
  if (fromUrl) {
    try {
      localStorage.setItem(LANG_KEY, fromUrl);
    } catch {
      // Remembering is a convenience.
    }
  }
  const lng = fromUrl ?? detectLanguage(savedLanguage(), navigator.languages ?? [navigator.language]);
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ja: { translation: ja } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  return i18next;
}

export function setLanguage(lng: string): void {
  if (!(SUPPORTED as readonly string[]).includes(lng)) return;
  void i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(LANG_KEY, lng);
  } catch {
    // Remembering is a convenience.
  }
}
