/**
 * @module code/extract
 * The extraction pipeline for one article, declared as an ordered list of
 * stages: understand the text (sentences, dates, figures), place it
 * (geoparse), find actors, code events, fuse mentions inside the article,
 * derive control changes and casualty claims.
 */
import type { Article, Claim, DroppedTrigger, Extraction, Toponym, ZoneKind } from '../domain/types.js';
import { mergeMentions } from '../fuse/within-article.js';
import { loadCountries } from '../place/countries.js';
import { Gazetteer } from '../place/gazetteer.js';
import { geoparse } from '../place/geoparse.js';
import { findCasualties, type CasualtyContext } from '../text/casualties.js';
import { claimsFrom } from '../text/claims.js';
import { findDates } from '../text/dates.js';
import { splitParagraphs, splitSentences } from '../text/sentences.js';
import { loadActors, type ActorDictionary, type ActorMention } from './actors.js';
import type { Analysis, DateRef, Sentence } from './analysis.js';
import { loadSnippets, type SnippetClassifier } from './classifier.js';
import { cachedClassifier } from './classifier-model.js';
import { codeMentions, type CoderDeps, type EventMention } from './coder.js';
import { coderWords } from './coder-words.js';
import { loadContextRules } from './context.js';
import { controlChanges } from './control.js';
import { loadDiscards } from './discards.js';
import { toEvent } from './events.js';
import { loadTaxonomy } from './taxonomy.js';
import { loadTriggers } from './triggers.js';

export interface ExtractorOptions {
  /** Extra actor dictionary files (`--actors FILE`). */
  actorFiles?: string[];
  /** A gazetteer already loaded (shared by several extractors). */
  gazetteer?: Gazetteer;
  /** Ask the fall-back classifier about articles no trigger rule matches (default true). */
  classifier?: boolean;
}

export interface Extractor {
  /**
   * Codes one article. Pure with respect to the article: no I/O.
   * `explain` adds `dropped`: the triggers that did not become events, and why.
   */
  extract(article: Article, opts?: { withText?: boolean; explain?: boolean }): Extraction;
  gazetteer: Gazetteer;
}

/** Zones whose sentences report events; captions, embeds and source lines do not. */
const EVENT_ZONES = new Set<ZoneKind>(['lede', 'body']);

/** No actor mentions (shared, never modified). */
const NONE: readonly ActorMention[] = [];

/** What a sentence needs to work out its dates, actors and places on demand. */
interface SentenceSource {
  text: string;
  published: string | null;
  actors: ActorDictionary;
  /** Geoparses the whole article (once) and gives every sentence its toponyms. */
  places: () => void;
}

/**
 * A sentence of the analysis. Dates, actors and places are worked out when a stage
 * first asks for them: most sentences report no event, and their dates and actors are
 * never needed; an article with no event trigger at all is never geoparsed (places are
 * resolved with the whole article as context, so the first sentence to ask geoparses
 * them all). (Getters on the class keep objects in V8's fast shape, unlike per-object
 * `defineProperty`.)
 */
class LazySentence implements Sentence {
  casualties: Sentence['casualties'] = [];
  /** Filled by the article's place stage. */
  placed: Toponym[] = [];
  private datesCache: DateRef[] | undefined;
  private actorsCache: ActorMention[] | undefined;
  private tiedCache: readonly ActorMention[] | undefined;

  constructor(
    readonly start: number,
    readonly end: number,
    readonly index: number,
    readonly paragraph: number,
    readonly zone: ZoneKind,
    private readonly src: SentenceSource,
  ) {}

  get dates(): DateRef[] {
    return (this.datesCache ??= findDates(this.src.text, this, this.src.published));
  }
  set dates(v: DateRef[]) {
    this.datesCache = v;
  }
  get actors(): ActorMention[] {
    return (this.actorsCache ??= this.src.actors.find(this.src.text, this));
  }
  set actors(v: ActorMention[]) {
    this.actorsCache = v;
  }
  /**
   * The mentions of groups tied to one country (`entry.country`): what the article's
   * country hints and focus count, in every sentence. A sentence that names no such
   * group is told apart by its words alone, without looking up all its actors.
   */
  get tiedActors(): readonly ActorMention[] {
    if (this.tiedCache) return this.tiedCache;
    if (!this.actorsCache && !this.src.actors.mayHoldTied(this.src.text, this)) return (this.tiedCache = NONE);
    // (An alias several groups share, "SNA", does not say which country the story is in, unless it is mainly the
    // first group's own name: "al-Shabaab".)
    return (this.tiedCache = this.actors.filter((m) => m.entry.country && (!m.alternates || m.namesCountry)));
  }
  get toponyms(): Toponym[] {
    this.src.places();
    return this.placed;
  }
  set toponyms(v: Toponym[]) {
    this.placed = v;
  }
}

