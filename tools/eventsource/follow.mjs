// Follows one job's events with a standard EventSource client, as a browser would, and prints one JSON line per event
// ({"id", "type", "status"}), then {"closed": true, "readyState"} once the stream is over. Over means: the terminal event
// arrived and the client, reconnecting as EventSource always does, was told 204 No Content, which makes it stop.
// Usage: node follow.mjs <events URL> [timeout ms]
import { EventSource } from "eventsource";

const [url, timeoutMs = "60000"] = process.argv.slice(2);
const types = ["job.queued", "job.started", "job.progress", "job.requeued", "job.completed", "job.failed", "job.cancelled", "job.deleted"];
const source = new EventSource(url);
const timer = setTimeout(() => { console.log(JSON.stringify({ timeout: true })); process.exit(2); }, Number(timeoutMs));
let terminal = false;
for (const type of types) {
  source.addEventListener(type, (event) => {
    const data = JSON.parse(event.data);
    console.log(JSON.stringify({ id: event.lastEventId, type: event.type, status: data.status }));
    terminal ||= ["job.completed", "job.failed", "job.cancelled", "job.deleted"].includes(type);
  });
}
source.onerror = () => {
  // After the terminal event the server ends the stream; EventSource reconnects with Last-Event-ID, gets 204 and closes.
  if (source.readyState === EventSource.CLOSED) {
    clearTimeout(timer);
    console.log(JSON.stringify({ closed: true, afterTerminal: terminal }));
    process.exit(terminal ? 0 : 1);
  }
};
