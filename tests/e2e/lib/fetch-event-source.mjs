// An EventSource for Node 20 (which has none), on fetch: what the centrifuge SDK's SSE transport needs of one
// (onopen, onmessage, onerror, close), parsing the stream as the WHATWG spec says: lines ending in LF, CR or CRLF,
// `data:` fields joined with LF, an event dispatched at a blank line, comments (`:`) and other fields ignored.
// Browsers (the Chromium test) use their own EventSource.

export class FetchEventSource {
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.onopen = null;
    this.onmessage = null;
    this.onerror = null;
    this.responseStatus = null;
    this.taps = [];
    this.abortController = new AbortController();
    this.#run();
  }

  /** Also hands every event's data to `tap` (tests record what the server sent). */
  addTap(tap) {
    this.taps.push(tap);
  }

  close() {
    this.readyState = 2;
    this.abortController.abort();
  }

  async #run() {
    try {
      const response = await fetch(this.url, { headers: { Accept: 'text/event-stream' }, signal: this.abortController.signal });
      this.responseStatus = response.status;
      if (!response.ok || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        throw new Error(`EventSource answered ${response.status} ${response.headers.get('content-type')}`);
      }
      this.readyState = 1;
      this.onopen?.({ type: 'open' });
      const decoder = new TextDecoder();
      let buffer = '';
      let data = [];
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
          if (line === '') {
            if (data.length > 0) {
              const event = { type: 'message', data: data.join('\n') };
              this.taps.forEach((tap) => tap(event.data));
              this.onmessage?.(event);
              data = [];
            }
            continue;
          }
          if (line.startsWith(':')) {
            continue;
          }
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let value = colon < 0 ? '' : line.slice(colon + 1);
          if (value.startsWith(' ')) {
            value = value.slice(1);
          }
          if (field === 'data') {
            data.push(value);
          }
        }
      }
      throw new Error('the event stream ended');
    } catch (error) {
      if (this.readyState !== 2) {
        this.readyState = 2;
        this.onerror?.({ type: 'error', error });
      }
    }
  }
}
