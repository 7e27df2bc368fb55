/**
 * @module code/control
 * Territorial control changes: who took which place from whom, and how long
 * the loser had held it ("had been in the hands of rebels since 2014").
 * Derived from the article's territorial events that are not background.
 */
import type { ControlChange, Evidence, SubEventType } from '../domain/types.js';
import type { Analysis, DateRef } from './analysis.js';
import type { EventMention } from './coder.js';
import { coderPattern } from './coder-words.js';
import { distanceKm } from '../place/distance.js';

const TERRITORY = new Set<SubEventType>(['Government regains territory', 'Non-state actor overtakes territory', 'Non-violent transfer of territory']);
/** "had been in the hands of rebels since": how long the loser held the place (`data/lexicons/coder-words.yaml`). */
const HELD = coderPattern('held-since');

/** "the town", "this city", "it": a sentence about the place the sentence before named. */
const THE_PLACE = coderPattern('held-place-anaphor');

/** "since 2014" → "2014"; "since the first days of March" (2022) → "2022-03". */
function heldSince(ref: DateRef): string | null {
  const d = ref.earliest ?? ref.date;
  if (!d) return null;
  if (ref.kind === 'year' || /^\s*since\s+\d{4}\s*$/i.test(ref.text)) return d.slice(0, 4);
  return d.slice(0, 7);
}

function findHeldSince(a: Analysis, m: EventMention): { value: string; evidence: Evidence } | null {
  const name = m.place?.text.toLowerCase() || m.place?.place?.name.toLowerCase() || null;
  if (!name) return null;
  const mentions = (i: number) => a.sentences[i] !== undefined && a.text.slice(a.sentences[i]!.start, a.sentences[i]!.end).toLowerCase().includes(name);
  // Sentences about this place, nearest to the event's own sentence first.
  const order = a.sentences.map((x) => x.index).sort((x, y) => Math.abs(x - m.sentence.index) - Math.abs(y - m.sentence.index));
  for (const i of order) {
    const cand = a.sentences[i]!;
    const body = a.text.slice(cand.start, cand.end);
    const hm = HELD.exec(body);
    if (!hm) continue;
    // About this place: it names it, or says "the town"/"it" right after a sentence that does.
    const about = mentions(i) || (mentions(i - 1) && THE_PLACE.test(body));
    if (!about) continue;
    const sinceAt = cand.start + hm.index + hm[0].length - 'since'.length;
    const ref = cand.dates.find((d) => d.start >= sinceAt - 1 && d.start <= sinceAt + 40) ??
      cand.dates.find((d) => d.kind === 'since' && d.start >= cand.start + hm.index);
    if (!ref) continue;
    const value = heldSince(ref);
    if (value) return { value, evidence: { field: 'held_since', start: ref.start, end: ref.end, text: ref.text } };
  }
  return null;
}

/** "Islamic State seized Mosul on June 10, 2014": the loser has held the place since its own capture of it. */
function heldSinceCapture(events: EventMention[], m: EventMention, from: string | null): { value: string; evidence: Evidence } | null {
  const p = m.place?.place;
  if (!p || !from) return null;
  const earlier = events
    .filter((e) => e !== m && e.historical && (e.sub === 'Non-state actor overtakes territory' || e.sub === 'Government regains territory') &&
      e.actor1.name === from && e.place?.place && e.date && (e.place.place.geonameid === p.geonameid || distanceKm(e.place.place.latitude, e.place.place.longitude, p.latitude, p.longitude) < 10))
    .sort((x, y) => (y.date! < x.date! ? -1 : 1))[0];
  if (!earlier?.date) return null;
  const value = earlier.timePrecision === 3 && earlier.dateRef?.kind === 'year' ? earlier.date.slice(0, 4) : earlier.date.slice(0, 7);
  const ev = earlier.evidence.find((e) => e.field === 'event_date') ?? earlier.evidence[0]!;
  return { value, evidence: { ...ev, field: 'held_since' } };
}

/**
 * Control changes implied by an article's territorial events.
 * @param a the analysed article
 * @param events merged event mentions
 * @param opposite the most-mentioned actor of the other camp, for withdrawals that name no receiver
 */
export function controlChanges(a: Analysis, events: EventMention[], opposite: (m: EventMention) => string | null): ControlChange[] {
  const out: ControlChange[] = [];
  for (const m of events) {
    if (!TERRITORY.has(m.sub) || m.historical || !m.place?.place) continue;
    const p = m.place.place;
    if (p.feature_code.startsWith('A.PCL')) continue;
    let to: string | null;
    let from: string | null;
    if (m.sub === 'Non-violent transfer of territory') {
      from = m.actor1.name;
      to = m.actor2?.name ?? opposite(m);
    } else {
      to = m.actor1.name;
      from = m.actor2?.name ?? opposite(m);
    }
    if (!to) continue;
    // The loser is never the winner, nor civilians: fall back to the other camp.
    if (from === to || (m.actor2 && m.actor2.inter === 7 && from === m.actor2.name)) from = opposite(m);
    if (from === to) from = null;
    const held = findHeldSince(a, m) ?? heldSinceCapture(events, m, from);
    const evidence = m.evidence.filter((e) => e.field === 'sub_event_type' || e.field === 'location' || e.field === 'actor1');
    if (held) evidence.push(held.evidence);
    const dup = out.find((c) => c.geonameid === p.geonameid && c.date === m.date && c.to_actor === to);
    if (dup) {
      dup.held_since ??= held?.value ?? null;
      dup.evidence.push(...evidence);
      continue;
    }
    out.push({
      location: p.name,
      latitude: p.latitude,
      longitude: p.longitude,
      geonameid: p.geonameid,
      date: m.date,
      from_actor: from,
      to_actor: to,
      held_since: held?.value ?? null,
      evidence,
    });
  }
  return out;
}
