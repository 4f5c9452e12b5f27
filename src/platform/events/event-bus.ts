import { EventEmitter } from 'node:events';
import pg from 'pg';

/** A message handler; `payload` is the string given to publish. */
export type EventHandler = (payload: string) => void;

/**
 * Events between the app's parts and between app nodes: capacity changes (read caches drop their copy),
 * queue calls (displays and phone tickets). Payloads carry IDs only, never personal data, and stay
 * under PostgreSQL's NOTIFY limit, so the same code runs on one PGlite process and on several nodes.
 */
export interface EventBus {
  publish(channel: string, payload: string): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(channel: string, handler: EventHandler): () => void;
  /**
   * Called when events may have been missed (the listening connection was lost and is back):
   * subscribers that cache drop their caches, streams re-read their state.
   */
  onGap(handler: () => void): () => void;
  /** Resolves once the subscriptions made so far receive events from every node. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** NOTIFY refuses payloads of 8,000 bytes and more; keep a margin for the channel name. */
export const MAX_PAYLOAD_BYTES = 7_900;
const channelPattern = /^[a-z][a-z0-9_]{0,62}$/;

function check(channel: string, payload: string): void {
  if (!channelPattern.test(channel)) throw new Error(`invalid event channel "${channel}"`);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
    throw new Error(`event payload on "${channel}" exceeds ${MAX_PAYLOAD_BYTES} bytes`);
  }
}

/** One process (PGlite): an in-process emitter; delivery is immediate and nothing can be missed. */
export class LocalEventBus implements EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  async publish(channel: string, payload: string): Promise<void> {
    check(channel, payload);
    // Asynchronous like NOTIFY: a handler never runs inside the publisher's call stack.
    queueMicrotask(() => this.emitter.emit(channel, payload));
  }

  subscribe(channel: string, handler: EventHandler): () => void {
    check(channel, '');
    this.emitter.on(channel, handler);
    return () => this.emitter.off(channel, handler);
  }

  onGap(_handler: () => void): () => void {
    return () => {};
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export interface PostgresEventBusOptions {
  /** Sends NOTIFY through the app's pool. */
  pool: pg.Pool;
  /** The listening connection is a separate, long-lived client. */
  connectionString: string;
  /** First delay before reconnecting; doubles up to 5 s. */
  retryMs?: number;
}

/**
 * Several nodes on PostgreSQL: LISTEN on one dedicated connection per node, NOTIFY through the pool.
 * Every node (the publishing one included) receives each event from PostgreSQL, so all nodes see the
 * same events in the same order. A lost connection is re-opened with back-off; afterwards the gap
 * handlers run, because notifications sent in between are gone.
 */
export class PostgresEventBus implements EventBus {
  private readonly local = new EventEmitter();
  private readonly gapHandlers = new Set<() => void>();
  private readonly channels = new Set<string>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;
  private retryMs: number;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Set while the listening connection is down, so the next connect reports a gap. */
  private wasLost = false;
  /** LISTEN commands sent but not yet answered (ready() waits for them). */
  private readonly listening = new Set<Promise<void>>();

  constructor(private readonly options: PostgresEventBusOptions) {
    this.local.setMaxListeners(0);
    this.retryMs = options.retryMs ?? 100;
  }

  async publish(channel: string, payload: string): Promise<void> {
    check(channel, payload);
    await this.options.pool.query('select pg_notify($1, $2)', [channel, payload]);
  }

  subscribe(channel: string, handler: EventHandler): () => void {
    check(channel, '');
    this.local.on(channel, handler);
    if (!this.channels.has(channel)) {
      this.channels.add(channel);
      const listening = this.listen(channel).finally(() => this.listening.delete(listening));
      this.listening.add(listening);
    }
    return () => this.local.off(channel, handler);
  }

  onGap(handler: () => void): () => void {
    this.gapHandlers.add(handler);
    return () => this.gapHandlers.delete(handler);
  }

  async ready(): Promise<void> {
    if (this.channels.size === 0) return;
    // `listen` resolves only when the LISTEN commands have run on a connected client.
    for (;;) {
      await this.connect().catch(() => {});
      if (this.closed) return;
      if (this.client) {
        await Promise.all([...this.listening]);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.local.removeAllListeners();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async listen(channel: string): Promise<void> {
    try {
      await this.connect();
      await this.client?.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch {
      // The reconnect (scheduled by the client's error handler) listens on every channel again.
    }
  }

  private connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async open(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.options.connectionString });
    client.on('notification', (message) => {
      this.local.emit(message.channel, message.payload ?? '');
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.channels) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
      this.lost(client);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    const reconnected = this.wasLost;
    this.client = client;
    this.wasLost = false;
    this.retryMs = this.options.retryMs ?? 100;
    if (reconnected) for (const handler of this.gapHandlers) handler();
  }

  private lost(client: pg.Client): void {
    if (this.client && this.client !== client) return;
    this.client = undefined;
    if (this.closed || this.retryTimer) return;
    this.wasLost = true;
    // Until we listen again, anything may have changed: tell the caches at once, too.
    for (const handler of this.gapHandlers) handler();
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect().catch(() => {});
    }, delay);
    this.retryTimer.unref();
  }
}
