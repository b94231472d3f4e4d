// One output of a job: the player with its waveform (click or arrow keys to seek), loop for samples, timed lyrics
// that follow the song, downloads in every format, and the stems mixer when the job kept stems.
import { BASE, call, download, playable } from './api.js';
import { analysis } from './format.js';
import { stemsMixer } from './stems.js';

const FORMATS = ['flac', 'wav', 'mp3', 'ogg', 'opus'];

/** Builds the card of output `output` of `job`; returns it with a release() that frees its blob URLs. */
export async function outputCard(job, output) {
  const card = document.createElement('article');
  card.className = 'output';
  card.dataset.index = output.index;
  const title = document.createElement('h3');
  title.textContent = job.outputs.length > 1 ? `Variation ${output.index + 1}` : 'Output';
  const facts = document.createElement('p');
  facts.className = 'hint';
  facts.textContent = analysis(output);

  const audio = document.createElement('audio');
  audio.controls = true;
  audio.preload = 'metadata';
  audio.setAttribute('aria-label', `${title.textContent}: player`);
  const source = Object.values(output.urls)[0] ?? job.output_url;
  const media = await playable(source);
  audio.src = media.src;

  const waveform = await waveformView(output, audio);
  card.append(title, facts, waveform, audio);
  if (job.task === 'text2samples') card.append(loopToggle(audio, output.index));
  card.append(downloads(job, output));
  if (output.lyrics_url) card.append(await timedLyrics(output, audio));
  if (output.stems) card.append(stemsMixer(output, audio));
  return { card, release: media.release };
}

async function waveformView(output, audio) {
  const canvas = document.createElement('canvas');
  canvas.className = 'waveform';
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'slider');
  canvas.setAttribute('aria-label', 'Position (click or use the arrow keys to seek)');
  canvas.setAttribute('aria-valuemin', '0');
  canvas.setAttribute('aria-valuemax', String(Math.round(output.duration)));
  canvas.setAttribute('aria-valuenow', '0');
  const peaks = await call('GET', output.waveform_url);
  const draw = () => drawPeaks(canvas, peaks, audio.duration ? audio.currentTime / audio.duration : 0);
  const seek = (fraction) => {
    const duration = audio.duration || output.duration;
    audio.currentTime = Math.max(0, Math.min(duration, fraction * duration));
  };
  canvas.addEventListener('click', (event) => {
    const box = canvas.getBoundingClientRect();
    seek((event.clientX - box.left) / box.width);
  });
  canvas.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 5, ArrowLeft: -5, Home: -Infinity, End: Infinity }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    seek(((audio.currentTime || 0) + step) / (audio.duration || output.duration));
  });
  audio.addEventListener('timeupdate', () => {
    canvas.setAttribute('aria-valuenow', String(Math.round(audio.currentTime)));
    draw();
  });
  audio.addEventListener('seeked', draw);
  new ResizeObserver(draw).observe(canvas);
  return canvas;
}

/** Min/max peaks (BBC audiowaveform JSON): one bar per point, the loudest channel, played part in the accent colour. */
function drawPeaks(canvas, peaks, played) {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  if (canvas.width !== width || canvas.height !== height) [canvas.width, canvas.height] = [width, height];
  const context = canvas.getContext('2d');
  const style = getComputedStyle(canvas);
  const full = 2 ** (peaks.bits - 1);
  const stride = 2 * peaks.channels;
  context.clearRect(0, 0, width, height);
  for (let x = 0; x < width; x++) {
    const point = Math.floor((x / width) * peaks.length);
    let low = 0;
    let high = 0;
    for (let c = 0; c < peaks.channels; c++) {
      low = Math.min(low, peaks.data[point * stride + 2 * c]);
      high = Math.max(high, peaks.data[point * stride + 2 * c + 1]);
    }
    context.fillStyle = x / width < played ? style.getPropertyValue('--accent') : style.getPropertyValue('--wave');
    const top = height / 2 - (high / full) * (height / 2);
    const bottom = height / 2 - (low / full) * (height / 2);
    context.fillRect(x, top, 1, Math.max(1, bottom - top));
  }
}

function loopToggle(audio, index) {
  const label = document.createElement('label');
  label.className = 'check';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = audio.loop = true;
  box.id = `loop-${index}`;
  box.addEventListener('change', () => { audio.loop = box.checked; });
  label.append(box, ' Loop');
  return label;
}

function downloads(job, output) {
  const group = document.createElement('div');
  group.className = 'downloads';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Download');
  for (const format of FORMATS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = format.toUpperCase();
    button.setAttribute('aria-label', `Download ${format.toUpperCase()}`);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await save(`${BASE}/jobs/${job.id}/audio?index=${output.index}&format=${format}`);
      } catch (e) {
        button.title = e.message;
      } finally {
        button.disabled = false;
      }
    });
    group.append(button);
  }
  return group;
}

/** Fetches a file route and hands it to the browser as a download under the name the service gave it. */
export async function save(url) {
  const { blob, name } = await download(url);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** The LRC lines with their times; the line being sung is highlighted, and a click on a line seeks to it. */
async function timedLyrics(output, audio) {
  const timed = await call('GET', `${output.lyrics_url}&format=json`);
  const list = document.createElement('ol');
  list.className = 'lyrics';
  list.setAttribute('aria-label', 'Lyrics');
  const items = timed.lines.map((line) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'line';
    button.textContent = line.text;
    button.addEventListener('click', () => { audio.currentTime = line.start; });
    item.append(button);
    list.append(item);
    return item;
  });
  audio.addEventListener('timeupdate', () => {
    const now = audio.currentTime;
    timed.lines.forEach((line, i) => {
      const current = now >= line.start && now < (timed.lines[i + 1]?.start ?? line.end);
      items[i].classList.toggle('now', current);
      if (current) items[i].setAttribute('aria-current', 'true');
      else items[i].removeAttribute('aria-current');
    });
  });
  return list;
}
