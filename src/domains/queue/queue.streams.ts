import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TicketCall } from './queue.repository.js';
import type { QueueEvent, QueueService, TicketState } from './queue.service.js';

/** What a display receives for a call: numbers and counters only, never personal data. */
export interface CallMessage {
  number: string;
  counter: string;
  calledAt: string;
}

/** What a phone ticket receives: its own state. */
export interface TicketMessage {
  number: string;
  status: string;
  ahead: number;
  estimatedWaitMinutes: number | null;
  counter: string | null;
}

export const toCallMessage = (call: TicketCall): CallMessage => ({
  number: call.number,
  counter: call.counterName,
  calledAt: call.calledAt.toISOString(),
});

export const toTicketMessage = (state: TicketState): TicketMessage => ({
  number: state.ticket.number,
  status: state.ticket.status,
  ahead: state.ahead,
  estimatedWaitMinutes: state.estimatedWaitMinutes ?? null,
  counter: state.counterName ?? null,
});

interface PhoneClient {
  ticketId: string;
  last: string;
}

/** Calls in a display's snapshot: the newest plus the history it shows, recalls included. */
const DISPLAY_HISTORY = 12;
/** Sent every so often so proxies keep the connection and clients notice a dead one. */
const HEARTBEAT_MS = 20_000;
/** Several changes in a burst (a call, then a start) cost one board read per node. */
const CHANGE_DEBOUNCE_MS = 50;

function frame(event: string, data: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The server-sent event streams of one node: call displays and phone tickets per location. Queue events
 * arrive through the event bus (from this node or, via LISTEN/NOTIFY, from any other); each event costs
 * this node one database read, whatever the number of connected screens.
 */
export class QueueStreams {
  private readonly displays = new Map<string, Set<ServerResponse>>();
  private readonly phones = new Map<string, Map<ServerResponse, PhoneClient>>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void>;

  constructor(private readonly queue: QueueService) {
    this.unsubscribe = [
      queue.subscribe((event) => {
        void this.onEvent(event).catch(() => {});
      }),
      queue.onGap(() => {
        // Events may have been lost: displays re-read their history, phones their state.
        for (const locationId of new Set([...this.displays.keys(), ...this.phones.keys()])) {
          void this.resyncDisplays(locationId).catch(() => {});
          this.scheduleChange(locationId);
        }
      }),
    ];
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Connected clients (metrics, benchmark). */
  get size(): { displays: number; phones: number } {
    let displays = 0;
    let phones = 0;
    for (const set of this.displays.values()) displays += set.size;
    for (const map of this.phones.values()) phones += map.size;
    return { displays, phones };
  }

  /** Streams the calls of a location: first a snapshot of the latest calls, then each new call. */
  async attachDisplay(request: FastifyRequest, reply: FastifyReply, locationId: string): Promise<void> {
    const raw = openEventStream(request, reply);
    let set = this.displays.get(locationId);
    if (!set) {
      set = new Set();
      this.displays.set(locationId, set);
    }
    set.add(raw);
    raw.on('close', () => {
      set.delete(raw);
      if (set.size === 0) this.displays.delete(locationId);
    });
    const calls = await this.queue.recentCalls(locationId, DISPLAY_HISTORY);
    raw.write(frame('snapshot', calls.map(toCallMessage)));
  }

  /** Streams one ticket's state: now, then whenever it changes. */
  async attachTicket(request: FastifyRequest, reply: FastifyReply, state: TicketState): Promise<void> {
    const raw = openEventStream(request, reply);
    const locationId = state.ticket.locationId;
    let map = this.phones.get(locationId);
    if (!map) {
      map = new Map();
      this.phones.set(locationId, map);
    }
    const message = JSON.stringify(toTicketMessage(state));
    map.set(raw, { ticketId: state.ticket.id, last: message });
    raw.on('close', () => {
      map.delete(raw);
      if (map.size === 0) this.phones.delete(locationId);
    });
    raw.write(`event: ticket\ndata: ${message}\n\n`);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const off of this.unsubscribe) off();
    for (const set of this.displays.values()) for (const raw of set) raw.end();
    for (const map of this.phones.values()) for (const raw of map.keys()) raw.end();
  }

  private async onEvent(event: QueueEvent): Promise<void> {
    if (event.type === 'call') {
      const hasDisplays = this.displays.has(event.locationId);
      const hasPhones = this.phones.has(event.locationId);
      if (!hasDisplays && !hasPhones) return;
      if (hasDisplays) {
        const call = await this.queue.findCall(event.callId);
        if (call) {
          const text = frame('call', toCallMessage(call), call.id);
          for (const raw of this.displays.get(event.locationId) ?? []) raw.write(text);
        }
      }
    }
    // A call moves everybody behind it up: phones are brought up to date at once after a call (the
    // called person is waiting for it), shortly after other changes (several come in a burst).
    this.scheduleChange(event.locationId, event.type === 'call' ? 0 : CHANGE_DEBOUNCE_MS);
  }

  private scheduleChange(locationId: string, delay = CHANGE_DEBOUNCE_MS): void {
    if (!this.phones.has(locationId)) return;
    const pending = this.pending.get(locationId);
    if (pending && delay > 0) return;
    clearTimeout(pending);
    const timer = setTimeout(() => {
      this.pending.delete(locationId);
      void this.pushTickets(locationId).catch(() => {});
    }, delay);
    this.pending.set(locationId, timer);
  }

  private async pushTickets(locationId: string): Promise<void> {
    const clients = this.phones.get(locationId);
    if (!clients) return;
    const board = await this.queue.board(locationId);
    for (const [raw, client] of clients) {
      let state = board.states.get(client.ticketId);
      if (!state) {
        // The ticket left the open list (done, no-show): its final state is sent once.
        const ticket = await this.queue.findById(client.ticketId);
        state = { ticket, ahead: 0, estimatedWaitMinutes: undefined, counterName: undefined };
      }
      const message = JSON.stringify(toTicketMessage(state));
      if (message === client.last) continue;
      client.last = message;
      raw.write(`event: ticket\ndata: ${message}\n\n`);
    }
  }

  private async resyncDisplays(locationId: string): Promise<void> {
    const set = this.displays.get(locationId);
    if (!set) return;
    const text = frame(
      'snapshot',
      (await this.queue.recentCalls(locationId, DISPLAY_HISTORY)).map(toCallMessage),
    );
    for (const raw of set) raw.write(text);
  }

  private beat(): void {
    for (const set of this.displays.values()) for (const raw of set) raw.write(': keep-alive\n\n');
    for (const map of this.phones.values()) for (const raw of map.keys()) raw.write(': keep-alive\n\n');
  }
}

/** Takes the response over from Fastify and starts an event stream on it (the benchmark's baseline too). */
export function openEventStream(request: FastifyRequest, reply: FastifyReply): ServerResponse {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    // Reverse proxies (nginx) must pass events through at once.
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  // Clients reconnect after 2 s when the connection drops (EventSource's retry).
  raw.write('retry: 2000\n\n');
  request.raw.socket.setKeepAlive(true);
  request.raw.socket.setNoDelay(true);
  return raw;
}