/** Stage 1 — sentences, zone by zone, with their paragraph (blank-line block) index. */
function sentencesOf(article: Article, actors: ActorDictionary, places: () => void): LazySentence[] {
  const out: LazySentence[] = [];
  const src: SentenceSource = { text: article.text, published: article.published, actors, places };
  const paragraphs = splitParagraphs(article.text);
  let p = 0;
  // No zones: all of the text is body (see Article.zones).
  const zones = article.zones.length ? [...article.zones].sort((a, b) => a.start - b.start) : [{ kind: 'body' as const, start: 0, end: article.text.length }];
  for (const z of zones) {
    for (const span of splitSentences(article.text, z)) {
      while (p < paragraphs.length - 1 && paragraphs[p]!.end <= span.start) p++;
      out.push(new LazySentence(span.start, span.end, out.length, p, z.kind, src));
    }
  }
  return out;
}

/**
 * What `findCasualties` reads besides a sentence's span: the publication date, and the sentence's dates, found only
 * when a figure needs them. (A class: an object literal with a getter is built through V8's runtime, about 2 µs
 * each, and one was built for every sentence.)
 */
class SentenceContext implements CasualtyContext {
  constructor(
    readonly published: string | null,
    private readonly sentence: LazySentence,
  ) {}

  get dates(): DateRef[] {
    return this.sentence.dates;
  }
}

/** Countries of the groups the article names that are tied to one country: one vote per group. */
function groupCountries(sentences: LazySentence[]): Map<string, number> {
  const seen = new Set<string>();
  const votes = new Map<string, number>();
  for (const s of sentences) {
    if (!EVENT_ZONES.has(s.zone) && s.zone !== 'title') continue;
    for (const m of s.tiedActors) {
      const cc = m.entry.country!;
      if (seen.has(m.entry.id)) continue;
      seen.add(m.entry.id);
      votes.set(cc, (votes.get(cc) ?? 0) + 1);
    }
  }
  return votes;
}

/** The country most places point to, and the place the article is about. */
function focusOf(sentences: LazySentence[]): { focusCc: string | null; mainPlace: Toponym | null } {
  const counts = new Map<string, number>();
  const towns = new Map<string, { t: Toponym; n: number; first: number }>();
  for (const s of sentences) {
    if (!EVENT_ZONES.has(s.zone) && s.zone !== 'dateline' && s.zone !== 'title') continue;
    // A group tied to one country ("Al Shabaab", "the Houthis") says where the story is, as a country named once does.
    for (const m of s.tiedActors) counts.set(m.entry.country!, (counts.get(m.entry.country!) ?? 0) + 1);
    for (const t of s.toponyms) {
      const p = t.place;
      // "Boko" in "Boko Haram" is part of a name, not a place the story is about.
      if (!p || t.role === 'in-org') continue;
      // A town says more about where a story is than a country named in passing.
      const w = t.role !== 'place' ? 0.5 : p.feature_code.startsWith('A.PCL') ? 1 : p.feature_code.startsWith('A.') ? 1.5 : 2;
      counts.set(p.cc, (counts.get(p.cc) ?? 0) + w);
      if (t.role === 'place' && !p.feature_code.startsWith('A.PCL')) {
        const k = String(p.geonameid ?? p.name);
        const cur = towns.get(k);
        const bonus = s.zone === 'dateline' ? 2 : s.zone === 'lede' ? 1.5 : 1;
        if (cur) cur.n += bonus;
        else towns.set(k, { t, n: bonus, first: s.start });
      }
    }
  }
  // (First elements are read only from non-empty lists: V8 deoptimises code that reads past the end.)
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const focusCc = ranked.length ? ranked[0]![0] : null;
  const mains = [...towns.values()].filter((x) => x.t.place!.cc === focusCc).sort((a, b) => b.n - a.n || a.first - b.first);
  return { focusCc, mainPlace: mains.length ? mains[0]!.t : null };
}

/**
 * The stages, in order. Each reads the article and the analysis so far and
 * fills in its part.
 */
function analyse(article: Article, gaz: Gazetteer, actors: ActorDictionary): Analysis {
  const { text, published } = article;
  let placed = false;
  // place: every toponym, resolved with the whole article as context — on first use.
  const places = () => {
    if (placed) return;
    placed = true;
    const toponyms = geoparse(gaz, text, { zones: article.zones, countryHints: groupCountries(sentences) });
    let ti = 0;
    for (const s of sentences) {
      while (ti < toponyms.length && toponyms[ti]!.start < s.end) {
        if (toponyms[ti]!.start >= s.start) s.placed.push(toponyms[ti]!);
        ti++;
      }
    }
  };
  const sentences = sentencesOf(article, actors, places);
  for (const s of sentences) {
    s.casualties = findCasualties(text, s, new SentenceContext(published, s));
  }
  return new ArticleAnalysis(text, published, sentences, gaz);
}

/** The analysis of one article; its focus country and main place are worked out (and the article geoparsed) on first use. */
class ArticleAnalysis implements Analysis {
  private focus: { focusCc: string | null; mainPlace: Toponym | null; focusPlace: Toponym | null } | undefined;

