/**
 * Faults an instructor can trigger: stop a node, kill a pod, break or fix a pod's or Deployment's health
 * endpoints, slow its start-up, make an image unpullable; and load on a Service (the same
 * `lab traffic start|stop` the terminal runs).
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Fault } from '../../protocol/messages';
import { lab } from '../lab/client';
import { useLab } from '../lab/store';
import { useUi } from '../ui-store';
import './faults.css';

export function FaultsPanel() {
  const { t } = useTranslation();
  const namespace = useUi((s) => s.namespace);
  // Names only change when objects come or go (`structure`): recomputing them on every diff would sort
  // every pod name each frame. While the tab is hidden nothing is recomputed at all: with a thousand pods,
  // re-rendering their <option>s costs the graph several milliseconds per change.
  const visible = useUi((s) => s.sideTab === 'faults');
  const structure = useDeferredValue(useLab((s) => (visible ? s.structure : -1)));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `structure` is the signal to recompute.
  const { nodes, pods, deployments, services } = useMemo(() => {
    const objects = [...useLab.getState().objects.values()];
    const names = (kind: string) =>
      objects
        .filter((o) => o.kind === kind && (!namespace || o.namespace === namespace))
        .map((o) => `${o.namespace}/${o.name}`)
        .sort();
    return {
      deployments: names('Deployment'),
      services: names('Service'),
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
  const [image, setImage] = useState('nginx:1.27');
  const [message, setMessage] = useState('');
  const [target, setTarget] = useState('');
  const [slowSeconds, setSlowSeconds] = useState(30);
  const [service, setService] = useState('');
  const [rps, setRps] = useState(20);

  const fire = async (fault: Fault) => {
    const r = await lab().fault(fault);
    setMessage(r.kind === 'error' ? r.message : r.kind === 'ok' && r.message ? r.message : t('faults.done'));
  };
  const podRef = (value: string) => {
    const [ns, name] = (value || pods[0] || '/').split('/');
    return { namespace: ns, name };
  };
  // The chosen pod or Deployment (`namespace/name`), falling back to the first listed.
  const targets = [...deployments, ...pods];
  const targetRef = () => {
    const [ns, name] = (targets.includes(target) ? target : targets[0] || '/').split('/');
    return { namespace: ns, name };
  };
  const trafficLine = (verb: 'start' | 'stop') => {
    const [ns, name] = (services.includes(service) ? service : services[0] || '/').split('/');
    return `lab traffic ${verb} svc/${name} -n ${ns}${verb === 'start' ? ` --rps ${rps}` : ''}`;
  };
  const runTraffic = async (verb: 'start' | 'stop') => {
    const r = await lab().run(trafficLine(verb));
    setMessage(r.output.trim() || t('faults.done'));
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
      <fieldset className="faults-group">
        <legend>{t('faults.health')}</legend>
        <label>
          {t('faults.target')}
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            {targets.length === 0 && <option value="">—</option>}
            {deployments.length > 0 && (
              <optgroup label={t('faults.deployments')}>
                {deployments.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </optgroup>
            )}
            {pods.length > 0 && (
              <optgroup label={t('faults.pods')}>
                {pods.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <div className="faults-buttons">
          <button
            type="button"
            disabled={targets.length === 0}
            onClick={() => void fire({ type: 'break-endpoint', ...targetRef(), probe: 'liveness' })}
          >
            {t('faults.breakLiveness')}
          </button>
          <button
            type="button"
            disabled={targets.length === 0}
            onClick={() => void fire({ type: 'break-endpoint', ...targetRef(), probe: 'readiness' })}
          >
            {t('faults.breakReadiness')}
          </button>
          <button
            type="button"
            disabled={targets.length === 0}
            onClick={() => void fire({ type: 'fix-endpoint', ...targetRef() })}
          >
            {t('faults.fixEndpoints')}
          </button>
        </div>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void fire({ type: 'slow-startup', ...targetRef(), seconds: slowSeconds });
          }}
        >
          <label>
            {t('faults.slowSeconds')}
            <input
              type="number"
              min={1}
              max={3600}
              step={1}
              value={slowSeconds}
              onChange={(e) => setSlowSeconds(Math.max(1, Math.round(Number(e.target.value) || 1)))}
            />
          </label>
          <button type="submit" disabled={targets.length === 0}>
            {t('faults.slowStartup')}
          </button>
        </form>
      </fieldset>
      <fieldset className="faults-group">
        <legend>{t('faults.traffic')}</legend>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void runTraffic('start');
          }}
        >
          <label>
            {t('faults.service')}
            <select value={service} onChange={(e) => setService(e.target.value)}>
              {services.length === 0 && <option value="">—</option>}
              {services.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label>
            {t('faults.rps')}
            <input
              type="number"
              min={1}
              max={1000}
              step={1}
              value={rps}
              onChange={(e) => setRps(Math.min(1000, Math.max(1, Math.round(Number(e.target.value) || 1))))}
            />
          </label>
          <button type="submit" disabled={services.length === 0}>
            {t('faults.startTraffic')}
          </button>
          <button type="button" disabled={services.length === 0} onClick={() => void runTraffic('stop')}>
            {t('faults.stopTraffic')}
          </button>
        </form>
      </fieldset>
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
