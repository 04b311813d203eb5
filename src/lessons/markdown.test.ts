import { describe, expect, it } from 'vitest';
import { commandLines, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('escapes raw HTML instead of rendering it', () => {
    const [seg] = renderMarkdown('Hello <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(seg).toEqual({
      type: 'html',
      html: '<p>Hello &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>\n',
    });
  });

  it('drops javascript: links and opens the others outside the lab', () => {
    const [seg] = renderMarkdown('[bad](javascript:alert(1)) [good](https://kubernetes.io/ja/docs/)');
    expect(seg.type === 'html' && seg.html).toBe(
      '<p>[bad](javascript:alert(1)) <a href="https://kubernetes.io/ja/docs/" target="_blank" rel="noopener noreferrer">good</a></p>\n',
    );
  });

  it('splits top-level code blocks out, with their language and file', () => {
    const segs = renderMarkdown(
      '# Title\n\nRun:\n\n```bash\nkubectl get pods\n```\n\n```yaml file=web.yaml\nkind: Pod\n```\n\nDone.',
    );
    expect(segs).toEqual([
      { type: 'html', html: '<h3>Title</h3>\n<p>Run:</p>\n' },
      { type: 'code', lang: 'bash', code: 'kubectl get pods' },
      { type: 'code', lang: 'yaml', code: 'kind: Pod', file: 'web.yaml' },
      { type: 'html', html: '<p>Done.</p>\n' },
    ]);
  });

  it('keeps code blocks nested in lists inside the HTML, escaped', () => {
    const segs = renderMarkdown('- item\n\n  ```\n  <b>x</b>\n  ```\n');
    expect(segs).toHaveLength(1);
    expect(segs[0].type === 'html' && segs[0].html).toContain('<code>&lt;b&gt;x&lt;/b&gt;\n</code>');
  });

  it('lists the commands of a shell block', () => {
    expect(commandLines('kubectl get pods\n\n# a comment\n  kubectl get svc  \n')).toEqual([
      'kubectl get pods',
      'kubectl get svc',
    ]);
  });
});
