/**
 * @module store/sqlite/row-sink
 * Wide rows out of SQLite, cheaply. better-sqlite3 12 on Node 20 builds every
 * result row with one V8 `Set` call per column (about 0.15 µs each): for the
 * 36 columns of an event that was most of the cost of a large answer (a
 * bounding box over Damascus returns 13,000 events). A SQL function, instead,
 * receives all its arguments in one call. So `events()` selects
 * `sitrep_event(<every column>)`: the function builds the event from its
 * arguments and puts it here, and the statement returns only a ticket, in the
 * statement's order.
 *
 * When the statement sorts, SQLite computes every row before it returns the
 * first, so the built events wait here until their ticket comes up. Past `cap`
 * waiting events, {@link RowSink.put} keeps nothing and returns the row's id
 * negated; the caller reads that row again by id. Memory therefore stays
 * bounded for an export of any size.
 */
export class RowSink<T> {
  private waiting: (T | undefined)[] = [];
  private held = 0;

  /**
   * @param build turns the function's arguments into the value (the first argument is the row id)
   * @param cap most values held at once
   */
  constructor(
    private readonly build: (values: readonly unknown[]) => T,
    private readonly cap: number,
  ) {}

  /**
   * Builds and keeps one row's value.
   * @param values the SQL function's arguments, the row id first
   * @returns a ticket ≥ 0 for {@link take}, or the negated row id when the sink is full
   */
  put(values: readonly unknown[]): number {
    if (this.held >= this.cap) return -Number(values[0]);
    this.held++;
    return this.waiting.push(this.build(values)) - 1;
  }

  /**
   * Hands over (and forgets) a kept value.
   * @param ticket what {@link put} returned
   * @returns the value, or null for a negative ticket (the caller reads row `-ticket` itself)
   */
  take(ticket: number): T | null {
    if (ticket < 0) return null;
    const value = this.waiting[ticket];
    if (value === undefined) throw new Error(`row sink: no value for ticket ${ticket}`);
    this.waiting[ticket] = undefined;
    // all handed over: start again at 0 (an unsorted statement puts and takes one row at a time)
    if (--this.held === 0) this.waiting = [];
    return value;
  }
}
