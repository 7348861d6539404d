/*
 * V8 keeps an object's shape (its hidden class) alive only while some object has it: the shapes a class's
 * instances pass through as their fields are set hang off the class by weak links. A hot function made optimized
 * code that checks those shapes; when a full GC finds no instance alive (between two documents, in a worker's
 * periodic mark-compact), the shapes die and the optimized code of every function that had seen them is thrown
 * away ("weak objects" in `--trace-deopt`) and compiled again on the next documents. Holding the latest instance
 * of each short-lived class that hot code makes per document keeps its shapes, and that code, alive.
 */
const held = new Map<string, object>();

/**
 * Keep `instance` reachable until the next instance of the same `kind` replaces it (see above).
 *
 * @param kind the class's name
 * @param instance its latest instance (read only by V8, never by khabar)
 * @example holdShape("Finder", finder)
 */
export function holdShape(kind: string, instance: object): void {
  held.set(kind, instance);
}
