/** Built on first use, so importing an app has no side effects (tests, bundling) and configuration is read when it is there. */
export function lazy<T>(factory: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= factory());
}
