/**
 * The graph's namespace filter follows the terminal: `oc new-project demo`, `oc project demo` or
 * `kubectl config set-context --current --namespace=demo` switch the view to where the learner now works,
 * as the OpenShift console follows the selected project. Picking another filter afterwards is kept until
 * the terminal's namespace changes again.
 */
import type { useLab } from '../lab/store';
import type { useUi } from '../ui-store';

export function followShellNamespace(lab: typeof useLab, ui: typeof useUi): () => void {
  return lab.subscribe((s, prev) => {
    if (!s.connected || s.clock.namespace === prev.clock.namespace) return;
    if (ui.getState().namespace !== s.clock.namespace) ui.setState({ namespace: s.clock.namespace });
  });
}
