// How jobs and times read on the page.

/** The job's name: its display name, else the start of what was asked for, else its id. */
export function jobTitle(job) {
  const p = job.parameters ?? {};
  const text = job.display_name || p.caption || p.query || p.lyrics || job.id;
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export function seconds(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const whole = Math.round(value);
  return whole >= 60 ? `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}` : `${value < 10 ? value.toFixed(1) : whole} s`;
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** Facts measured from the output, as one line. */
export function analysis(output) {
  const a = output.analysis;
  const parts = [`${seconds(output.duration)}`, `${output.sample_rate / 1000} kHz`, output.channels === 2 ? 'stereo' : 'mono', `seed ${output.seed}`];
  if (a?.tempo_bpm) parts.push(`${Math.round(a.tempo_bpm)} bpm measured`);
  if (a?.key) parts.push(a.key);
  if (a?.integrated_lufs !== null && a?.integrated_lufs !== undefined) parts.push(`${a.integrated_lufs.toFixed(1)} LUFS`);
  return parts.join(' · ');
}
