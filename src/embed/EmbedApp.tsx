/**
 * The embed page: one exercise (the lesson panel, the graph, the terminal and the editor) for course
 * pages to frame. The lesson comes from the URL and from the parent's `load` messages; completions go
 * back to the parent through the bridge.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EmbedParams } from '../lessons/links';
import { EditorPanel } from '../ui/editor/EditorPanel';
import { GraphView } from '../ui/graph/GraphView';
import { useLab } from '../ui/lab/store';
import { LessonPanel } from '../ui/lessons/LessonPanel';
import type { LessonRequest } from '../ui/lessons/useLessonSession';
import { Terminal } from '../ui/terminal/Terminal';
import { type Bridge, createBridge } from './bridge';

export function EmbedApp({ params }: { params: EmbedParams }) {
  const connected = useLab((s) => s.connected);
  const [request, setRequest] = useState<LessonRequest | undefined>(
    params.lesson ? { lesson: params.lesson, step: params.step, nonce: 0 } : undefined,
  );
  const bridge = useRef<Bridge | null>(null);

  useEffect(() => {
    const b = createBridge({
      parent: window.parent !== window ? window.parent : null,
      self: window,
      origins: params.origins,
      onLoad: (lesson, step) => setRequest((r) => ({ lesson, step, nonce: (r?.nonce ?? 0) + 1 })),
    });
    bridge.current = b;
    return () => b.dispose();
  }, [params.origins]);

  const callbacks = useMemo(
    () => ({
      onStepCompleted: (lesson: string, step: number) => bridge.current?.post('step-completed', lesson, step),
      onLessonCompleted: (lesson: string) => {
        // The last step's number goes with it, so the parent can treat both messages alike.
        const steps =
          document.querySelector('[data-testid="lesson-panel"] .lesson-dots')?.childElementCount ?? 0;
        bridge.current?.post('lesson-completed', lesson, steps);
      },
    }),
    [],
  );

  return (
    <div className="embed">
      <aside className="side-panel" aria-label="Lesson">
        <LessonPanel embedded request={connected ? request : undefined} {...callbacks} />
      </aside>
      <main className="stage">{connected ? <GraphView /> : null}</main>
      <div className="workbench">
        <Terminal />
        <EditorPanel />
      </div>
    </div>
  );
}
