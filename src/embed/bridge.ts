/**
 * The embed page's link with the course page around it. It posts
 * `{ source: "kubedojo", type: "step-completed" | "lesson-completed", lesson, step }` to the parent, and
 * accepts `{ type: "load", lesson, step }` from it, only ever with origins on the `origins=` allow-list.
 */

export type EmbedEventType = 'step-completed' | 'lesson-completed';

export interface EmbedEvent {
  source: 'kubedojo';
  type: EmbedEventType;
  lesson: string;
  /** 1-based step number (for lesson-completed: the last step). */
  step: number;
}

export interface LoadRequest {
  type: 'load';
  lesson: string;
  step?: number;
}

interface MessageTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

interface MessageSource {
  addEventListener(type: 'message', fn: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', fn: (e: MessageEvent) => void): void;
}

export interface BridgeOptions {
  /** The parent window (null when the page is not framed). */
  parent: MessageTarget | null;
  /** Where messages arrive (the embed page's own window). */
  self: MessageSource;
  origins: readonly string[];
  onLoad(lesson: string, step: number): void;
}

export interface Bridge {
  post(type: EmbedEventType, lesson: string, step: number): void;
  dispose(): void;
}

export function createBridge({ parent, self, origins, onLoad }: BridgeOptions): Bridge {
  const allowed = new Set(origins);
  const onMessage = (e: MessageEvent) => {
    // Only the framing page, only from an allowed origin, only a well-formed request.
    if (!parent || e.source !== (parent as unknown) || !allowed.has(e.origin)) return;
    const data = e.data as Partial<LoadRequest> | null;
    if (!data || typeof data !== 'object' || data.type !== 'load' || typeof data.lesson !== 'string') return;
    const step = data.step === undefined ? 1 : Number(data.step);
    if (!Number.isInteger(step) || step < 1) return;
    onLoad(data.lesson, step);
  };
  self.addEventListener('message', onMessage);
  return {
    post(type, lesson, step) {
      if (!parent) return;
      const event: EmbedEvent = { source: 'kubedojo', type, lesson, step };
      // One message per allowed origin: the browser delivers it only if the parent really has that origin.
      for (const origin of allowed) parent.postMessage(event, origin);
    },
    dispose() {
      self.removeEventListener('message', onMessage);
    },
  };
}
