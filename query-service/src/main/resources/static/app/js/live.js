// Server-Sent Events read with fetch, so that the bearer token is sent (EventSource cannot send headers). A dropped
// stream reconnects with Last-Event-ID and gets exactly what it missed; when the server answers 409 (too far
// behind to replay) the view reloads over REST and the stream starts afresh.
import { accessToken, tokenRefused } from './auth.js';

const MAX_BACKOFF_MS = 15_000;

/**
 * Opens a stream. handlers: {onEvent(type, data), onReset(), onState(connected)}. Returns a function that closes it.
 */
export function subscribe(path, handlers) {
  let lastEventId = null;
  let stopped = false;
  let controller = null;
  let backoff = 1000;

  async function run() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${accessToken()}` };
        if (lastEventId) {
          headers['Last-Event-ID'] = lastEventId;
        }
        const response = await fetch(path, { headers, signal: controller.signal, cache: 'no-store' });
        if (response.status === 401) {
          tokenRefused();
          return;
        }
        if (response.status === 409) {
          lastEventId = null;
          handlers.onReset?.();
          continue;
        }
        if (!response.ok) {
          throw new Error(`stream ${path}: HTTP ${response.status}`);
        }
        handlers.onState?.(true);
        backoff = 1000;
        await read(response.body.getReader());
      } catch (e) {
        if (stopped) {
          return;
        }
      }
      handlers.onState?.(false);
      if (!stopped) {
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  async function read(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    let event = { type: 'message', data: [], id: null };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffer.search(/\r?\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
        if (line === '') {
          if (event.data.length > 0) {
            if (event.id !== null) {
              lastEventId = event.id;
            }
            dispatch(event.type, event.data.join('\n'));
          }
          event = { type: 'message', data: [], id: null };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') {
            event.type = text;
          } else if (field === 'data') {
            event.data.push(text);
          } else if (field === 'id') {
            event.id = text;
          }
        }
      }
    }
  }

  function dispatch(type, text) {
    let data = text;
    try {
      data = JSON.parse(text);
    } catch (e) {
      // not JSON: passed on as text
    }
    try {
      handlers.onEvent?.(type, data);
    } catch (e) {
      console.error('live update could not be shown', e);
    }
  }

  run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
