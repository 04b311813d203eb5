/**
 * The course as bundled into the page by Vite (loaded lazily: it is not part of the first screen).
 * Validation happened at test time (course.test.ts); here the files are only assembled.
 */
import { loadLessons } from './loader';
import type { Lesson } from './types';

const raw = import.meta.glob<string>('/lessons/**/*.{yaml,md}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const COURSE: Lesson[] = loadLessons(
  Object.fromEntries(Object.entries(raw).map(([path, text]) => [path.replace(/^\/lessons\//, ''), text])),
);
