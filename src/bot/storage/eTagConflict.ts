/** A write whose eTag is not the stored item's any more: another turn saved in between. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/** A save rejected as stale, by our storages or by botbuilder's MemoryStorage (which throws a plain Error). */
export function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /due to eTag conflict/.test(error.message);
}
