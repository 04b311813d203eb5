/** Graceful termination of a pod's containers when it is deleted, and the final status before it goes. */
import type { PodWorker } from './pod-worker';

/** The pod has a deletionTimestamp: stop every container within the grace period, then delete it. */
export function terminatePod(w: PodWorker): void {
  const rt = w.rt;
  if (rt.terminating) return;
  rt.terminating = true;
  rt.busy = false;
  if (rt.nextSync) rt.nextSync.cancelled = true;
  const graceSeconds =
    rt.pod.metadata.deletionGracePeriodSeconds ?? rt.pod.spec?.terminationGracePeriodSeconds ?? 30;
  const running = [...rt.app, ...rt.init].filter((c) => c.proc && !c.proc.exited);
  for (const c of running) {
    w.a.record(rt, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
    let preStopMs = 0;
    const preStop = c.spec.lifecycle?.preStop;
    if (preStop?.exec?.command) w.execIn(c, preStop.exec.command);
    if (preStop?.sleep?.seconds) preStopMs = preStop.sleep.seconds * 1000;
    const remaining = Math.max(0, graceSeconds * 1000 - preStopMs);
    if (preStopMs > 0 && preStopMs < graceSeconds * 1000)
      w.after(preStopMs, 'kubelet:prestop', () => c.proc?.stop(Math.max(2000, remaining)));
    else if (preStopMs > 0) w.after(graceSeconds * 1000, 'kubelet:prestop', () => c.proc?.kill());
    else c.proc!.stop(graceSeconds * 1000);
  }
  w.a.markDirty(rt);
  w.checkTerminated();
}

export function checkPodTerminated(w: PodWorker): void {
  const rt = w.rt;
  if ([...rt.app, ...rt.init].some((c) => c.proc && !c.proc.exited)) return;
  // Terminal phase first (the kubelet reports it before the pod object goes).
  const everything = [...rt.app];
  const ok = everything.every((c) => 'terminated' in c.state && c.state.terminated.exitCode === 0);
  if (rt.app.some((c) => c.everCreated)) {
    for (const c of rt.app) if ('waiting' in c.state && c.lastState) c.state = { terminated: c.lastState };
    rt.terminal ??= ok ? 'Succeeded' : 'Failed';
  } else rt.terminal ??= 'Failed';
  rt.sandbox = 'gone';
  w.a.markDirty(rt);
  w.after(w.a.rng.int(50, 250), 'kubelet:finalize', () => w.a.finished(rt));
}

/** The API object is gone (force delete or after our own delete): stop everything now. */
export function abandonPod(w: PodWorker): void {
  const rt = w.rt;
  for (const c of [...rt.app, ...rt.init]) {
    if (c.proc && !c.proc.exited) c.proc.kill();
  }
  for (const t of rt.tasks) t.cancelled = true;
  if (rt.nextSync) rt.nextSync.cancelled = true;
  rt.gone = true;
}
