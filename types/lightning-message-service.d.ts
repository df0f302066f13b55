/** Lightning Message Service: publish and subscribe between components on a page, across the DOM. */
declare module 'lightning/messageService' {
  /** A channel imported from `@salesforce/messageChannel/<Name>__c`. */
  export interface MessageChannel {
    readonly __messageChannel?: never;
  }
  /** What the `MessageContext` wire adapter provides. */
  export interface MessageContextValue {
    readonly __messageContext?: never;
  }
  export interface Subscription {
    readonly __subscription?: never;
  }
  export interface SubscriberOptions {
    readonly scope?: symbol;
  }
  export const APPLICATION_SCOPE: symbol;
  export const MessageContext: WireAdapterConstructor;
  export function publish(
    context: MessageContextValue | undefined,
    channel: MessageChannel,
    message?: object
  ): void;
  export function subscribe(
    context: MessageContextValue | undefined,
    channel: MessageChannel,
    listener: (message: unknown) => void,
    options?: SubscriberOptions
  ): Subscription;
  export function unsubscribe(subscription: Subscription): void;
}

/** Lightning message channels defined under `messageChannels/`. */
declare module '@salesforce/messageChannel/*' {
  import type { MessageChannel } from 'lightning/messageService';

  const channel: MessageChannel;
  export default channel;
}
