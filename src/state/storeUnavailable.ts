/**
 * The shared store (Redis) cannot be reached: the turn cannot read or commit its state. The bot answers
 * "temporarily unavailable" and retries nothing itself; the client reconnects in the background.
 */
export class StoreUnavailableError extends Error {
  constructor(operation: string, cause: unknown) {
    super(
      `shared store unavailable during ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'StoreUnavailableError';
  }
}

/** Runs one store operation; any failure of the client becomes a StoreUnavailableError. */
export async function storeCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new StoreUnavailableError(operation, error);
  }
}
