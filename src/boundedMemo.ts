/**
 * Values that depend on their key alone, remembered for at most `max` keys. When full it starts again empty
 * rather than track use: the keys that come often (words users write, strings the bot sends) are back within
 * a few messages, and a flood of new keys costs `max` entries at the most.
 */
export class BoundedMemo<K, V> {
  private readonly values = new Map<K, V>();

  constructor(private readonly max: number) {}

  /** The value remembered for `key`, else `make(key)` (remembered, `undefined` included). */
  get(key: K, make: (key: K) => V): V {
    if (this.values.has(key)) return this.values.get(key) as V;
    const value = make(key);
    if (this.values.size >= this.max) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}
