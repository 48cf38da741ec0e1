import { adMachine } from '../ads/ad-machine.js';
import { chatMachine } from '../chats/chat-machine.js';
import type { UserId } from '../ids.js';
import { inviteMachine } from '../invites/invite-machine.js';
import { advance } from '../machine/machine.js';
import type { Repositories } from '../ports/storage.js';
import type { Emit } from '../shell/context.js';

/**
 * Bans a person from the board inside `tx`: every chat of theirs ends (the other sides are told),
 * their open ads are taken down, their pending invites end, and every later action of theirs is
 * refused. They are told once.
 */
export async function banUserIn(
  tx: Repositories,
  emit: Emit,
  now: number,
  user: UserId,
): Promise<void> {
  const person = await tx.users.get(user);
  // A report's subject who forgot is a ghost: the ban waits in their tombstone.
  if (person === undefined) await tx.tombstones.banGhost(user);
  if (person === undefined || person.banned) return;
  await tx.users.update(user, { banned: true, draftAdId: null });
  await closeEverythingOf(tx, emit, now, user, 'moderate');
  emit([{ type: 'notify', to: user, text: 'report.bannedYou' }]);
}

/**
 * Ends a person's presence: chats end (by a moderator, or as if they ended them), open ads are
 * taken down, pending invites to and from them end. Used by a ban and by forgetting.
 */
export async function closeEverythingOf(
  tx: Repositories,
  emit: Emit,
  now: number,
  user: UserId,
  how: 'moderate' | 'end',
): Promise<void> {
  for (const chat of await tx.chats.listActiveFor(user)) {
    const event =
      how === 'moderate'
        ? ({ type: 'moderate', banned: user, at: now } as const)
        : ({ type: 'end', by: user, at: now } as const);
    const { state, effects } = advance(chatMachine, chat, event);
    if (await tx.chats.update(state, 'active')) {
      // Ending for a forgotten person: only the other side is told (the person is gone).
      emit(how === 'end' ? effects.filter((e) => !('to' in e) || e.to !== user) : effects);
    }
  }
  for (
    let page = await tx.ads.list({ authorId: user, status: 'open', limit: 100 });
    page.length > 0;
    page = await tx.ads.list({ authorId: user, status: 'open', limit: 100 })
  ) {
    for (const ad of page) {
      const { state } = advance(adMachine, ad, { type: 'takeDown', at: now });
      await tx.ads.update(state, 'open');
    }
  }
  for (const invite of await tx.invites.listPendingFor(user, 10_000)) {
    const { state } = advance(inviteMachine, invite, { type: 'cancel', at: now });
    await tx.invites.update(state, 'pending');
  }
}
