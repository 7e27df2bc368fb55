/**
 * @module store/dump
 * The whole content of a store as one plain object, through the public
 * {@link Store} interface: for comparing two stores (crash-safety tests,
 * migrations between implementations). Clock-dependent fields
 * (`updated_at`) are left out, so two stores built from the same input in
 * the same order dump equal.
 */
import type { Store } from './store.js';

/** Everything a store holds, in a canonical order. */
export interface StoreDump {
  articles: unknown[];
  events: unknown[];
  control: unknown[];
  claims: unknown[];
  failed: unknown[];
}

/**
 * @param store an open store
 * @returns its content, ids included, clock fields excluded
 */
export async function dumpStore(store: Store): Promise<StoreDump> {
  const articles: unknown[] = [];
  for await (const a of store.articles()) articles.push(a);
  const events: unknown[] = [];
  for await (const e of store.events()) {
    const d = (await store.event(e.id))!;
    const { updated_at: _u, ...event } = d.event;
    events.push({ event, reports: d.reports });
  }
  const control: unknown[] = [];
  for (const p of await store.controlPlaces()) control.push(...(await store.controlChanges({ name: p.key })));
  return { articles, events, control, claims: await store.claims(), failed: await store.failedImports() };
}
