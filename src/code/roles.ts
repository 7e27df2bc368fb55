/**
 * @module code/roles
 * Who did what to whom: actor1 (agent) and actor2 (target) around a trigger, states named
 * by an adjective ("Russian shelling"), backers kept apart from agents.
 */
import type { ActorMention } from './actors.js';
import type { Sentence } from './analysis.js';
import { coderPattern } from './coder-words.js';
import type { CodedActor, CoderDeps } from './coder.js';
import type { TriggerMatch } from './triggers.js';

// Word lists are data (`data/lexicons/coder-words.yaml`, by entry id); grammar (prepositions, "by", "and") stays here.
/** A preposition right before a country's name: a place, not an actor. */
const LOCATIVE = /(?:\b(?:in|into|across|from|of|to|near|throughout|within|inside|outside|around|towards|toward|on|at)\s+(?:the\s+)?)$/i;

/** A trigger that ends on the place the side it names was driven from ("expelled from", "driven out of"). */
export const ENDS_ON_FROM = /\b(?:from|out of)$/i;
/** A passive auxiliary right before the trigger ("were expelled"). */
const PASSIVE_AUX_BEFORE = /\b(?:been|was|were|being|is|are)\s+$/i;
/** A passive agent: "by" (and an article) after up to six words past the trigger. */
const PASSIVE_BY = /^\s*(?:\S+\s+){0,6}?by\s+(?:the\s+|a\s+|an\s+)?$/i;

/** A participle whose "by" phrase describes a noun, not the trigger ("positions held by the army"). */
const REDUCED_RELATIVE = coderPattern('reduced-relative');

/** Only "and" (or ", and then") between an object and the trigger: a second verb of the same subject. */
const COORDINATED = /^\s*,?\s+and\s+(?:then\s+|later\s+|also\s+)?$/i;

/** "backed by", "alongside" and up to four words of a name before an actor: its backer, not the agent. */
const BACKING_BEFORE = coderPattern('backing-before');

/** A site noun right after an actor's name: the name modifies a place ("police station", "army post"). */
const SITE_AFTER = coderPattern('site-after');
/**
 * A clause set off by commas right before the trigger: ", after exchanging fire with the police, ", also after a first
 * verb phrase of the same subject ("entered the town and, after exchanging fire with the police, took control").
 */
const INSERTED_CLAUSE = /^(?:\s+[^,;.:]*?\band)?\s*,\s*(?:after|before|while|when|following|despite|having|during|amid|in)\b[^,;.:]*,\s*(?:[a-z]+\s+){0,2}$/i;
/**
 * "killed two Islamic State militants in a drone strike": an actor after a verb of violence and before "in a" /
 * "with" the trigger is the verb's object, the target; its subject is the agent.
 */
