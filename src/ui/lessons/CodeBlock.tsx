/** A code block from a step: shell blocks can be run in the terminal, YAML with a file name opened in the editor. */
import { commandLines } from '../../lessons/markdown';
import type { LessonHost } from './host';
import type { Strings } from './strings';

const SHELL = new Set(['bash', 'sh', 'shell', 'console']);

export function CodeBlock({
  lang,
  code,
  file,
  host,
  s,
}: {
  lang: string;
  code: string;
  file?: string;
  host: LessonHost;
  s: Strings;
}) {
  const runnable = SHELL.has(lang) && commandLines(code).length > 0;
  const run = async () => {
    // One after the other, as if typed: the terminal shows each command and its output.
    for (const line of commandLines(code)) await host.runInTerminal(line);
  };
  return (
    <figure className="lesson-code">
      {file && <figcaption className="lesson-code-file">{file}</figcaption>}
      <pre>
        <code className={lang ? `language-${lang}` : undefined}>{code}</code>
      </pre>
      {(runnable || file) && (
        <div className="lesson-code-actions">
          {runnable && (
            <button type="button" className="lesson-run" onClick={() => void run()}>
              {s.runInTerminal}
            </button>
          )}
          {file && (
            <button
              type="button"
              className="lesson-open"
              onClick={() => host.openInEditor(file, `${code}\n`)}
            >
              {s.openInEditor}
              <span className="visually-hidden"> {file}</span>
            </button>
          )}
        </div>
      )}
    </figure>
  );
}