  constructor(
    readonly text: string,
    readonly published: string | null,
    readonly sentences: LazySentence[],
    private readonly gaz: Gazetteer,
  ) {}

  private get resolved(): { focusCc: string | null; mainPlace: Toponym | null; focusPlace: Toponym | null } {
    if (!this.focus) {
      const f = focusOf(this.sentences);
      const country = f.focusCc ? this.gaz.country(f.focusCc) : undefined;
      const focusPlace: Toponym | null = country ? { start: 0, end: 0, text: '', role: 'place', place: country, confidence: 1 } : null;
      this.focus = { ...f, focusPlace };
    }
    return this.focus;
  }
  get focusCc(): string | null {
    return this.resolved.focusCc;
  }
  get mainPlace(): Toponym | null {
    return this.resolved.mainPlace;
  }
  get focusPlace(): Toponym | null {
    return this.resolved.focusPlace;
  }
}

/** For a withdrawal that names no receiver: the most-mentioned actor of the other camp. */
function oppositeCamp(a: Analysis, deps: CoderDeps): (m: EventMention) => string | null {
  return (m) => {
    const state = m.actor1.inter === 1;
    const counts = new Map<string, number>();
    const cc = m.place?.place?.cc ?? a.focusCc;
    for (const s of a.sentences) {
      for (const x of s.actors) {
        if (x.state || (x.entry.inter === 1) === state || x.entry.inter >= 5) continue;
        if (x.entry.id === 'government') continue;
        const name = deps.actors.name(x, cc);
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
    const best = [...counts.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];
    if (best) return best;
    if (!state) {
      const mil = deps.actors.generic('military');
      return mil ? deps.actors.name({ start: 0, end: 0, text: '', entry: mil, cc, backer: null, state: false }, cc) : null;
    }
    return null;
  };
}

/**
 * Builds an extractor: loads the gazetteer, taxonomy, rules and dictionaries once.
 * @param opts extra actor files; a shared gazetteer; whether to use the classifier
 * @throws DataError when a data file is malformed
 */
export async function createExtractor(opts: ExtractorOptions = {}): Promise<Extractor> {
  const gazetteer = opts.gazetteer ?? Gazetteer.load();
  const taxonomy = loadTaxonomy();
  const deps: CoderDeps = {
    taxonomy,
    discards: loadDiscards(taxonomy),
    triggers: loadTriggers(taxonomy),
    context: loadContextRules(),
    actors: loadActors(loadCountries(), opts.actorFiles ?? []),
  };
  // The coder's word lists (data/lexicons/coder-words.yaml) are read and checked now, with the rules: a bad
  // file fails here, not at the first article. (The modules that use them take them from this shared load.)
  coderWords();
  if (opts.classifier === false) return extractorFrom(gazetteer, deps);
  // The training snippets are read (and checked) now; the classifier is loaded (or trained) when an article first needs it.
  const snippets = loadSnippets(taxonomy);
  if (new Set(snippets.map((s) => s.label)).size < 2) return extractorFrom(gazetteer, deps);
  let classifier: SnippetClassifier | undefined;
  let training: typeof snippets | null = snippets;
  const load = () => {
    const c = cachedClassifier(training!);
    training = null; // the model is all a run needs from here on
    return c;
  };
  return extractorFrom(gazetteer, { ...deps, classifier: () => (classifier ??= load()) });
}

/** The extractor over loaded dependencies. */
function extractorFrom(gazetteer: Gazetteer, deps: CoderDeps): Extractor {
  const taxonomy = deps.taxonomy;
  return {
    gazetteer,
    extract(article, xo = {}) {
      const a = analyse(article, gazetteer, deps.actors);
      const dropped: DroppedTrigger[] = [];
      const mentions = codeMentions(deps, a, xo.explain ? ({ trigger: t, reason }) => dropped.push({ rule: t.rule.id, reason, start: t.start, end: t.end, text: t.text }) : undefined);
      const merged = mergeMentions(mentions);
      // No event, no need for the article's country (nor for its places).
      const focus = merged.length && a.focusCc ? gazetteer.country(a.focusCc) : undefined;
      const fallback = focus ? { country: focus.country, iso3: focus.iso3 } : null;
      const events = merged
        .map((m) => toEvent(taxonomy, m, fallback))
        .sort((x, y) => (x.evidence[0]?.start ?? 0) - (y.evidence[0]?.start ?? 0));
      const claims: Claim[] = claimsFrom(
        a.sentences.filter((s) => s.zone !== 'source').flatMap((s) => s.casualties),
        article.text,
      );
      const { text, zones: _zones, ...meta } = article;
      return {
        article: xo.withText ? { ...meta, text } : meta,
        events,
        control_changes: controlChanges(a, merged, oppositeCamp(a, deps)),
        claims,
        ...(xo.explain ? { dropped } : {}),
      };
    },
  };
}
