/**
 * What a lab session is, for persistence: the seed, the cluster size and every input in virtual-time
 * order. The engine is deterministic, so replaying this log on a fresh cluster rebuilds the exact state
 * (byte for byte; `Cluster.stateHash()` proves it) without serialising the store.
 */
import type { ClusterProfile, Fault } from '../protocol/messages';

export type LogEntry = {
  t: number;
} /** `setup`: part of a scenario's starting cluster, not something the learner did. */ & (
  | { op: 'run'; line: string; stdin?: string; setup?: true }
  | { op: 'files'; files: Record<string, string> }
  | { op: 'fault'; fault: Fault }
);

export interface LabSave {
  version: 1;
  seed: number;
  workers: number;
  /** 'kubernetes' when absent (sessions saved before profiles existed). */
  profile?: ClusterProfile;
  /** Virtual time when saved: replay runs the clock up to here after the last entry. */
  nowMs: number;
  log: LogEntry[];
}

export function isLabSave(v: unknown): v is LabSave {
  const s = v as LabSave;
  return (
    !!s &&
    s.version === 1 &&
    Number.isInteger(s.seed) &&
    Number.isInteger(s.workers) &&
    (s.profile === undefined || s.profile === 'kubernetes' || s.profile === 'openshift') &&
    typeof s.nowMs === 'number' &&
    Array.isArray(s.log)
  );
}
