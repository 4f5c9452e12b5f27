// Call display (/anzeige/:locationId): follows the location's calls
// (/api/v1/locations/:id/calls/stream: `snapshot` = latest calls, newest first; `call` = one new call),
// shows the newest large and the ones before it below, plays a gong and flashes the screen.
// Numbers and counters only: the stream carries nothing else.

const body = document.body;
const texts = JSON.parse(body.dataset.texts || '{}');
const historySize = Number(body.dataset.history) || 6;
const current = document.getElementById('display-current');
const history = document.getElementById('display-history');
const connection = document.getElementById('display-connection');
let calls = [];

/** "W 017 → Schalter 3", the same markup as the server renders. */
function callLine(call) {
  const fragment = document.createDocumentFragment();
  const span = (className, text, hidden) => {
    const element = document.createElement('span');
    element.className = className;
    element.textContent = text;
    if (hidden) element.setAttribute('aria-hidden', 'true');
    return element;
  };
  fragment.append(
    span('queue-call__number', call.number),
    ' ',
    span('queue-call__arrow', '→', true),
    span('queue-sr-only', ` ${texts.callTo} `),
    ' ',
    span('queue-call__counter', call.counter),
  );
  return fragment;
}

function render() {
  const [newest, ...older] = calls;
  if (newest) {
    current.replaceChildren(callLine(newest));
  } else {
    const empty = document.createElement('span');
    empty.className = 'queue-display__empty';
    empty.textContent = texts.noCalls;
    current.replaceChildren(empty);
  }
  history.replaceChildren(
    ...older.slice(0, historySize).map((call) => {
      const item = document.createElement('li');
      item.className = 'queue-display__item';
      item.append(callLine(call));
      return item;
    }),
  );
}

/** A recall repeats a number: it moves to the top instead of standing there twice. */
function latestPerNumber(list) {
  const seen = new Set();
  return list.filter((call) => !seen.has(call.number) && seen.add(call.number));
}

// ---- Gong: two tones from the Web Audio API. Browsers allow sound only after one user gesture:
// the "Ton einschalten" button appears until the audio context runs (kiosk browsers may allow it at once).

const AudioContextClass = window.AudioContext || window.webkitAudioContext;
const soundWrapper = document.querySelector('.queue-sound');
let audio;

function updateSoundButton() {
  if (soundWrapper) soundWrapper.hidden = !AudioContextClass || audio?.state === 'running';
}

if (AudioContextClass) {
  try {
    audio = new AudioContextClass();
    audio.addEventListener('statechange', updateSoundButton);
  } catch {
    audio = undefined;
  }
  soundWrapper?.querySelector('button')?.addEventListener('click', async () => {
    audio ??= new AudioContextClass();
    await audio.resume();
    updateSoundButton();
    gong();
  });
  updateSoundButton();
}

function tone(frequency, start, duration) {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.5, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(start);
  oscillator.stop(start + duration + 0.05);
}

function gong() {
  if (audio?.state !== 'running') return;
  const now = audio.currentTime;
  tone(659.25, now, 1.2); // E5
  tone(523.25, now + 0.6, 1.6); // C5
}

// ---- Visual cue for everybody who cannot hear the gong

let flashTimer;
function flash() {
  body.classList.remove('queue-body--flash');
  // Restart the animation even when calls follow each other closely.
  void body.offsetWidth;
  body.classList.add('queue-body--flash');
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => body.classList.remove('queue-body--flash'), 5000);
}

// ---- Live updates (EventSource reconnects by itself; the server sends a fresh snapshot then)

const source = new EventSource(body.dataset.stream);
source.addEventListener('snapshot', (event) => {
  connection.hidden = true;
  calls = latestPerNumber(JSON.parse(event.data)).slice(0, historySize + 1);
  render();
});
source.addEventListener('call', (event) => {
  connection.hidden = true;
  const call = JSON.parse(event.data);
  calls = latestPerNumber([call, ...calls]).slice(0, historySize + 1);
  render();
  gong();
  flash();
});
source.addEventListener('open', () => {
  connection.hidden = true;
});
source.addEventListener('error', () => {
  connection.hidden = false;
  // A closed stream (the server answered with an error) is not retried by EventSource: reload later.
  if (source.readyState === EventSource.CLOSED) setTimeout(() => window.location.reload(), 10_000);
});
