/**
 * How a status looks: a tone (colour, from the theme's CSS variables) and an icon, so state is readable
 * at a glance and without colour. Pod statuses are kubectl's STATUS column texts.
 */
import type { ObjectView } from '../../protocol/views';

export type Tone = 'ok' | 'progress' | 'waiting' | 'warn' | 'error' | 'image' | 'done' | 'gone' | 'neutral';

export interface Look {
  tone: Tone;
  icon: string;
}

const POD_LOOKS: Record<string, Look> = {
  Pending: { tone: 'waiting', icon: '○' },
  ContainerCreating: { tone: 'progress', icon: '◌' },
  PodInitializing: { tone: 'progress', icon: '◌' },
  Terminating: { tone: 'gone', icon: '⨯' },
  Completed: { tone: 'done', icon: '✓' },
  Succeeded: { tone: 'done', icon: '✓' },
  CrashLoopBackOff: { tone: 'error', icon: '↻' },
  Error: { tone: 'error', icon: '✖' },
  OOMKilled: { tone: 'error', icon: '✖' },
  Failed: { tone: 'error', icon: '✖' },
  ContainerStatusUnknown: { tone: 'error', icon: '?' },
  ImagePullBackOff: { tone: 'image', icon: '⚠' },
  ErrImagePull: { tone: 'image', icon: '⚠' },
  InvalidImageName: { tone: 'image', icon: '⚠' },
  ErrImageNeverPull: { tone: 'image', icon: '⚠' },
  CreateContainerConfigError: { tone: 'image', icon: '⚠' },
  Unknown: { tone: 'neutral', icon: '?' },
  NodeLost: { tone: 'neutral', icon: '?' },
  Evicted: { tone: 'gone', icon: '⨯' },
};

export function podLook(pod: Pick<ObjectView, 'status' | 'podReady' | 'terminating'>): Look {
  if (pod.status === 'Running') return pod.podReady ? { tone: 'ok', icon: '●' } : { tone: 'warn', icon: '◐' };
  const known = POD_LOOKS[pod.status];
  if (known) return known;
  if (pod.status.startsWith('Init:')) {
    return /CrashLoopBackOff|Error|ImagePull|ErrImage/.test(pod.status)
      ? { tone: 'error', icon: '✖' }
      : { tone: 'progress', icon: '◌' };
  }
  if (pod.status.startsWith('Signal:') || pod.status.startsWith('ExitCode:'))
    return { tone: 'error', icon: '✖' };
  return { tone: 'neutral', icon: '•' };
}

/** Build phases (`oc get builds` STATUS). */
export const BUILD_LOOKS: Record<string, Look> = {
  New: { tone: 'waiting', icon: '○' },
  Pending: { tone: 'waiting', icon: '○' },
  Running: { tone: 'progress', icon: '▶' },
  Complete: { tone: 'done', icon: '✓' },
  Failed: { tone: 'error', icon: '✖' },
  Error: { tone: 'error', icon: '✖' },
  Cancelled: { tone: 'gone', icon: '⨯' },
};

/** Workloads: all ready = ok, some = progress, none of a positive count = warn. */
export function objectLook(o: ObjectView): Look {
  if (o.terminating) return { tone: 'gone', icon: '⨯' };
  switch (o.kind) {
    case 'Node':
      return o.status.startsWith('Ready') ? { tone: 'ok', icon: '▣' } : { tone: 'error', icon: '▢' };
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'DeploymentConfig':
    case 'ReplicationController': {
      const [ready, want] = (o.ready ?? '0/0').split('/').map(Number);
      if (ready === want) return { tone: want === 0 ? 'neutral' : 'ok', icon: '◆' };
      return { tone: ready === 0 ? 'warn' : 'progress', icon: '◇' };
    }
    case 'Job':
      return o.status === 'Complete'
        ? { tone: 'done', icon: '✓' }
        : o.status === 'Failed'
          ? { tone: 'error', icon: '✖' }
          : { tone: 'progress', icon: '▶' };
    case 'PersistentVolumeClaim':
      return o.status === 'Bound' ? { tone: 'ok', icon: '⛁' } : { tone: 'waiting', icon: '⛁' };
    case 'Service':
      return { tone: 'neutral', icon: '⇄' };
    case 'Ingress':
      return { tone: 'neutral', icon: '⇥' };
    case 'ConfigMap':
      return { tone: 'neutral', icon: '≡' };
    case 'Secret':
      return { tone: 'neutral', icon: '⚿' };
    case 'Build':
      return BUILD_LOOKS[o.status] ?? { tone: 'waiting', icon: '○' };
    case 'BuildConfig':
      return { tone: 'neutral', icon: '⚙' };
    case 'ImageStream':
    case 'ImageStreamTag':
      // A tag without an image yet (`latest@<none>`) waits for its first import or push.
      return o.status.endsWith('<none>') || o.status === ''
        ? { tone: 'waiting', icon: '◫' }
        : { tone: 'neutral', icon: '◫' };
    case 'Route':
      return o.route?.admitted === false ? { tone: 'waiting', icon: '⤳' } : { tone: 'neutral', icon: '⤳' };
    default:
      return { tone: 'neutral', icon: '•' };
  }
}

/** Kind abbreviations drawn on object nodes (kubectl's short names). */
export const KIND_BADGE: Record<string, string> = {
  Deployment: 'deploy',
  ReplicaSet: 'rs',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  Job: 'job',
  CronJob: 'cj',
  Service: 'svc',
  Ingress: 'ing',
  ConfigMap: 'cm',
  Secret: 'secret',
  PersistentVolumeClaim: 'pvc',
  Node: 'node',
  Pod: 'pod',
  BuildConfig: 'bc',
  Build: 'build',
  ImageStream: 'is',
  ImageStreamTag: 'istag',
  DeploymentConfig: 'dc',
  ReplicationController: 'rc',
  Route: 'route',
};
