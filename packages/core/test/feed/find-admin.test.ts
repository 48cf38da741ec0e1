import { createFeed, MemoryStorage } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { feedSetup } from './helpers.js';

describe('feed.findAdmin', () => {
  it('finds an admin by platform id, and nobody else', async () => {
    const { feed, anna, reader } = await feedSetup();
    expect((await feed.findAdmin({ platformId: anna.platformId }))?.id).toBe(anna.id);
    expect(await feed.findAdmin({ platformId: reader.platformId })).toBeUndefined();
  });

  it('stores nobody when a stranger asks', async () => {
    const storage = new MemoryStorage();
    const feed = createFeed({ storage });
    expect(await feed.findAdmin({ platformId: '999' })).toBeUndefined();
    expect(await storage.transaction((tx) => tx.users.getByPlatformId('999'))).toBeUndefined();
    const created = await feed.identify({ platformId: '999' });
    await feed.configure({ admins: [created.id] });
    expect((await feed.findAdmin({ platformId: '999' }))?.id).toBe(created.id);
  });

  it('an admin removed from the settings is no longer found', async () => {
    const { feed, anna, boris } = await feedSetup();
    await feed.configure({ admins: [boris.id] });
    expect(await feed.findAdmin({ platformId: anna.platformId })).toBeUndefined();
  });
});
