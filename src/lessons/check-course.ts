/**
 * Build-time validation of lessons/: `tsx src/lessons/check-course.ts` prints every problem (file:line:
 * field: message) and exits 1 when there is one. course.test.ts runs the same validation under vitest.
 */
import { readLessonFiles } from './node-files';
import { formatProblem, validateLessonFiles } from './validate';

const problems = validateLessonFiles(readLessonFiles());
for (const p of problems) console.error(formatProblem(p));
if (problems.length > 0) {
  console.error(`lessons: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('lessons: schema and content checks passed');
