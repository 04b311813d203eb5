import { createShell } from '../src/cli';
import { createCluster } from '../src/engine/cluster';
import { loadLessons } from '../src/lessons/loader';
import { readLessonFiles } from '../src/lessons/node-files';
import { lessonStart } from '../src/lessons/setup';
const l = loadLessons(readLessonFiles()).find((x) => x.id === process.argv[2])!;
const st = lessonStart(l);
const c = createCluster({ seed: st.seed, nodes: st.workers });
const files = new Map(st.files.map((f) => [f.path, f.content]));
const sh = createShell(c, { files: { read: (p) => files.get(p), list: () => [...files.keys()] } });
for (const r of st.runs) sh.run(r.line, r.stdin ? { stdin: r.stdin } : {});
c.advance(st.settleMs);
const show = (l: string) => console.log(`$ ${l}\n${sh.run(l).output}`);
for (const step of l.steps) {
  console.log(`===== ${step.id}`);
  for (const f of step.solution?.files ?? []) files.set(f.path, f.content);
  for (const cmd of step.solution?.commands ?? []) show(cmd);
  c.advance(Number(process.argv[3] ?? 40000));
  show("kubectl get pods"); if (process.argv[4]) show(process.argv[4]);
}
