// The stems of one output played together in sync (Web Audio), each with mute and solo, from where the player is.
import { download } from './api.js';

/** The mixer's controls; the stems are fetched and decoded on the first "Play stems". */
export function stemsMixer(output, audio) {
  const box = document.createElement('fieldset');
  box.className = 'stems';
  const legend = document.createElement('legend');
  legend.textContent = 'Stems';
  box.append(legend);
  const names = Object.keys(output.stems);
  const muted = new Set();
  const soloed = new Set();
  let context = null;
  let buffers = null;
  let playing = [];
  const gains = new Map();

  const apply = () => {
    for (const [name, gain] of gains) {
      const audible = soloed.size > 0 ? soloed.has(name) : !muted.has(name);
      gain.gain.value = audible ? 1 : 0;
    }
  };
  for (const name of names) {
    const row = document.createElement('div');
    row.className = 'row';
    const label = document.createElement('span');
    label.textContent = name;
    row.append(label, toggle(`Mute ${name}`, 'Mute', (on) => { on ? muted.add(name) : muted.delete(name); apply(); }),
      toggle(`Solo ${name}`, 'Solo', (on) => { on ? soloed.add(name) : soloed.delete(name); apply(); }));
    box.append(row);
  }

  const play = document.createElement('button');
  play.type = 'button';
  play.className = 'secondary';
  play.textContent = 'Play stems';
  const stop = () => {
    playing.forEach((source) => source.stop());
    playing = [];
    play.textContent = 'Play stems';
  };
  play.addEventListener('click', async () => {
    if (playing.length > 0) {
      stop();
      return;
    }
    play.disabled = true;
    try {
      context ??= new AudioContext();
      buffers ??= await Promise.all(names.map(async (name) =>
        context.decodeAudioData(await (await download(output.stems[name])).blob.arrayBuffer())));
      audio.pause();
      const start = context.currentTime + 0.05;
      playing = buffers.map((buffer, i) => {
        const source = context.createBufferSource();
        source.buffer = buffer;
        const gain = gains.get(names[i]) ?? context.createGain();
        gains.set(names[i], gain);
        source.connect(gain).connect(context.destination);
        source.start(start, Math.min(audio.currentTime, buffer.duration));
        return source;
      });
      playing[0].addEventListener('ended', () => { if (playing.length > 0) stop(); });
      apply();
      play.textContent = 'Stop stems';
    } catch (e) {
      play.title = e.message;
    } finally {
      play.disabled = false;
    }
  });
  audio.addEventListener('play', () => { if (playing.length > 0) stop(); });
  box.append(play);
  return box;
}

function toggle(label, text, onChange) {
  const wrapper = document.createElement('label');
  wrapper.className = 'check';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.setAttribute('aria-label', label);
  box.addEventListener('change', () => onChange(box.checked));
  wrapper.append(box, ` ${text}`);
  return wrapper;
}
