import { createShell } from '../src/cli';
import { createCluster } from '../src/engine/cluster';
import { loadLessons } from '../src/lessons/loader';
import { readLessonFiles } from '../src/lessons/node-files';
import { playLesson } from '../src/lessons/selftest';
import { formatProblem, validateLessonFiles } from '../src/lessons/validate';
const files = readLessonFiles();
const problems = validateLessonFiles(files).map(formatProblem);
if (problems.length) { console.log(problems); process.exit(1); }
const want = process.argv[2];
for (const l of loadLessons(files).filter((l) => l.id.startsWith(want))) {
  const t = performance.now();
  const r = playLesson(l, ({ seed, nodes }) => createCluster({ seed, nodes }), (c, f) => createShell(c, { files: f }));
  console.log(l.id, Math.round(performance.now() - t), 'ms', JSON.stringify(r.setupFailures));
  for (const s of r.steps) console.log(' ', s.step, s.failedAtStart ? 'fails-at-start' : 'PASSES-AT-START', s.passedAfterSolution ? `passes after ${s.passedAfterMs}ms` : 'DOES NOT PASS', JSON.stringify(s.endMissing.map((m) => m.en)), JSON.stringify(s.failedCommands));
}
