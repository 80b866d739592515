import { StreamEvent } from '@execops/contract';
import { API_BASE } from '../api/client.ts';
import { currentTenant, onTenantChange } from '../tenant/current-tenant.ts';

export type LiveListener = (event: StreamEvent) => void;
export type LiveStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';

/**
 * The tab's one connection to `GET /api/v1/events` (SPEC §8: one SSE connection per tab). Pages subscribe to topics
 * (`jobs`, or `jobs:<id>` for one subject); the stream carries the union of them. When that union changes, the
 * stream is reopened after the last event seen, so a page never misses what happened in between.
 */
class LiveEvents {
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private readonly statusListeners = new Set<() => void>();
  private source: EventSource | undefined;
  /** The tenant and topics the open stream follows (`tenant|topics`); a change of either reopens it. */
  private openStream = '';
  private lastEventId: string | undefined;
  private syncQueued = false;
  status: LiveStatus = 'idle';

  constructor() {
    onTenantChange(() => this.switchTenant());
  }

  subscribe(topic: string, listener: LiveListener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    this.queueSync();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(topic);
      this.queueSync();
    };
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Subscriptions often change several at a time during one render; reopen once after them. */
  private queueSync(): void {
    if (this.syncQueued) return;
    this.syncQueued = true;
    queueMicrotask(() => {
      this.syncQueued = false;
      this.sync();
    });
  }

  /** Another tenant's stream starts from its own present: nothing of the previous tenant's position carries over. */
  private switchTenant(): void {
    this.lastEventId = undefined;
    this.sync();
  }

  private sync(): void {
    const topics = [...this.listeners.keys()].sort().join(',');
    const tenant = currentTenant();
    if (`${tenant}|${topics}` === this.openStream) return;
    this.source?.close();
    this.source = undefined;
    this.openStream = `${tenant}|${topics}`;
    if (topics === '') {
      this.setStatus('idle');
      return;
    }
    const params = new URLSearchParams({ topics, tenant });
    if (this.lastEventId) params.set('lastEventId', this.lastEventId);
    const source = new EventSource(`${API_BASE}/events?${params.toString()}`);
    this.source = source;
    this.setStatus('connecting');
    source.onopen = () => this.setStatus('open');
    // EventSource reconnects by itself (the server asks for 2 s) and sends Last-Event-ID then.
    source.onerror = () => this.setStatus(source.readyState === EventSource.CLOSED ? 'idle' : 'reconnecting');
    source.onmessage = (message: MessageEvent<string>) => this.dispatch(message);
  }

  private dispatch(message: MessageEvent<string>): void {
    if (message.lastEventId) this.lastEventId = message.lastEventId;
    let event: StreamEvent;
    try {
      event = StreamEvent.parse(JSON.parse(message.data));
    } catch {
      return;
    }
    for (const topic of [event.topic, `${event.topic}:${event.subjectId}`]) {
      for (const listener of this.listeners.get(topic) ?? []) listener(event);
    }
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }
}

export const liveEvents = new LiveEvents();
