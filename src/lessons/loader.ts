/**
 * Turns the files of `lessons/` into Lesson objects. Pure (no fs, no DOM): Node tests hand it files read
 * from disk, the browser hands it files bundled by Vite. Schema validation (validate.ts) runs at test
 * time; here only what is needed to assemble a lesson is checked.
 */
import { parse } from 'yaml';
import type { Lesson, LessonStep, Localized } from './types';
import { LANGS } from './types';

/** Lesson files keyed by their path under `lessons/`, e.g. `pods/lesson.yaml`, `pods/steps/1.en.md`. */
export type LessonFiles = Record<string, string>;

export class LessonFormatError extends Error {}

/** Lesson folder name → that lesson's files keyed by their path inside the folder. */
export function groupByLesson(files: LessonFiles): Map<string, LessonFiles> {
  const out = new Map<string, LessonFiles>();
  for (const [path, content] of Object.entries(files)) {
    const slash = path.indexOf('/');
    if (slash <= 0) continue;
    const id = path.slice(0, slash);
    let group = out.get(id);
    if (!group) {
      group = {};
      out.set(id, group);
    }
    group[path.slice(slash + 1)] = content;
  }
  return out;
}

export function stepTextPath(stepIndex: number, lang: string): string {
  return `steps/${stepIndex + 1}.${lang}.md`;
}

export function recapPath(lang: string): string {
  return `recap.${lang}.md`;
}

function localizedFile(files: LessonFiles, id: string, pathOf: (lang: string) => string): Localized {
  const out = {} as Localized;
  for (const lang of LANGS) {
    const text = files[pathOf(lang)];
    if (text === undefined) throw new LessonFormatError(`lessons/${id}/${pathOf(lang)}: file is missing`);
    out[lang] = text;
  }
  return out;
}

/** Assemble one lesson from its folder's files (lesson.yaml already known to be schema-valid). */
export function buildLesson(id: string, files: LessonFiles): Lesson {
  const yamlText = files['lesson.yaml'];
  if (yamlText === undefined) throw new LessonFormatError(`lessons/${id}/lesson.yaml: file is missing`);
  const raw = parse(yamlText) as Omit<Lesson, 'steps' | 'recap' | 'files'> & {
    steps: Omit<LessonStep, 'text'>[];
    files?: Lesson['files'];
  };
  return {
    id: raw.id,
    order: raw.order,
    module: raw.module ?? 'fundamentals',
    title: raw.title,
    summary: raw.summary,
    level: raw.level,
    minutes: raw.minutes,
    tags: raw.tags ?? [],
    prerequisites: raw.prerequisites ?? [],
    seed: raw.seed,
    setup: raw.setup ?? {},
    files: raw.files ?? [],
    steps: raw.steps.map((s, i) => ({
      ...s,
      text: localizedFile(files, id, (lang) => stepTextPath(i, lang)),
    })),
    recap: localizedFile(files, id, recapPath),
  };
}

/** Every lesson, in course order. */
export function loadLessons(files: LessonFiles): Lesson[] {
  const lessons: Lesson[] = [];
  for (const [id, group] of groupByLesson(files)) {
    if (group['lesson.yaml'] === undefined) continue;
    lessons.push(buildLesson(id, group));
  }
  return lessons.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
}
