/**
 * A Server-Sent Events client for the tests: Node's fetch reading the response body as it arrives, parsed
 * with eventsource-parser (the portal's fetch-event-source needs a browser). It sends the headers a
 * browser client sends: the bearer JWT and, when resuming, Last-Event-ID.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseOpenResult {
  status: number;
  headers: Headers;
  /** Set when the server answered 200 with a stream. */
  stream?: SseStream;
  /** The error body otherwise. */
  body?: unknown;
}

export class SseStream {
  readonly messages: EventSourceMessage[] = [];
  readonly comments: string[] = [];
  retry: number | null = null;
  /** Resolves when the server ends the stream (or it is closed here). */
  readonly ended: Promise<void>;
  private waiters = new Set<() => void>();
  private done = false;

  constructor(
    private readonly response: Response,
    private readonly controller: AbortController
  ) {
    const parser = createParser({
      onEvent: (message) => {
        this.messages.push(message);
        this.notify();
      },
      onComment: (comment) => {
        this.comments.push(comment);
        this.notify();
      },
      onRetry: (retry) => {
        this.retry = retry;
        this.notify();
      },
    });
    this.ended = (async () => {
      const reader = this.response.body!.getReader();
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
        }
      } catch {
        // Aborted by close(), or the connection dropped: either way the stream is over.
      } finally {
        this.done = true;
        this.notify();
      }
    })();
  }

  /** The `event: ticket` messages, parsed. */
  ticketEvents(): Array<{ id: number; ticketDocumentId: string; number: string; type: string; at: string }> {
    return this.messages.filter((message) => message.event === 'ticket').map((message) => ({ id: Number(message.id), ...JSON.parse(message.data) }));
  }

  /**
   * Waits until `predicate` holds of what was received. The deadline only turns a hang into a failure
   * that shows what did arrive; nothing is asserted about timing.
   */
  async waitFor<T>(predicate: () => T | undefined | null | false, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = predicate();
      if (found) return found;
      if (this.done) throw new Error(`stream ended before ${what}; received ${JSON.stringify(this.messages)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms; received ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, left);
        function wake() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(wake);
      });
    }
  }

  /** Waits for the `event: ticket` message of a ticket that matches. */
  waitForTicketEvent(ticketDocumentId: string, type: string) {
    return this.waitFor(
      () => this.ticketEvents().find((event) => event.ticketDocumentId === ticketDocumentId && event.type === type),
      `${type} of ticket ${ticketDocumentId}`
    );
  }

  async close() {
    this.controller.abort();
    await this.ended;
  }

  private notify() {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }
}

export async function openSse(url: string, options: { token?: string; lastEventId?: number | string } = {}): Promise<SseOpenResult> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: {
      accept: 'text/event-stream',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.lastEventId !== undefined ? { 'last-event-id': String(options.lastEventId) } : {}),
    },
    signal: controller.signal,
  });
  if (response.status !== 200) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, headers: response.headers, body };
  }
  return { status: response.status, headers: response.headers, stream: new SseStream(response, controller) };
}
