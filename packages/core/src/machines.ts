import { adMachine } from './ads/ad-machine.js';
import { chatMachine } from './chats/chat-machine.js';
import { inviteMachine } from './invites/invite-machine.js';
import { moderationMachine } from './moderation/moderation-machine.js';

/** Every transition table by name: each is drawn to `docs/diagrams/<name>.mmd`. */
export const machines = {
  ad: adMachine,
  invite: inviteMachine,
  chat: chatMachine,
  moderation: moderationMachine,
} as const;
