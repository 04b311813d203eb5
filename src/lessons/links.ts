/**
 * Deep links and embed parameters: `#/lesson/<id>/<step>` (step numbers start at 1), `?lang=ja|en`, and
 * the embed page's `?lesson=<id>&step=<n>&lang=ja&origins=https://a.example,https://b.example`.
 */
import { LANGS, type Lang } from './types';

export interface LessonLink {
  lesson: string;
  /** 1-based step number, as in the URL. */
  step: number;
}

export function parseLessonHash(hash: string): LessonLink | null {
  const m = /^#\/lesson\/([a-z0-9-]+)(?:\/(\d+))?\/?$/.exec(hash);
  if (!m) return null;
  return { lesson: m[1], step: m[2] ? Math.max(1, Number(m[2])) : 1 };
}

export function lessonHash(link: LessonLink): string {
  return `#/lesson/${link.lesson}/${link.step}`;
}

export function parseLang(search: string): Lang | null {
  const lang = new URLSearchParams(search).get('lang');
  return (LANGS as readonly string[]).includes(lang ?? '') ? (lang as Lang) : null;
}

export interface EmbedParams {
  lesson: string | null;
  step: number;
  lang: Lang | null;
  /** Normalized origins (`scheme://host[:port]`) the page may talk to. */
  origins: string[];
}

export function parseEmbedParams(search: string): EmbedParams {
  const q = new URLSearchParams(search);
  const step = Number(q.get('step') ?? '1');
  return {
    lesson: q.get('lesson'),
    step: Number.isInteger(step) && step >= 1 ? step : 1,
    lang: parseLang(search),
    origins: parseOrigins(q.get('origins') ?? ''),
  };
}

/** Origins from a comma-separated list; anything that is not an http(s) origin is dropped (never `*`). */
export function parseOrigins(list: string): string[] {
  const out: string[] = [];
  for (const raw of list.split(',')) {
    const text = raw.trim();
    if (!text) continue;
    try {
      const u = new URL(text);
      if (
        (u.protocol === 'https:' || u.protocol === 'http:') &&
        u.origin !== 'null' &&
        !out.includes(u.origin)
      )
        out.push(u.origin);
    } catch {
      // Not a URL: ignored, so a typo can never widen the allow-list.
    }
  }
  return out;
}
