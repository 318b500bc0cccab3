/** A tiny typed event list: `add` returns the function that removes the listener. */
export class Listeners<T> {
  readonly #set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.#set.add(listener);
    return () => {
      this.#set.delete(listener);
    };
  }

  emit(value: T): void {
    for (const listener of this.#set) {
      try {
        listener(value);
      } catch {
        // One broken listener must not stop the others.
      }
    }
  }
}
