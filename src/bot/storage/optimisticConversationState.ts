import { ConversationState, type Storage, type StoreItems, type TurnContext } from 'botbuilder';

/**
 * ConversationState whose saves carry the eTag the state was read with. botbuilder's BotState always
 * saves with eTag "*" (last writer wins); here a save that comes after another turn's save of the same
 * conversation is rejected by the storage (eTag conflict) instead of silently erasing that turn's
 * changes. The ConversationLock keeps turns apart; this catches a turn that outlived its lock.
 */
export class OptimisticConversationState extends ConversationState {
  private readonly readETags: WeakMap<object, string>;

  constructor(storage: Storage) {
    const readETags = new WeakMap<object, string>();
    super(new ReadETagStorage(storage, readETags));
    this.readETags = readETags;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const state = this.get(context) as { eTag?: string } | undefined;
    // BotState is about to overwrite the eTag with "*": remember the one it was read with.
    if (state?.eTag && state.eTag !== '*') this.readETags.set(state, state.eTag);
    await super.saveChanges(context, force);
  }
}

/** Puts the remembered read eTag back on the item BotState writes. */
class ReadETagStorage implements Storage {
  constructor(
    private readonly storage: Storage,
    private readonly readETags: WeakMap<object, string>,
  ) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.storage.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    const items = Object.entries(changes);
    const withReadETags = items.map(([key, item]) => {
      const eTag = this.readETags.get(item);
      return [key, eTag ? { ...item, eTag } : item] as const;
    });
    await this.storage.write(Object.fromEntries(withReadETags));
    for (const [, item] of items) this.readETags.delete(item);
  }

  delete(keys: string[]): Promise<void> {
    return this.storage.delete(keys);
  }
}
