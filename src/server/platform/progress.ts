import cliProgress from 'cli-progress';

export type ProgressFn = (done: number, total: number, label: string) => void;

/** A terminal progress bar for long commands; quiet when output is not a terminal (CI logs a line per stage). */
export function terminalProgress(): { update: ProgressFn; stop(): void } {
  const tty = process.stderr.isTTY;
  const bar = new cliProgress.SingleBar(
    { format: ' {label} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let lastLabel = '';
  return {
    update(done, total, label) {
      if (!tty) {
        if (label !== lastLabel) console.error(`… ${label}`);
        lastLabel = label;
        return;
      }
      if (!started) {
        bar.start(total, done, { label });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { label });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
