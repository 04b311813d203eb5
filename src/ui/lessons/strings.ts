/** The lesson panel's own words, in both languages (the lessons themselves carry their text). */
import type { Lang } from '../../lessons/types';

const en = {
  course: 'Course',
  courseIntro:
    'Hands-on lessons on a simulated cluster: start with the fundamentals if you know containers but have never used a cluster.',
  minutes: '{n} min',
  stepsDone: '{done}/{total} steps',
  start: 'Start',
  continue: 'Continue',
  review: 'Review',
  completed: 'Completed',
  back: 'All lessons',
  stepOf: 'Step {n} of {total}',
  hint: 'Hint',
  nextHint: 'Another hint',
  noMoreHints: 'No more hints.',
  showSolution: 'Show solution',
  hideSolution: 'Hide solution',
  check: 'Check',
  checking: 'Checking…',
  previous: 'Previous',
  next: 'Next',
  finish: 'Finish',
  stepDone: 'Step complete.',
  notYet: 'Not done yet:',
  waitNote:
    'The cluster may need up to {s} s of simulated time; this step completes by itself as soon as it is done.',
  runInTerminal: 'Run in terminal',
  openInEditor: 'Open in editor',
  copy: 'Copy',
  resetLesson: 'Reset lesson',
  resetConfirm: 'Start this lesson again from a fresh cluster? Its progress will be cleared.',
  loading: 'Loading lessons…',
  preparing: 'Preparing the cluster…',
  lessonDone: 'Lesson complete!',
  nextLesson: 'Next lesson: {title}',
  solutionFiles: 'Files',
  solutionCommands: 'Commands',
  unknownLesson: 'There is no lesson "{id}".',
  progressLabel: 'Lesson progress',
  levels: { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' },
  modules: {
    fundamentals: 'Kubernetes fundamentals',
    'health-checks': 'Health checks: liveness, readiness and startup probes',
    openshift: 'OpenShift: from source code to a Route',
    istio: 'Istio: routing, security and observability in a service mesh',
  },
  moduleProgress: '{done} of {total} lessons completed',
};

const ja: typeof en = {
  course: 'コース',
  courseIntro:
    'シミュレーションのクラスターで手を動かして学ぶレッスンです。コンテナは知っているけれどクラスターはまだ使ったことがない人は、基礎から始めましょう。',
  minutes: '{n} 分',
  stepsDone: '{done}/{total} ステップ',
  start: '始める',
  continue: '続ける',
  review: '復習する',
  completed: '完了',
  back: 'レッスン一覧',
  stepOf: 'ステップ {n}/{total}',
  hint: 'ヒント',
  nextHint: '次のヒント',
  noMoreHints: 'ヒントはこれで全部です。',
  showSolution: '解答を見る',
  hideSolution: '解答を隠す',
  check: 'チェック',
  checking: 'チェック中…',
  previous: '前へ',
  next: '次へ',
  finish: '完了',
  stepDone: 'ステップ完了です。',
  notYet: 'まだ完了していません:',
  waitNote:
    'クラスターの変化にはシミュレーション時間で最大 {s} 秒かかることがあります。終わりしだい、このステップは自動的に完了します。',
  runInTerminal: 'ターミナルで実行',
  openInEditor: 'エディターで開く',
  copy: 'コピー',
  resetLesson: 'レッスンをリセット',
  resetConfirm: '新しいクラスターでこのレッスンを最初からやり直しますか？進み具合は消去されます。',
  loading: 'レッスンを読み込んでいます…',
  preparing: 'クラスターを準備しています…',
  lessonDone: 'レッスン完了です！',
  nextLesson: '次のレッスン: {title}',
  solutionFiles: 'ファイル',
  solutionCommands: 'コマンド',
  unknownLesson: '「{id}」というレッスンはありません。',
  progressLabel: 'レッスンの進み具合',
  levels: { beginner: '初級', intermediate: '中級', advanced: '上級' },
  modules: {
    fundamentals: 'Kubernetes の基礎',
    'health-checks': 'ヘルスチェック：Liveness・Readiness・Startup Probe',
    openshift: 'OpenShift：ソースコードから Route まで',
    istio: 'Istio：サービスメッシュのルーティング・セキュリティ・可観測性',
  },
  moduleProgress: '{total} レッスン中 {done} 完了',
};

export type Strings = typeof en;

export function strings(lang: Lang): Strings {
  return lang === 'ja' ? ja : en;
}

/** Fill `{name}` placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
