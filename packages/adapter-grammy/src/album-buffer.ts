/**
 * What to do with a complete album: its message ids (ascending), the message it replies to, and
 * the captions given with its parts (in the same order; `''` for a part without one).
 *
 * ```ts
 * const deliver: AlbumDelivery = ({ messageIds, replyTo }) => board.receive({ user, messageIds, replyTo });
 * ```
 */
export type AlbumDelivery = (album: {
  readonly messageIds: readonly number[];
  readonly replyTo: number | undefined;
  readonly captions: readonly string[];
}) => Promise<void>;

interface PendingAlbum {
  readonly ids: Set<number>;
  readonly captions: Map<number, string>;
  replyTo: number | undefined;
  timer: NodeJS.Timeout;
  readonly deliver: AlbumDelivery;
}

/**
 * Collects the parts of albums: Telegram sends one update per photo or video, sharing a
 * `media_group_id`. An album is delivered once, `waitMs` after its last part arrived. Handlers
 * return at once, so sequential long polling can fetch the remaining parts meanwhile.
 *
 * ```ts
 * const albums = new AlbumBuffer(500, console.error);
 * albums.add('13570000000000001', 41, undefined, async ({ messageIds }) => relay(messageIds));
 * await albums.flush(); // deliver whatever is pending now (shutdown, tests)
 * ```
 */
export class AlbumBuffer {
  private readonly pending = new Map<string, PendingAlbum>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly waitMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /**
   * Adds a part, with its caption (or whatever the host keeps of it); the first part's `deliver`
   * handles the whole album.
   */
  add(
    groupId: string,
    messageId: number,
    replyTo: number | undefined,
    deliver: AlbumDelivery,
    caption?: string,
  ): void {
    const album = this.pending.get(groupId);
    if (album === undefined) {
      const fresh: PendingAlbum = {
        ids: new Set([messageId]),
        captions: new Map(caption === undefined ? [] : [[messageId, caption]]),
        replyTo,
        timer: this.arm(groupId),
        deliver,
      };
      this.pending.set(groupId, fresh);
      return;
    }
    album.ids.add(messageId);
    if (caption !== undefined) album.captions.set(messageId, caption);
    album.replyTo ??= replyTo;
    clearTimeout(album.timer);
    album.timer = this.arm(groupId);
  }

  /** Albums waiting for more parts. */
  get size(): number {
    return this.pending.size;
  }

  /** Delivers every pending album now and waits for deliveries already under way. */
  async flush(): Promise<void> {
    for (const groupId of [...this.pending.keys()]) this.release(groupId);
    await Promise.all([...this.inFlight]);
  }

  // --- Internal helpers ---

  private arm(groupId: string): NodeJS.Timeout {
    return setTimeout(() => this.release(groupId), this.waitMs);
  }

  private release(groupId: string): void {
    const album = this.pending.get(groupId);
    if (album === undefined) return;
    this.pending.delete(groupId);
    clearTimeout(album.timer);
    const messageIds = [...album.ids].sort((a, b) => a - b);
    const captions = messageIds.map((id) => album.captions.get(id) ?? '');
    const run = album
      .deliver({ messageIds, replyTo: album.replyTo, captions })
      .catch(this.onError)
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }
}
