/**
 * The lesson format as the rest of the app sees it after loading: `lessons/<id>/lesson.yaml` plus the
 * per-step Markdown (`steps/<n>.<lang>.md`) and the recap (`recap.<lang>.md`). The YAML shape is defined
 * as data in schema.ts; these types mirror it.
 */
import type { ClusterProfile } from '../protocol/messages';

export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];

/** Text in every language the course ships (both are required). */
export type Localized<T = string> = Record<Lang, T>;

export type Level = 'beginner' | 'intermediate' | 'advanced';

export interface LessonFile {
  path: string;
  content: string;
}

export interface LessonSetup {
  /** Worker nodes (a number) for createCluster; the control-plane node is always there. */
  nodes?: number;
  /** The cluster the lesson runs on: 'kubernetes' (default) or 'openshift' (oc, routes, builds). */
  profile?: ClusterProfile;
  /** Namespaces created before the lesson starts. */
  namespaces?: string[];
  /** YAML documents applied (in order) before the lesson starts. */
  manifests?: string[];
  /** CLI lines run (in order) after the manifests. */
  commands?: string[];
  /** Simulated time to let pass after the setup, so the starting cluster has settled (`30s`, `2m`). */
  settle?: string;
}

export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'contains' | 'matches' | 'exists' | 'absent';

export type Scalar = string | number | boolean | null;

/** A condition on one field of an object. */
export interface FieldTest {
  path: string;
  op: CompareOp;
  value?: Scalar;
}

/** An object of a given kind and name exists (no path / op), is absent (`op: absent`) or has a field. */
export interface ObjectCheck {
  kind: string;
  name: string;
  namespace?: string;
  path?: string;
  op?: CompareOp;
  value?: Scalar;
  message: Localized;
}

/** How many objects match a kind, namespace, label selector and field tests. */
export interface CountCheck {
  count: {
    kind: string;
    /** `*` for every namespace; `default` when omitted. Ignored for cluster-scoped kinds. */
    namespace?: string;
    /** A label selector as kubectl -l takes it: `app=web,tier!=db`. */
    selector?: string;
    where?: FieldTest[];
  };
  op: CompareOp;
  value: number;
  message: Localized;
}

/** The learner ran a command matching `command` (a regular expression), by default successfully. */
export interface CommandCheck {
  command: string;
  /** Exit code the command must have had (0 when omitted; `any` to accept failures too). */
  exitCode?: number | 'any';
  message: Localized;
}

/** The learner applied (or created) a file whose path ends with `applied`. */
export interface AppliedCheck {
  applied: string;
  message: Localized;
}

/** Requests observed by the network simulation (ctx.services 'network'). */
export interface TrafficCheck {
  traffic: {
    /** Requests addressed to this Service. */
    service?: string;
    namespace?: string;
    /** At least this many requests (1 when omitted). */
    minRequests?: number;
    /** At least this many distinct backend pods answered (to show load balancing). */
    distinctPods?: number;
  };
  message: Localized;
}

export interface AllCheck {
  all: CheckNode[];
  /** Replaces the children's messages when set. */
  message?: Localized;
}

export interface AnyCheck {
  any: CheckNode[];
  message: Localized;
}

export type CheckNode =
  | ObjectCheck
  | CountCheck
  | CommandCheck
  | AppliedCheck
  | TrafficCheck
  | AllCheck
  | AnyCheck;

/** A step's check: a node, optionally allowed to become true within some simulated time (`60s`). */
export type StepCheck = CheckNode & { within?: string };

export interface StepSolution {
  /** Files the learner would write (opened in the editor, available to `kubectl apply -f <path>`). */
  files?: LessonFile[];
  commands?: string[];
}

export interface LessonStep {
  id: string;
  check: StepCheck;
  hints: Localized<string[]>;
  solution: StepSolution;
  /** Markdown instructions, one per language (from steps/<n>.<lang>.md). */
  text: Localized;
}

/** The parts of the course, in the order the course list shows them. */
export const MODULES = ['fundamentals', 'health-checks', 'openshift', 'istio'] as const;
export type CourseModule = (typeof MODULES)[number];

export interface Lesson {
  id: string;
  /** Which part of the course it belongs to (`module:`; 'fundamentals' when absent). */
  module: CourseModule;
  title: Localized;
  summary: Localized;
  level: Level;
  minutes: number;
  tags: string[];
  prerequisites: string[];
  seed: number;
  setup: LessonSetup;
  /** Files the learner starts with (editor tabs), e.g. a manifest to complete. */
  files: LessonFile[];
  steps: LessonStep[];
  /** "What happened and why", shown when the lesson is complete (from recap.<lang>.md). */
  recap: Localized;
  /** Position in the course (from the `order` field). */
  order: number;
}

/** Something the learner did that a check can look at. */
export interface LearnerAction {
  type: 'command';
  line: string;
  exitCode: number;
  /** Simulated time (ms) when it ran. */
  atMs: number;
}

/** One request seen by the network simulation (the shape the 'network' service logs). */
export interface TrafficRecord {
  atMs: number;
  /** Service the request was addressed to, when it went through one. */
  service?: string;
  namespace?: string;
  /** Pod that answered. */
  pod?: string;
  status?: number;
}
