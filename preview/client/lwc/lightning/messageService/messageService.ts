/**
 * `lightning/messageService` for the preview: Lightning Message Service between components on the page,
 * in the browser (publish, subscribe, unsubscribe, MessageContext, APPLICATION_SCOPE).
 */
type Listener = (message: unknown) => void;

interface Subscription {
  readonly channel: string;
  readonly listener: Listener;
}

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');

const subscriptions = new Set<Subscription>();

function channelName(channel: unknown): string {
  return typeof channel === 'object' && channel !== null && 'channelName' in channel
    ? String((channel as { channelName: string }).channelName)
    : String(channel);
}

export function createMessageContext(): object {
  return {};
}

export function releaseMessageContext(): void {}

export function publish(_context: unknown, channel: unknown, message?: unknown): void {
  for (const subscription of [...subscriptions]) {
    if (subscription.channel === channelName(channel)) subscription.listener(message);
  }
}

export function subscribe(_context: unknown, channel: unknown, listener: Listener): Subscription {
  const subscription = { channel: channelName(channel), listener };
  subscriptions.add(subscription);
  return subscription;
}

export function unsubscribe(subscription: Subscription | null | undefined): void {
  if (subscription) subscriptions.delete(subscription);
}

class MessageContextAdapter {
  private readonly callback: (value: object) => void;

  constructor(callback: (value: object) => void) {
    this.callback = callback;
  }

  connect(): void {}

  disconnect(): void {}

  update(): void {
    this.callback(createMessageContext());
  }
}

export const MessageContext = MessageContextAdapter;
