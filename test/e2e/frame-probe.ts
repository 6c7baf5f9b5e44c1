/**
 * In-page timing probes for the large-listing test. They run in the page (passed to
 * page.evaluate), so they time what the user sees: requestAnimationFrame timestamps, taken
 * once rows exist, are frames the compositor produced with them.
 */
import type { Page } from 'playwright-core';

interface ProbeWindow {
  __ferryPaint?: Promise<number>;
}

/**
 * Arms a probe that measures the milliseconds from the next `trigger` event (captured on
 * window, e.g. 'dblclick' or 'keydown') to the frame after `selector` first matches. Arm it,
 * send the input, then await the returned function. The listener is in place before this
 * resolves (a single evaluate racing the input could miss the event). Gives up after 30 s.
 */
export async function armPaintProbe(
  page: Page,
  trigger: string,
  selector: string,
): Promise<() => Promise<number>> {
  await page.evaluate(
    ([eventName, wanted]) => {
      (window as ProbeWindow).__ferryPaint = new Promise<number>((resolve, reject) => {
        let start = 0;
        const armedAt = performance.now();
        window.addEventListener(
          eventName,
          () => {
            start = performance.now();
          },
          { capture: true, once: true },
        );
        const tick = (): void => {
          if (start > 0 && document.querySelector(wanted)) {
            requestAnimationFrame(() => resolve(performance.now() - start));
          } else if (performance.now() - armedAt > 30_000) {
            reject(new Error(start > 0 ? `${wanted} never appeared` : `no ${eventName} event arrived`));
          } else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
    [trigger, selector] as const,
  );
  return () =>
    page.evaluate(() => (window as ProbeWindow).__ferryPaint ?? Promise.reject(new Error('no probe')));
}

interface FrameWindow {
  __ferryFrames?: { times: number[]; running: boolean };
}

/** Starts recording every animation frame's timestamp. */
export async function startFrameRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as FrameWindow;
    const state = { times: [] as number[], running: true };
    w.__ferryFrames = state;
    const loop = (time: number): void => {
      state.times.push(time);
      if (state.running) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
}

export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
}

/** Stops recording; the intervals between consecutive frames, summarized. */
export async function stopFrameRecording(page: Page): Promise<FrameStats> {
  const times = await page.evaluate(() => {
    const state = (window as FrameWindow).__ferryFrames;
    if (!state) return [];
    state.running = false;
    return state.times;
  });
  const gaps = times
    .slice(1)
    .map((t, i) => t - (times[i] ?? t))
    .sort((a, b) => a - b);
  const at = (q: number): number => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? 0;
  const round = (n: number): number => Math.round(n * 10) / 10;
  return { frames: gaps.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(gaps.at(-1) ?? 0) };
}