const VIOLENCE_VERB_BEFORE = coderPattern('violence-verb-before');
const MEANS_BEFORE_TRIGGER = /^\s+(?:[\w'’-]+\s+){0,2}?(?:in|with|using|through)\s+(?:an?|the|two|three|several|multiple|\d+)?\s*$/i;

/** Trigger sub-types that report a change of territorial control. */
const TERRITORY_SUBS = new Set<string>(['territory', 'Government regains territory', 'Non-state actor overtakes territory', 'Non-violent transfer of territory']);

/**
 * The coded actor of a mention in an event in country `cc` on `date`: an alias several groups share
 * ("SNA") is the group of the event's country, a group ACLED recoded at a date is named as it was then.
 */
export function actorFrom(deps: CoderDeps, mention: ActorMention, cc: string | null, date: string | null = null): CodedActor {
  const m = deps.actors.resolve(mention, cc, date);
  return { name: deps.actors.name(m, cc), inter: m.entry.inter, mention: m };
}

export function genericActor(deps: CoderDeps, id: string, cc: string | null): CodedActor | null {
  const e = deps.actors.generic(id);
  if (!e) return null;
  const mention: ActorMention = { start: 0, end: 0, text: '', entry: e, cc, backer: null, state: false };
  return { name: deps.actors.name(mention, cc), inter: e.inter, mention: null };
}

/** Actor mentions that can play a role (a country after "in" is a place, not an actor). */
function roleActors(text: string, s: Sentence): ActorMention[] {
  return s.actors.filter((a) => {
    if (!a.state) return true;
    const before = text.slice(Math.max(s.start, a.start - 20), a.start);
    return !LOCATIVE.test(before);
  });
}

/** Picks actor1 (agent) and actor2 (target) around a trigger. */
export function pickRoles(text: string, s: Sentence, t: TriggerMatch): { a1: ActorMention | null; a2: ActorMention | null; rule: string } {
  const actors = roleActors(text, s);
  // Passive: "... was attacked by gunmen" → the agent follows "by"; "the town fell to the rebels" → after "to".
  const fellTo = /\b(?:fell|fallen|falls?|loss)\b.*\bto$/i.test(t.text);
  const agentBefore = actors.some((a) => a.end <= t.start);
  for (const a of actors) {
    const between = text.slice(t.end, a.start);
    // "seized positions held by the army": the "by" phrase belongs to the object, not to the trigger.
    if (a.start >= t.end && agentBefore && REDUCED_RELATIVE.test(between)) continue;
    if (a.start >= t.end && (PASSIVE_BY.test(between) || (fellTo && /^\s*(?:the\s+)?$/i.test(between)))) {
      const a2 = actors.filter((x) => x !== a && x.end <= t.start).pop() ?? null;
      return { a1: a, a2, rule: 'roles-passive' };
    }
  }
  // "Militants were expelled from Fallujah (after an offensive by Iraqi forces)": the subject of a passive expulsion is
  // the side driven out, the agent whoever the text names after "by".
  if (PASSIVE_AUX_BEFORE.test(text.slice(s.start, t.start)) && ENDS_ON_FROM.test(t.text)) {
    const loser = actors.filter((a) => a.end <= t.start).pop() ?? null;
    const agent = actors.find((a) => a.start >= t.end && /\bby\s+(?:the\s+|an?\s+)?$/i.test(text.slice(t.end, a.start))) ?? null;
    return { a1: agent, a2: loser, rule: 'roles-passive-expelled' };
  }
  // "Soldiers backed by Wagner fighters entered ...": the backer is not the agent.
  const backing = (a: ActorMention) => BACKING_BEFORE.test(text.slice(Math.max(s.start, a.start - 50), a.start));
  // "attacked the gendarmerie post and took control", "the army post ... overran it": a force named as the
  // modifier of a site ("police station", "army base") is the place, not the agent of the verb that follows.
  const siteModifier = (a: ActorMention) => SITE_AFTER.test(text.slice(a.end, Math.min(s.end, a.end + 30)));
  const before = actors.filter((a) => a.end <= t.start && !backing(a) && !(TERRITORY_SUBS.has(t.rule.sub) && siteModifier(a)));
  const after = actors.filter((a) => a.start >= t.end);
  // The agent is the nearest actor before the trigger; the target the nearest after it.
  let a1 = before.pop() ?? null;
  // "The army pushed back the militants and reclaimed the town": the militants are the first verb's object;
  // the coordinated verb shares the first verb's subject.
  if (a1 && before.length && COORDINATED.test(text.slice(a1.end, t.start))) {
    const subject = before[before.length - 1]!;
    if (/\b[a-z][a-z'’-]*\s/.test(text.slice(subject.end, a1.start)) && distinctActor(subject, a1)) a1 = subject;
  }
  // "Gunmen, after exchanging fire with the police, took control of the town": an actor inside a clause set off by
  // commas between the subject and its verb (opened by a subordinator or a preposition) is not the verb's subject.
  if (a1 && before.length && INSERTED_CLAUSE.test(text.slice(before[before.length - 1]!.end, t.start))) a1 = before[before.length - 1]!;
  // "Hezbollah says its fighters clashed ...": a possessive generic is the group named before it.
  if (a1?.entry.generic && /\b(?:its|their)\s+$/i.test(text.slice(Math.max(s.start, a1.start - 8), a1.start))) {
    const owner = [...before].reverse().find((x) => !x.entry.generic && !x.state);
    if (owner) a1 = owner;
  }
  // "The United States said it had killed two Islamic State militants in a drone strike": the actor between the
  // verb and the means is the target, the one before the verb the agent.
  if (a1 && MEANS_BEFORE_TRIGGER.test(text.slice(a1.end, t.start)) && VIOLENCE_VERB_BEFORE.test(text.slice(Math.max(s.start, a1.start - 60), a1.start))) {
    return { a1: before.pop() ?? null, a2: a1, rule: 'roles-object-of-means' };
  }
  const a2 = after.find((a) => !a1 || distinctActor(a, a1)) ?? null;
  if (a1) return { a1, a2, rule: 'roles-svo' };
  // Nothing before: a headline-style "Air strike on X by Y" or an agentless report.
  return { a1: null, a2, rule: 'roles-agentless' };
}

function distinctActor(a: ActorMention, b: ActorMention): boolean {
  return a.entry.id !== b.entry.id || a.cc !== b.cc;
}

/** "Russian shelling", "a US air strike", "Saudi-led coalition jets": the state named right before the trigger. */
export function adjectiveState(deps: CoderDeps, text: string, s: Sentence, t: TriggerMatch): { cc: string; start: number; end: number } | null {
  const before = text.slice(Math.max(s.start, t.start - 40), t.start);
  const m = /(?:^|[\s(])([A-Z][\p{L}.]*(?:['’]s)?)(?:-led)?(?:\s+(?:coalition|[a-z][\p{L}-]*)){0,2}\s*$/u.exec(before);
  if (!m) return null;
  const cc = deps.actors.countryOfWord(m[1]!);
  if (!cc) return null;
  const start = t.start - before.length + before.lastIndexOf(m[1]!);
  // "Israeli settlers", "Kurdish militants", "Nigerian herders": the adjective describes non-state people the
  // actor dictionary knows, not the state.
  if (s.actors.some((a) => a.end > start + m[1]!.length && a.end <= t.start && a.entry.inter !== 1)) return null;
  return { cc, start, end: start + m[1]!.length };
}
