/** Faults an instructor can trigger: stop a node, kill a pod, break a probe endpoint, make an image unpullable. */
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Fault } from '../../protocol/messages';
import { lab } from '../lab/client';
import { useLab } from '../lab/store';
import { useUi } from '../ui-store';

export function FaultsPanel() {
  const { t } = useTranslation();
  const namespace = useUi((s) => s.namespace);
  // Names only change when objects come or go (`structure`): recomputing them on every diff would sort
  // every pod name each frame.
  const structure = useDeferredValue(useLab((s) => s.structure));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `structure` is the signal to recompute.
  const { nodes, pods } = useMemo(() => {
    const objects = [...useLab.getState().objects.values()];
    return {
      nodes: objects
        .filter((o) => o.kind === 'Node')
        .map((o) => o.name)
        .sort(),
      pods: objects
        .filter((o) => o.kind === 'Pod' && (!namespace || o.namespace === namespace))
        .map((o) => `${o.namespace}/${o.name}`)
        .sort(),
    };
  }, [structure, namespace]);
  const [node, setNode] = useState('');
  const [pod, setPod] = useState('');
  const [probe, setProbe] = useState<'readiness' | 'liveness'>('readiness');
  const [image, setImage] = useState('nginx:1.27');
  const [message, setMessage] = useState('');

  const fire = async (fault: Fault) => {
    const r = await lab().fault(fault);
    setMessage(r.kind === 'error' ? r.message : r.kind === 'ok' && r.message ? r.message : t('faults.done'));
  };
  const podRef = (value: string) => {
    const [ns, name] = (value || pods[0] || '/').split('/');
    return { namespace: ns, name };
  };

  return (
    <div className="faults">
      <h2>{t('faults.title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void fire({ type: 'stop-node', node: node || nodes[nodes.length - 1] });
        }}
      >
        <label>
          {t('faults.node')}
          <select value={node} onChange={(e) => setNode(e.target.value)}>
            <option value="">{nodes[nodes.length - 1] ?? ''}</option>
            {nodes.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={nodes.length === 0}>
          {t('faults.stopNode')}
        </button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void fire({ type: 'kill-pod', ...podRef(pod) });
        }}
      >
        <label>
          {t('faults.pod')}
          <select value={pod} onChange={(e) => setPod(e.target.value)}>
            {pods.length === 0 && <option value="">—</option>}
            {pods.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={pods.length === 0}>
          {t('faults.killPod')}
        </button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void fire({ type: 'break-endpoint', ...podRef(pod), probe });
        }}
      >
        <label>
          {t('faults.probe')}
          <select value={probe} onChange={(e) => setProbe(e.target.value as 'readiness' | 'liveness')}>
            <option value="readiness">readiness</option>
            <option value="liveness">liveness</option>
          </select>
        </label>
        <button type="submit" disabled={pods.length === 0}>
          {t('faults.breakEndpoint')}
        </button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void fire({ type: 'unpullable-image', image });
        }}
      >
        <label>
          {t('faults.image')}
          <input value={image} onChange={(e) => setImage(e.target.value)} spellCheck={false} />
        </label>
        <button type="submit" disabled={!image}>
          {t('faults.unpullable')}
        </button>
      </form>
      <output aria-live="polite">{message}</output>
    </div>
  );
}
