/** Where a long build is, for a person watching a terminal. */
export interface Progress {
  /** A new stage with a known number of steps (0 when it has none to count). */
  stage(name: string, total: number): void;
  tick(count?: number): void;
  /** Clear the line, before the summary is printed. */
  done(): void;
}

export const silentProgress: Progress = { stage() {}, tick() {}, done() {} };

/**
 * A single line on a terminal, redrawn at most ten times a second, that appears only once the build
 * has taken longer than `after` milliseconds: "Rendering pages: 12,000/32,378 (640/s, about 32 s
 * left)". Nothing at all when the stream is not a terminal, so logs and pipes stay clean.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr, after = Number(process.env.NEWS_ARCHIVE_PROGRESS_AFTER ?? 2000)): Progress {
  if (!stream.isTTY) return silentProgress;
  const started = Date.now();
  let name = '';
  let total = 0;
  let count = 0;
  let stageStarted = started;
  let drawn = 0;
  let shown = false;
  const draw = (force = false) => {
    const now = Date.now();
    if (now - started < after || (!force && now - drawn < 100)) return;
    drawn = now;
    shown = true;
    const seconds = (now - stageStarted) / 1000;
    const rate = seconds > 0 ? count / seconds : 0;
    const left = rate > 0 && total > count ? `, about ${Math.ceil((total - count) / rate)} s left` : '';
    const counted = total > 0 ? `: ${count.toLocaleString('en')}/${total.toLocaleString('en')} (${Math.round(rate).toLocaleString('en')}/s${left})` : '…';
    stream.write(`\r\x1b[2K${name}${counted}`);
  };
  return {
    stage(next, steps) {
      name = next;
      total = steps;
      count = 0;
      stageStarted = Date.now();
      draw(true);
    },
    tick(step = 1) {
      count += step;
      draw();
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
