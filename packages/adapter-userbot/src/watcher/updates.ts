// The GramJS updates the watcher listens to, turned into four plain callbacks so the rest of the
// watcher knows nothing of GramJS's event builders. Nothing is called once `signal` is aborted.
import { Api, type TelegramClient } from 'telegram';
import { EditedMessage, type EditedMessageEvent } from 'telegram/events/EditedMessage.js';
import { NewMessage, type NewMessageEvent, Raw } from 'telegram/events/index.js';
import { UpdateConnectionState } from 'telegram/network/index.js';

export interface UpdateHandlers {
  onMessage(message: Api.Message): void;
  onEdit(message: Api.Message): void;
  /** The connection is back after it was down: updates in between were lost. */
  onReconnect(): void;
  /** Telegram skipped updates of this channel (ref `-100…`). */
  onChannelTooLong(ref: string): void;
}

/** Adds the handlers to the client; returns the function that removes them. */
export function subscribeUpdates(
  client: TelegramClient,
  signal: AbortSignal,
  handlers: UpdateHandlers,
): () => void {
  let wasDown = false;
  const onNewMessage = (event: NewMessageEvent): void => {
    if (!signal.aborted) handlers.onMessage(event.message);
  };
  const onEditedMessage = (event: EditedMessageEvent): void => {
    if (!signal.aborted) handlers.onEdit(event.message);
  };
  const onConnection = (update: unknown): void => {
    if (signal.aborted) return;
    if (update instanceof UpdateConnectionState) {
      if (update.state !== UpdateConnectionState.connected) {
        wasDown = true;
      } else if (wasDown) {
        wasDown = false;
        handlers.onReconnect();
      }
    } else if (update instanceof Api.UpdateChannelTooLong) {
      handlers.onChannelTooLong(`-100${update.channelId.toString()}`);
    }
  };
  const newMessages = new NewMessage({});
  const editedMessages = new EditedMessage({});
  const connection = new Raw({ types: [UpdateConnectionState, Api.UpdateChannelTooLong] });
  client.addEventHandler(onNewMessage, newMessages);
  client.addEventHandler(onEditedMessage, editedMessages);
  client.addEventHandler(onConnection, connection);
  return () => {
    client.removeEventHandler(onNewMessage, newMessages);
    client.removeEventHandler(onEditedMessage, editedMessages);
    client.removeEventHandler(onConnection, connection);
  };
}
