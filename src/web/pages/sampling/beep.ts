/**
 * The scan confirmation a sampler hears without looking: one short high tone for a scan taken, a low
 * double tone for a refusal, a rising pair when a tube is sealed. Web Audio, no sound files; the
 * context is made on the first key press (browsers allow sound only after a user gesture).
 */

let ctx: AudioContext | undefined;

function audio(): AudioContext | undefined {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
    return ctx;
  } catch {
    return undefined;
  }
}

function tone(a: AudioContext, freq: number, start: number, length: number, type: OscillatorType = 'square'): void {
  const osc = a.createOscillator();
  const gain = a.createGain();
  osc.type = type;
  osc.frequency.value = freq;
  // Short ramps at both ends: no click.
  gain.gain.setValueAtTime(0, start);
  gain.gain.linearRampToValueAtTime(0.25, start + 0.01);
  gain.gain.setValueAtTime(0.25, start + length - 0.02);
  gain.gain.linearRampToValueAtTime(0, start + length);
  osc.connect(gain).connect(a.destination);
  osc.start(start);
  osc.stop(start + length + 0.01);
}

export type Beep = 'ok' | 'error' | 'sealed';

export function beep(kind: Beep): void {
  const a = audio();
  if (!a) return;
  const t = a.currentTime + 0.01;
  if (kind === 'ok') tone(a, 1760, t, 0.09);
  else if (kind === 'sealed') {
    tone(a, 1320, t, 0.08);
    tone(a, 1760, t + 0.11, 0.12);
  } else {
    tone(a, 220, t, 0.16, 'sawtooth');
    tone(a, 220, t + 0.22, 0.16, 'sawtooth');
  }
}

/** Warms the audio context up inside a user gesture, so that the first beep is not lost. */
export function unlockAudio(): void {
  audio();
}
