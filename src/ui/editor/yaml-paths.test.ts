import { describe, expect, it } from 'vitest';
import { fieldSegments, rangeOfField } from './yaml-paths';

const doc = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  template:
    spec:
      containers:
        - name: nginx
          image: ""
---
apiVersion: v1
kind: ConfigMap
metadata:
  labels:
    app.kubernetes.io/name: x
`;

describe('rangeOfField', () => {
  const text = (r?: { start: number; end: number }) => (r ? doc.slice(r.start, r.end) : undefined);
  it('splits API server field paths', () => {
    expect(fieldSegments('spec.template.spec.containers[0].image')).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'image',
    ]);
    expect(fieldSegments('metadata.labels[app.kubernetes.io/name]')).toEqual([
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
  });
  it('underlines a scalar value', () => {
    expect(text(rangeOfField(doc, 0, 'spec.replicas'))).toBe('-1');
    expect(text(rangeOfField(doc, 0, 'spec.template.spec.containers[0].image'))).toBe('""');
  });
  it('underlines the nearest existing key for a missing field, in the right document', () => {
    expect(text(rangeOfField(doc, 0, 'spec.selector'))).toBe('spec');
    expect(text(rangeOfField(doc, 1, 'metadata.name'))).toBe('metadata');
    expect(text(rangeOfField(doc, 1, 'metadata.labels[app.kubernetes.io/name]'))).toBe('x');
  });
});
