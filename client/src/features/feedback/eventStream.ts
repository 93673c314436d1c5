/**
 * Reads a text/event-stream (the WHATWG "server-sent events" format) from text pieces as they
 * arrive: `data:` lines gather into one event, a blank line hands it on, comment lines (`:`) and
 * other fields are skipped. The live stream needs only `data`; EventSource cannot send the
 * Authorization header, so the stream is read from fetch.
 */
export interface EventStreamParser {
  /** Takes the next piece of text (any split: mid-line, mid-CRLF). */
  push(text: string): void;
}

export function createEventStreamParser(onData: (data: string) => void): EventStreamParser {
  let buffer = '';
  let data: string[] = [];
  /** A piece that ended on CR: a LF opening the next one belongs to that line end. */
  let afterCr = false;

  function line(text: string): void {
    if (text === '') {
      if (data.length > 0) onData(data.join('\n'));
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
  }

  return {
    push(text) {
      if (afterCr && text.startsWith('\n')) text = text.slice(1);
      afterCr = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i += 1) {
        const char = buffer[i];
        if (char !== '\n' && char !== '\r') continue;
        line(buffer.slice(start, i));
        if (char === '\r') {
          if (i + 1 === buffer.length) afterCr = true;
          else if (buffer[i + 1] === '\n') i += 1;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
  };
}
