/**
 * Lesson Markdown, rendered safely: markdown-it with `html: false` (raw HTML is shown as text, never run)
 * and its default link validation (no `javascript:` links). Top-level code blocks come out as their own
 * segments so the panel can put "run in terminal" / "open in editor" buttons on them.
 */
import MarkdownIt from 'markdown-it';

export type Segment =
  | { type: 'html'; html: string }
  /** A fenced block. `file` comes from the info string (```yaml file=web.yaml). */
  | { type: 'code'; lang: string; code: string; file?: string };

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

// Links open outside the lab (never replace the exercise).
const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
md.renderer.rules.link_open = (tokens, idx, opts, env, self) => {
  tokens[idx].attrSet('target', '_blank');
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, opts, env, self);
};

// The panel's own heading is an h2, so a lesson's `#` becomes an h3 (and so on), keeping the outline in order.
const HEADING_SHIFT = 2;
md.core.ruler.push('shift_headings', (state) => {
  for (const t of state.tokens) {
    if (t.type === 'heading_open' || t.type === 'heading_close')
      t.tag = `h${Math.min(6, Number(t.tag.slice(1)) + HEADING_SHIFT)}`;
  }
});

export function renderMarkdown(text: string): Segment[] {
  const tokens = md.parse(text, {});
  const out: Segment[] = [];
  let start = 0;
  const flush = (end: number) => {
    if (end > start)
      out.push({ type: 'html', html: md.renderer.render(tokens.slice(start, end), md.options, {}) });
  };
  tokens.forEach((t, i) => {
    if (t.type !== 'fence' || t.level !== 0) return;
    flush(i);
    start = i + 1;
    const [lang = '', ...attrs] = t.info.trim().split(/\s+/);
    const file = attrs.find((a) => a.startsWith('file='))?.slice('file='.length);
    out.push({ type: 'code', lang, code: t.content.replace(/\n$/, ''), ...(file ? { file } : {}) });
  });
  flush(tokens.length);
  return out;
}

/** The commands of a shell block: one per non-empty line, comments skipped. */
export function commandLines(code: string): string[] {
  return code
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}
