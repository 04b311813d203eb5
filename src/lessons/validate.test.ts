import { describe, expect, it } from 'vitest';
import { loadLessons } from './loader';
import { formatProblem, validateLessonFiles } from './validate';

const good = `id: demo
order: 1
title: { en: Demo, ja: デモ }
summary: { en: A demo, ja: デモです }
level: beginner
minutes: 10
seed: 1
steps:
  - id: first
    check:
      within: 30s
      kind: Pod
      name: hello
      path: status.phase
      op: "=="
      value: Running
      message: { en: hello is not running, ja: hello が動いていません }
    hints: { en: [Use kubectl run], ja: [kubectl run を使います] }
    solution:
      commands: [kubectl run hello --image=nginx:1.27]
`;

function files(yaml: string, extra: Record<string, string> = {}) {
  return {
    'demo/lesson.yaml': yaml,
    'demo/steps/1.en.md': 'Run a pod.',
    'demo/steps/1.ja.md': 'Pod を動かします。',
    'demo/recap.en.md': 'Done.',
    'demo/recap.ja.md': '完了です。',
    ...extra,
  };
}

const problems = (f: Record<string, string>) => validateLessonFiles(f).map(formatProblem);

describe('validateLessonFiles', () => {
  it('accepts a well-formed lesson, which then loads with its texts', () => {
    expect(problems(files(good))).toEqual([]);
    const [lesson] = loadLessons(files(good));
    expect(lesson.steps[0].text).toEqual({ en: 'Run a pod.', ja: 'Pod を動かします。' });
    expect(lesson.recap.ja).toBe('完了です。');
    expect(lesson.setup).toEqual({});
  });

  it('reports unknown fields, bad enums and missing fields with file, line and field', () => {
    const bad = good
      .replace('level: beginner', 'level: expert')
      .replace('      op: "=="', '      op: "=~"\n      colour: red')
      .replace('minutes: 10\n', '');
    expect(problems(files(bad))).toEqual([
      'lessons/demo/lesson.yaml:1:1: missing required field "minutes"',
      'lessons/demo/lesson.yaml:5:1: level: must be one of "beginner", "intermediate", "advanced"',
      'lessons/demo/lesson.yaml:15:7: steps[0].check.colour: unknown field "colour"',
      'lessons/demo/lesson.yaml:14:7: steps[0].check.op: must be one of "==", "!=", ">", ">=", "<", "<=", "contains", "matches", "exists", "absent"',
    ]);
  });

  it('reports the errors of the check variant the author meant', () => {
    const bad = good.replace(
      / {4}check:\n[\s\S]*? {4}hints/,
      '    check:\n      command: "^kubectl run"\n      exitCode: maybe\n    hints',
    );
    expect(problems(files(bad))).toEqual([
      'lessons/demo/lesson.yaml:10:5: steps[0].check: missing required field "message"',
      'lessons/demo/lesson.yaml:12:7: steps[0].check.exitCode: must match pattern "^any$"',
    ]);
  });

  it('requires both languages of every text and the same number of hints', () => {
    const f = files(good.replace('ja: [kubectl run を使います]', 'ja: []'));
    delete (f as Record<string, string>)['demo/steps/1.ja.md'];
    delete (f as Record<string, string>)['demo/recap.en.md'];
    expect(problems(f)).toEqual([
      'lessons/demo/steps/1.ja.md: step 1 ("first") has no ja text',
      'lessons/demo/lesson.yaml:18:5: steps[0].hints: en has 1 hints and ja has 0: give both languages the same hints',
      'lessons/demo/recap.en.md: the en recap is missing',
    ]);
  });

  it('checks what the schema cannot: ids, prerequisites, nested within, regexps, selectors, paths, stray files', () => {
    const bad = good
      .replace('id: demo', 'id: other')
      .replace('seed: 1', 'seed: 1\nprerequisites: [nope]')
      .replace(
        / {4}check:\n[\s\S]*? {4}hints/,
        `    check:
      all:
        - command: "kubectl (run"
          within: 10s
          message: { en: a, ja: あ }
        - count: { kind: Pod, selector: "app in (", where: [{ path: "status[", op: exists }] }
          op: ">="
          value: 1
          message: { en: b, ja: い }
        - kind: Pod
          name: x
          path: status.phase
          op: "=="
          message: { en: c, ja: う }
    hints`,
      );
    expect(problems(files(bad, { 'demo/steps/2.en.md': 'extra', 'demo/notes.txt': 'x' }))).toEqual([
      'lessons/demo/lesson.yaml:1:1: id: must equal the folder name "demo"',
      'lessons/demo/lesson.yaml:14:11: steps[0].check.all[0].within: "within" is only allowed on the step\'s top-level check',
      'lessons/demo/lesson.yaml:13:11: steps[0].check.all[0].command: invalid regular expression: Invalid regular expression: /kubectl (run/: Unterminated group',
      "lessons/demo/lesson.yaml:16:31: steps[0].check.all[1].count.selector: invalid label selector: unable to parse requirement: found '', expected: ',', ')'",
      'lessons/demo/lesson.yaml:16:63: steps[0].check.all[1].count.where[0].path: unclosed "[" in path "status["',
      'lessons/demo/lesson.yaml:20:11: steps[0].check.all[2].value: op "==" needs a value',
      'lessons/demo/steps/2.en.md: there is no step 2 (the lesson has 1)',
      'lessons/demo/notes.txt: unexpected file (expected lesson.yaml, recap.<lang>.md, steps/<n>.<lang>.md)',
      'lessons/demo/lesson.yaml:8:17: prerequisites[0]: unknown lesson "nope"',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems(files('id: demo\nsteps: [\n'))).toEqual([
      expect.stringMatching(/^lessons\/demo\/lesson.yaml:3:1: YAML syntax: /),
    ]);
  });
});
