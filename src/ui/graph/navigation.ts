/**
 * Arrow-key movement between graph nodes: from the focused node to the nearest one in the pressed
 * direction, measured on screen (so it follows whatever the layout and zoom are).
 */
export type Direction = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Index of the best candidate in `boxes` to move to from `from`, or -1. */
export function nearestInDirection(from: Box, boxes: Box[], dir: Direction): number {
  const cx = from.x + from.width / 2;
  const cy = from.y + from.height / 2;
  let best = -1;
  let bestScore = Number.POSITIVE_INFINITY;
  boxes.forEach((b, i) => {
    const dx = b.x + b.width / 2 - cx;
    const dy = b.y + b.height / 2 - cy;
    const along = dir === 'ArrowRight' ? dx : dir === 'ArrowLeft' ? -dx : dir === 'ArrowDown' ? dy : -dy;
    const across = dir === 'ArrowRight' || dir === 'ArrowLeft' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 1) return;
    // Straight ahead beats diagonal: sideways distance counts double.
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

export function moveFocus(current: HTMLElement, dir: Direction): HTMLElement | undefined {
  const root = current.closest('[data-graph-root]') ?? document;
  const all = [...root.querySelectorAll<HTMLElement>('[data-testid="graph-node"]')].filter(
    (el) => el !== current,
  );
  const i = nearestInDirection(
    current.getBoundingClientRect(),
    all.map((el) => el.getBoundingClientRect()),
    dir,
  );
  return i >= 0 ? all[i] : undefined;
}
