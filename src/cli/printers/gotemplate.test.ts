import { describe, expect, it } from 'vitest';
import { executeGoTemplate } from './gotemplate';

const list = {
  items: [
    {
      metadata: { name: 'a', labels: { app: 'web' } },
      spec: { containers: [{ name: 'c1', image: 'nginx' }] },
      status: { phase: 'Running' },
    },
    {
      metadata: { name: 'b' },
      spec: {
        containers: [
          { name: 'c2', image: 'envoy' },
          { name: 'c3', image: 'busybox' },
        ],
      },
      status: { phase: 'Pending' },
    },
  ],
};

describe('go-template output', () => {
  it('ranges, indexes and prints fields', () => {
    expect(
      executeGoTemplate(
        '{{range .items}}{{.metadata.name}} {{range .spec.containers}}{{.image}},{{end}}\n{{end}}',
        list,
      ),
    ).toBe('a nginx,\nb envoy,busybox,\n');
    expect(executeGoTemplate('{{range $i, $p := .items}}{{$i}}={{$p.metadata.name}};{{end}}', list)).toBe(
      '0=a;1=b;',
    );
    expect(executeGoTemplate('{{index .items 1 "metadata" "name"}} {{len .items}}', list)).toBe('b 2');
    expect(executeGoTemplate('{{(index .items 0).metadata.labels}}', list)).toBe('map[app:web]');
  });

  it('branches with if / else if / else and with, comparing with eq and ne', () => {
    const t =
      '{{range .items}}{{if eq .status.phase "Running"}}up{{else if eq .status.phase "Pending"}}wait{{else}}?{{end}} {{end}}';
    expect(executeGoTemplate(t, list)).toBe('up wait ');
    expect(executeGoTemplate('{{with .items}}{{len .}}{{else}}none{{end}}', list)).toBe('2');
    expect(executeGoTemplate('{{with .nothing}}x{{else}}none{{end}}', list)).toBe('none');
    expect(executeGoTemplate('{{if and .items (ne (len .items) 0)}}yes{{end}}', list)).toBe('yes');
  });

  it('prints <no value> for missing keys, formats with printf, trims with {{- -}} and decodes base64', () => {
    expect(executeGoTemplate('{{.missing}}', list)).toBe('<no value>');
    expect(executeGoTemplate('{{printf "%s has %d items" "list" (len .items)}}', list)).toBe(
      'list has 2 items',
    );
    expect(executeGoTemplate('a  {{- " b " -}}  c', {})).toBe('a b c');
    expect(executeGoTemplate('{{.data.password | base64decode}}', { data: { password: 'czNjcjN0' } })).toBe(
      's3cr3t',
    );
  });

  it('fails on unclosed actions and unknown functions', () => {
    expect(() => executeGoTemplate('{{.a', {})).toThrow('unclosed action');
    expect(() => executeGoTemplate('{{nope .a}}', {})).toThrow('function "nope" not defined');
    expect(() => executeGoTemplate('x{{end}}', {})).toThrow('unexpected {{end}}');
  });
});
