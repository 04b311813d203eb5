/** A lesson's Markdown: HTML from markdown-it (html: false, so nothing raw runs) and code blocks with actions. */
import { useMemo } from 'react';
import { renderMarkdown } from '../../lessons/markdown';
import { CodeBlock } from './CodeBlock';
import type { LessonHost } from './host';
import type { Strings } from './strings';

export function Markdown({ text, host, s }: { text: string; host: LessonHost; s: Strings }) {
  const segments = useMemo(() => renderMarkdown(text), [text]);
  return (
    <div className="lesson-md">
      {segments.map((seg, i) =>
        seg.type === 'html' ? (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it runs with html: false and validates links.
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are static for a given text.
          <div key={i} dangerouslySetInnerHTML={{ __html: seg.html }} />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are static for a given text.
          <CodeBlock key={i} lang={seg.lang} code={seg.code} file={seg.file} host={host} s={s} />
        ),
      )}
    </div>
  );
}
