/**
 * Makes `key` of `target` a field computed on first read and kept: an enumerable property like any other (spread,
 * JSON and deep equality see its value), whose cost is paid only by a reader that needs it.
 */
export function lazyField<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  const settle = (value: T[K]) =>
    Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      settle(value);
      return value;
    },
    set(value: T[K]) {
      settle(value);
    },
  });
}
