/**
 * @module code/precedence
 * ACLED's precedence between the triggers of one sentence: a protest that met force is the
 * force, fighting that ends in a capture is the capture, a killing is part of the remote
 * violence that caused it. Each decision is recorded with an id.
 */
import type { SubEventType } from '../domain/types.js';
import { coderPattern } from './coder-words.js';
import type { TriggerMatch } from './triggers.js';

/** Strong triggers whose events include the killings their sentence reports ("an air strike killed 5"). */
export const SUBSUMES_KILLING = new Set<string>(['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory', 'territory',
  'Air/drone strike', 'Shelling/artillery/missile attack', 'Suicide bomb', 'Remote explosive/landmine/IED', 'Grenade', 'Chemical weapon',
  'Attack', 'Excessive force against protesters', 'Violent demonstration', 'Mob violence']);

// The word lists are data (`data/lexicons/coder-words.yaml`, by entry id); the grammar around them stays here.
/** An arrest as an action ("police detained 20"), not as a noun ("the arrest of"). */
const ARREST_VERB = coderPattern('arrest-verb');

export const REMOTE = new Set<string>(['Air/drone strike', 'Shelling/artillery/missile attack', 'Suicide bomb', 'Remote explosive/landmine/IED', 'Grenade', 'Chemical weapon']);

/**
 * Which of two overlapping matches names the event better, before length: a weapon that did not
 * go off ("the bomb they were planting exploded prematurely") over the explosion, and the means
 * of remote violence ("helicopters fired on militant positions") over a generic fight.
 */
function overlapRank(m: TriggerMatch): number {
  if (m.rule.sub === 'Disrupted weapons use') return 0;
  // "fired shells containing chlorine": what the munition carried names the means (ACLED: Chemical weapon).
  if (m.rule.sub === 'Chemical weapon') return 0.5;
  // "traded artillery fire": long-range fire exchanged by two sides is their clash, not one side's shelling (ACLED Codebook).
  if (m.rule.id === 'fire-exchange') return 0.8;
  return REMOTE.has(m.rule.sub) ? 1 : 2;
}

/**
 * The protest sub-types each overlapping reading gives way to, as the steps below order them when the readings
 * do not overlap: a riot over force on protesters (precedence-riot-over-intervention, precedence-riot-over-force),
 * serious force over an intervention (precedence-force), serious force on a protest over an attack on civilians
 * (precedence-force-on-protest), any of them over a peaceful protest (precedence-protest).
 */
const OUTRANKS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Violent demonstration', ['Excessive force against protesters', 'Protest with intervention', 'Peaceful protest']],
  ['Excessive force against protesters', ['Protest with intervention', 'Peaceful protest', 'Attack']],
  ['Protest with intervention', ['Peaceful protest']],
]);
/** `m` is the reading the precedence steps keep over `k` (a bare "violently" is no riot: precedence-riot-over-force). */
const overlapOutranks = (m: TriggerMatch, k: TriggerMatch): boolean =>
  !m.rule.weak && !!OUTRANKS.get(m.rule.sub)?.includes(k.rule.sub) && !/^violently$/i.test(m.text);

/**
 * One step of ACLED's precedence, applied in order to the matches a sentence still has.
 * Whether a step applies is judged on the sub-types the sentence named before any step.
 * (The steps are data run by one loop rather than a branch each: the loop stays small
 * for the JIT, and a step that fires for the first time costs no recompilation.)
 */
interface Step {
  /** Printed in `rules` for each match the step drops. */
  id: string;
  /** The sentence names one of these sub-types … */
  any: readonly string[];
  /** … and passes this test too, when given (`kept`: the matches before this step). */
  also?: (subs: ReadonlySet<string>, kept: readonly TriggerMatch[], text?: string) => boolean;
  /** The matches the step drops. */
  drop?: (m: TriggerMatch, kept: readonly TriggerMatch[], text?: string) => boolean;
  /** The matches the step then codes as another sub-type (the rule id gets a suffix), when `when` holds. */
  recode?: {
    select: (m: TriggerMatch, subs: ReadonlySet<string>, text?: string) => boolean;
    sub: SubEventType;
    suffix: string;
    when?: (subs: ReadonlySet<string>, kept: readonly TriggerMatch[], text?: string) => boolean;
  };
}

/** Mob violence named by its crowd (not by a communal clash between armed groups). */
const MOB_RULES = new Set(['mob', 'mob-punishment', 'mob-crowd', 'mob-communal']);

/** An attack trigger that reports a death. */
const KILLING = coderPattern('killing');

const hasAny = (subs: ReadonlySet<string>, list: readonly string[]): boolean => list.some((x) => subs.has(x));
const TAKING = ['territory', 'Government regains territory', 'Non-state actor overtakes territory'];
/** A place taken by any verb but an explicit recapture. */
const takingNotRecapture = (m: TriggerMatch): boolean => m.rule.id !== 'recapture' && TAKING.includes(m.rule.sub);
/** Verbs of a place taken by force. */
const FORCEFUL_TAKING = coderPattern('forceful-taking');
/** A withdrawal under attack. */
const UNDER_FIRE = coderPattern('under-fire');
/** An attack told as one on a place ("attacked Palma town", "stormed the village"), not on people. */
const ATTACK_ON_PLACE = coderPattern('attack-on-place');
/** A transfer the sentence says was peaceful. */
const NO_VIOLENCE = coderPattern('no-violence');
/** Events a protest can be about (a party dissolved, a mobilisation ordered: ACLED Codebook, Change to group/activity, the grievance of the demonstration coded). */
const GRIEVANCE_SUBS = new Set(['Abduction/forced disappearance', 'Sexual violence', 'Attack', 'Agreement', 'Armed clash', 'Change to group/activity']);
/** The words that introduce what a protest is against or for. */
const GRIEVANCE = coderPattern('grievance');
/** A fight told by an intransitive verb, which no grievance phrase can end in ("clashed with"). */
const FIGHT_VERB = coderPattern('fight-verb');
/** The grievance phrase runs up to the match with no clause break between ("against the abduction of"). */
function grievanceBefore(text: string, at: number): boolean {
  const window = text.slice(Math.max(0, at - 70), at);
  let last = -1;
  for (const g of window.matchAll(new RegExp(GRIEVANCE.source, 'gi'))) last = g.index! + g[0].length;
  return last >= 0 && !/[,;:.!?]|\b(?:when|after|while|before|but|until|then|so|as)\b/i.test(window.slice(last));
}
const REMOTE_SUBS = ['Air/drone strike', 'Shelling/artillery/missile attack', 'Suicide bomb', 'Remote explosive/landmine/IED', 'Grenade', 'Chemical weapon'];
/** A weapons store named as a place ("struck weapons depots", "an ammunition store had been destroyed"). */
const DEPOT = coderPattern('weapons-store');
/** Air-strike rules that name a munition the aircraft or drone delivered ("a helicopter fired rockets"). */
const AIR_DELIVERY = new Set(['air-delivered', 'air-by']);
/** An explosion named without its means ("the blast killed", "explosions hit", "a device exploded"). */
const GENERIC_BLAST = coderPattern('generic-blast');
const PROTEST_MET = ['Protest with intervention', 'Excessive force against protesters', 'Violent demonstration'];
/** A death in a weak attack trigger ("killing two"); not KILLING's list. */
const DEATH = coderPattern('death-words');
/** Return fire named in a clash trigger ("returned fire", "an exchange of fire"). */
const RETURN_FIRE = coderPattern('return-fire');
/** A massacre told as shooting ("opened fire on"). */
const GUNFIRE = coderPattern('gunfire');
/** A seizure or capture named by a territory trigger. */
const SEIZING = coderPattern('seizing');
/** Weapons seized, confiscated, recovered or found. */
const WEAPONS_FOUND = coderPattern('weapons-found');
/** A riot or a protest named in a trigger. */
const PROTEST_WORDS = coderPattern('protest-words');
/** Armed men or the state's forces named in a sentence. */
const ARMED_WORDS = coderPattern('armed-words');
/**
 * Demonstrators are the subject of a taking verb: a protest word stands before it (within 80 characters), and no
 * armed men or police are named in its sentence before it ("Hundreds of protesters seized the governorate", not
 * "officers dispersed traders protesting ... and seized their wares").
 */
function protestersTaking(m: TriggerMatch, text: string | undefined): boolean {
  if (!text) return false;
  const clause = text.slice(Math.max(0, m.start - 200), m.start).split(/[.!?]\s/).pop()!;
  return PROTEST_WORDS.test(clause.slice(-80)) && !ARMED_WORDS.test(clause);
}
/** State forces as the subject just before a trigger ("police later demolished"). */
const STATE_SUBJECT = coderPattern('state-force-subject');
/** A crime named as what someone was accused of, just before its trigger ("accused of raping"). */
const ACCUSED_OF = coderPattern('accused-of');
/** An arrest at a protest, not one named as its grievance ("protesting against the arrest of their leader"). */
const arrestAtProtest = (m: TriggerMatch, kept: readonly TriggerMatch[], text: string | undefined): boolean => m.rule.sub === 'Arrests' && ARREST_VERB.test(m.text) &&
  // "until the attackers are arrested": an arrest demanded, not made; "relatives of detained journalists": an adjective;
  // "no arrests were made", "scattering to avoid arrest": none made.
  !(text && /\b(?:are|be|is|get|until|of|the|for|their|his|her|its|no|any|without|despite|avoid|evade|escape|resist|resisting|risk|face|fear|fearing)\s+$/i.test(text.slice(Math.max(0, m.start - 14), m.start))) &&
  // A protest word just before the arrest names its grievance ("protested the arrest of"), unless a new clause makes
  // the arrest the police's next act ("obstructed a procession of activists and arrested five of them").
  !kept.some((p) => p.rule.sub === 'Peaceful protest' && p.end <= m.start && m.start - p.end <= 60 &&
    !(text && /\b(?:and|then)\s+(?:[\w'’-]+\s+)?$/i.test(text.slice(p.end, m.start)))) &&
  // "demanding the release of two colleagues arrested last week": the arrest is the grievance.
  !(text && grievanceBefore(text, m.start));

/** An attack that reports a death, in its own words or in those between it and the destruction that follows it. */
const deadlyAttack = (m: TriggerMatch, kept: readonly TriggerMatch[], text: string | undefined): boolean => m.rule.sub === 'Attack' &&
  (DEATH.test(m.text) || (!!text && kept.some((l) => l.rule.sub === 'Looting/property destruction' && l.start >= m.end && l.start - m.end <= 120 &&
    DEATH.test(text.slice(m.end, l.start)))));

/** Agreement rules that report captives released. */
const RELEASE_RULES = new Set(['captives-release-more', 'captives-released', 'captives-freed', 'talks-release']);
const isTaking = (m: TriggerMatch): boolean => m.rule.sub === 'Abduction/forced disappearance' || m.rule.sub === 'Arrests';
/**
 * A taking told as background to a release: after it in a relative clause or participle ("freed four elders it had
 * abducted", "released a man detained near"), or before a release whose subject is the captives ("engineers
 * kidnapped from a site were set free", "hostages held since 2016 regained their freedom").
 */
const backgroundTaking = (k: TriggerMatch, rel: TriggerMatch, text: string | undefined): boolean => {
  if (!text) return false;
  if (k.start >= rel.end) return !/\b(?:and|then|before|but)\b|[;:]/i.test(text.slice(rel.end, k.start));
  return /^(?:were|was|are|is|have|has|had|regain|walked)\b/i.test(rel.text) && !/[;:]/.test(text.slice(k.end, rel.start)) &&
    !/\b(?:were|was|been|are|is)\s+(?:[\w'’-]+ly\s+)?$/i.test(text.slice(Math.max(0, k.start - 30), k.start));
};

const STEPS: readonly Step[] = [
  // What a protest is against is its grievance, not another event of the sentence: "marched against the wave of
  // kidnappings", "demanding justice for a girl who was raped", "calling for the release of journalists detained
  // last month" (ACLED Codebook: the demonstration is the event; its cause is not coded again from the same report).
  // A riot's grievance too ("torched a police post over the killing of a boy").
  {
    id: 'precedence-protest-grievance',
    any: ['Peaceful protest', 'Violent demonstration'],
    drop: (m, kept, text) => GRIEVANCE_SUBS.has(m.rule.sub) && !!text && kept.some((p) => p.rule.sub === 'Peaceful protest' || p.rule.sub === 'Violent demonstration') &&
      grievanceBefore(text, m.start) && !FIGHT_VERB.test(m.text),
  },
  // A protest that turned violent or met force is coded as that (ACLED precedence).
  { id: 'precedence-protest', any: ['Protest with intervention', 'Excessive force against protesters', 'Violent demonstration', 'Mob violence'], drop: (m) => m.rule.sub === 'Peaceful protest' },
  { id: 'precedence-force', any: ['Excessive force against protesters'], drop: (m) => m.rule.sub === 'Protest with intervention' },
  // Force used on people while they protest is the intervention or excessive force against the protest, not an attack
  // on civilians (ACLED Codebook: violence against demonstrators is coded under Protests).
  { id: 'precedence-force-on-protest', any: ['Protest with intervention', 'Excessive force against protesters'], drop: (m) => m.rule.sub === 'Attack' },
  // Force against protesters who are themselves rioting is part of the riot: ACLED codes excessive force only
  // against peaceful protesters ("clashed with security forces, who responded with live ammunition").
  {
    id: 'precedence-riot-over-force',
    any: ['Violent demonstration'],
    also: (_, kept) => kept.some((m) => m.rule.sub === 'Violent demonstration' && !/^violently$/i.test(m.text)),
    drop: (m) => m.rule.sub === 'Excessive force against protesters',
  },
  // The same when the protesters' violence is told as a clash ("protesters clashed with police, who fired live
  // rounds"): the coder makes that clash a riot (clash-by-protesters-is-riot), and the shooting is part of it.
  {
    id: 'precedence-clash-over-force',
    any: ['Excessive force against protesters'],
    also: (_, kept, text) => !!text && kept.some((m) => m.rule.id === 'clash-noun' && PROTEST_WORDS.test(text.slice(Math.max(0, m.start - 30), m.start))),
    drop: (m) => m.rule.sub === 'Excessive force against protesters',
  },
  // Protesters who turn violent are rioters, whatever the police then do (ACLED: Violent demonstration).
  { id: 'precedence-riot-over-intervention', any: ['Violent demonstration'], drop: (m) => m.rule.sub === 'Protest with intervention' },
  // An air strike or shelling that hit a weapons depot or ammunition store is the strike, not a disrupted weapon: the
  // depot is its target (ACLED codes the strike; Disrupted weapons use is a seizure, interception or defusal).
  {
    id: 'precedence-strike-on-depot',
    any: ['Air/drone strike', 'Shelling/artillery/missile attack'],
    drop: (m) => m.rule.sub === 'Disrupted weapons use' && DEPOT.test(m.text),
  },
  // A weapon defused, intercepted or seized did not go off: Disrupted weapons use.
  { id: 'precedence-disrupted', any: ['Disrupted weapons use'], also: (_, kept) => kept.some((m) => m.rule.sub === 'Disrupted weapons use'), drop: (m) => ['Grenade', 'Remote explosive/landmine/IED', 'Shelling/artillery/missile attack', 'Air/drone strike', 'Suicide bomb'].includes(m.rule.sub) },
  // "A consignment of weapons was seized": the seizure is of weapons, not of a place.
  { id: 'precedence-disrupted-seizure', any: ['Disrupted weapons use'], drop: (m) => m.rule.sub === 'territory' && SEIZING.test(m.text) },
  // A place taken "unopposed", "without a fight", or handed over as the other side left changed
  // hands without violence (ACLED: Non-violent transfer of territory), unless the sentence fights.
  // A place captured, stormed or overrun "after the troops retreated" or "withdrew under fire" was taken by force:
  // the defenders' retreat is part of the capture (ACLED: Non-state actor overtakes territory), unless the sentence
  // says no shot was fired.
  {
    id: 'precedence-taken-by-force',
    any: ['Non-violent transfer of territory'],
    also: (subs, kept, text) => hasAny(subs, TAKING) && !kept.some((m) => m.rule.sub === 'Non-violent transfer of territory' && NO_VIOLENCE.test(m.text)) &&
      kept.some((m) => takingNotRecapture(m) && FORCEFUL_TAKING.test(m.text) ||
        m.rule.sub === 'Non-violent transfer of territory' && !!text && UNDER_FIRE.test(text.slice(m.start, m.end + 60))),
    drop: (m) => m.rule.sub === 'Non-violent transfer of territory',
  },
  {
    id: 'precedence-nonviolent-transfer',
    any: ['Non-violent transfer of territory'],
    // An explicit recapture ("troops recaptured the town after the militants withdrew") stays a recapture.
    also: (subs, kept) => hasAny(subs, TAKING) && !subs.has('Armed clash') && kept.some(takingNotRecapture) && kept.some((m) => m.rule.sub === 'Non-violent transfer of territory'),
    drop: (m) => m.rule.sub === 'Non-violent transfer of territory',
    recode: { select: takingNotRecapture, sub: 'Non-violent transfer of territory', suffix: 'nonviolent' },
  },
  // "Established a new base in the town, days after the militants withdrew from it": the base is the event reported.
  { id: 'precedence-base-after-withdrawal', any: ['Headquarters or base established'], drop: (m) => m.rule.sub === 'Non-violent transfer of territory' && /^(?:after|following)\b/i.test(m.text) },
  // Armed men who "entered the village and opened fire" attacked it; they did not take it.
  { id: 'precedence-entry-is-the-attack', any: ['Armed clash', 'Attack', 'Abduction/forced disappearance', 'Looting/property destruction', 'Sexual violence'], drop: (m) => m.rule.id === 'entered-place' },
  // Fighting that ends in a change of control is the change of control.
  // So is an attack on the town taken ("attacked Palma town and took control of it"): the fight for it, not
  // violence against its people (killings named as such stay their own event).
  { id: 'precedence-territory', any: TAKING, drop: (m) => m.rule.sub === 'Armed clash' || (m.rule.sub === 'Attack' && ATTACK_ON_PLACE.test(m.text)) },
  // Shops looted or homes burnt as a place is taken ("captured the town and looted shops", "seized Macomia, burning
  // homes") are part of its taking (ACLED Codebook, Looting/property destruction is coded when no other form of violence
  // is reported; precedence puts the change of control first). Not looting told before the taking, nor after it in
  // a clause that dates it ("looted the market, a day after they entered the city").
  {
    id: 'precedence-territory-looting',
    any: TAKING,
    drop: (m, kept, text) => m.rule.sub === 'Looting/property destruction' && !!text &&
      kept.some((k) => TAKING.includes(k.rule.sub) && k.end <= m.start && !/\b(?:after|following|since|before|when)\b|[;:]/i.test(text.slice(k.end, m.start)) &&
        // (Protesters who "overran the council secretariat, smashing computers" take no territory: they riot.)
        !PROTEST_WORDS.test(text.slice(Math.max(0, k.start - 40), k.start))),
  },
  // Weapons carted away, vehicles burnt or a post set ablaze in the fight the sentence reports ("overran the post, killing
  // seven soldiers and carting away weapons") are part of the clash (ACLED Codebook, Looting/property destruction: coded
  // when it happens outside other violence such as clashes).
  // (Not at a protest: there the burning is the riot's.)
  {
    id: 'precedence-clash-looting',
    any: ['Armed clash'],
    also: (subs) => !hasAny(subs, ['Peaceful protest', ...PROTEST_MET, 'Mob violence']),
    drop: (m) => m.rule.sub === 'Looting/property destruction',
  },
  // Weapons captured, seized or recovered in the fight the sentence reports ("clashed with troops and captured weapons and
  // vehicles", "repelled the attack and seized three rifles") are part of the battle or the taking (ACLED Codebook,
  // Disrupted weapons use: a seizure is coded on its own when no other violent event is reported).
  { id: 'precedence-battle-seizure', any: ['Armed clash', ...TAKING], drop: (m) => m.rule.sub === 'Disrupted weapons use' && WEAPONS_FOUND.test(m.text) },
  // Long-range fire two sides exchanged ("the armies traded artillery fire; shells hit homes in Uri") is one Armed clash:
  // the shelling the sentence also names is part of it (ACLED Codebook, Shelling/artillery/missile attack).
  { id: 'precedence-fire-exchange', any: ['Armed clash'], also: (_, kept) => kept.some((m) => m.rule.id === 'fire-exchange'), drop: (m) => m.rule.sub === 'Shelling/artillery/missile attack' },
  // Shelling met by return fire in the same sentence ("attacked positions with artillery, and the troops returned fire") is
  // an exchange of fire between two armed groups: an Armed clash (ACLED Codebook, Shelling/artillery/missile attack).
  {
    id: 'precedence-return-fire',
    any: ['Shelling/artillery/missile attack'],
    also: (_, kept) => kept.some((m) => m.rule.sub === 'Armed clash' && RETURN_FIRE.test(m.text)),
    drop: (m) => m.rule.sub === 'Shelling/artillery/missile attack',
  },
  // Remote violence names the means: a killing in the same sentence is part of it.
  { id: 'precedence-remote', any: REMOTE_SUBS, drop: (m) => m.rule.id === 'massacre' && GUNFIRE.test(m.text) === false && m.rule.sub === 'Attack' },
  // Demonstrators who loot or burn are rioting (ACLED: Violent demonstration); so is an angry crowd that is protesting.
  // Destruction told in a relative clause or a passive with its own agent ("police and guards, who demolished their
  // picket camp", "tents were set on fire by unknown men"), or with the state's forces as its subject ("police later
  // demolished the tents of the sit-in"), is someone else's act, not the demonstrators' riot.
  {
    id: 'precedence-protest-violence',
    any: ['Peaceful protest', 'Protest with intervention'],
    recode: {
      select: (m, subs, text) => m.rule.sub === 'Mob violence' || (m.rule.sub === 'Looting/property destruction' && !hasAny(subs, ['Violent demonstration', 'Mob violence']) &&
        !(text && (/\b(?:who|which|that)\s+(?:had\s+|have\s+|then\s+|later\s+)?$/i.test(text.slice(Math.max(0, m.start - 20), m.start)) ||
          /^\s+by\b/i.test(text.slice(m.end, m.end + 4)) || STATE_SUBJECT.test(text.slice(Math.max(0, m.start - 60), m.start))))),
      sub: 'Violent demonstration',
      suffix: 'protest',
    },
  },
  { id: 'precedence-riot-looting', any: ['Violent demonstration', 'Mob violence'], drop: (m) => m.rule.sub === 'Looting/property destruction' },
  // Burning homes "killing two people": the killing makes it an attack (ACLED: Attack, with the destruction noted).
  // So is a raid told with its dead between it and the destruction ("attacked herders, killing one and making away with
  // 300 goats", "raided villages, killing women and children and driving off cattle"): the attack is the event, the
  // destruction part of it (ACLED Codebook: Looting/property destruction is coded when no other violence is reported).
  {
    id: 'precedence-deadly-destruction',
    any: ['Looting/property destruction'],
    also: (_, kept, text) => kept.some((m) => m.rule.weak && deadlyAttack(m, kept, text)),
    drop: (m) => m.rule.weak && m.rule.sub === 'Attack',
    recode: { select: (m) => m.rule.sub === 'Looting/property destruction', sub: 'Attack', suffix: 'killing' },
  },
  {
    id: 'precedence-deadly-raid',
    any: ['Looting/property destruction'],
    also: (_, kept, text) => kept.some((m) => !m.rule.weak && deadlyAttack(m, kept, text)),
    drop: (m) => m.rule.sub === 'Looting/property destruction',
  },
  // A crowd that punishes a suspect is a mob (ACLED: Mob violence): its killing, seizing or burning is not a separate
  // attack, abduction or arrest, nor a riot unless the sentence names one or the crowd turned on the state's own
  // posts and offices (riot-state-target: a riot against the authorities, ACLED Violent demonstration).
  {
    id: 'precedence-mob',
    any: ['Mob violence'],
    also: (_, kept) => kept.some((m) => MOB_RULES.has(m.rule.id)),
    drop: (m, _, text) => ['Attack', 'Abduction/forced disappearance', 'Arrests'].includes(m.rule.sub) ||
      (m.rule.sub === 'Violent demonstration' && !PROTEST_WORDS.test(m.text) && m.rule.id !== 'riot-state-target') ||
      // "the home of a man accused of raping a child": the mob's pretext, not a rape the report tells.
      (m.rule.sub === 'Sexual violence' && !!text && ACCUSED_OF.test(text.slice(Math.max(0, m.start - 30), m.start))),
  },
  // Protesters who clash with police are rioting, not fighting a battle.
  { id: 'precedence-riot', any: ['Violent demonstration', 'Mob violence'], drop: (m) => m.rule.id === 'clash-noun' },
  // Rioters who overrun or seize a building take no territory (ACLED Codebook: territorial change is for armed actors;
  // demonstrators storming an office are a Violent demonstration).
  { id: 'precedence-riot-not-territory', any: ['Violent demonstration'], drop: (m) => TAKING.includes(m.rule.sub) },
  // Nor do demonstrators who seize, storm or overrun a building or a zone (ACLED Codebook: territorial change is made
  // by armed actors): taking it by force is their Violent demonstration, as riot-storming codes "seized the governorate".
  {
    id: 'precedence-protest-not-territory',
    any: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
    recode: { select: (m, _, text) => TAKING.includes(m.rule.sub) && FORCEFUL_TAKING.test(m.text) && protestersTaking(m, text), sub: 'Violent demonstration', suffix: 'protesters' },
  },
  // Rioters or a mob who free detainees from a police station they storm make no agreement: ACLED Codebook, Agreement
  // is a deal between actors (a release of captives by one of them); the freeing is part of the riot or mob attack.
  {
    id: 'precedence-riot-freeing',
    any: ['Violent demonstration', 'Mob violence'],
    also: (_, kept) => kept.some((m) => m.rule.sub === 'Violent demonstration' || MOB_RULES.has(m.rule.id)),
    drop: (m) => RELEASE_RULES.has(m.rule.id),
  },
  // People taken and then killed: the killing makes it an attack (ACLED: Abduction/forced disappearance is coded
  // "without reports of further violence").
  {
    id: 'precedence-abduction-killed',
    any: ['Attack'],
    also: (_, kept) => kept.some((m) => m.rule.sub === 'Attack' && KILLING.test(m.text)),
    drop: (m) => m.rule.sub === 'Abduction/forced disappearance',
  },
  // A detention whose whereabouts stay unknown is a forced disappearance (ACLED Codebook), not an arrest.
  { id: 'precedence-disappearance', any: ['Abduction/forced disappearance'], also: (_, kept) => kept.some((m) => m.rule.id === 'disappeared'), drop: (m) => m.rule.sub === 'Arrests' },
  // "seized a local chief and detained him": an explicit arrest verb names the event better than the taking.
  { id: 'precedence-arrest-over-taking', any: ['Arrests'], also: (_, kept) => !kept.some((m) => m.rule.id === 'disappeared'), drop: (m) => m.rule.id === 'abduction-taken' },
  // Women and girls abducted and raped or forced into marriage, or raped in a raid that also loots their homes: ACLED
  // codes the sexual violence, whatever other violence accompanies it (ACLED Codebook, Sexual violence).
  { id: 'precedence-sexual', any: ['Sexual violence'], drop: (m) => m.rule.sub === 'Abduction/forced disappearance' || m.rule.sub === 'Looting/property destruction' },
  // "A soldier was arrested after he raped a girl", "police arrested a man accused of raping": the sentence reports the
  // sexual violence and its perpetrator's arrest, which follows from it as a step of the case (ACLED Codebook: Arrests
  // are coded when politically significant, not as the aftermath of an event already coded).
  { id: 'precedence-sexual-arrest', any: ['Sexual violence'], drop: (m) => m.rule.sub === 'Arrests' },
  // Suspects detained with their weapons: the arrest is the event.
  { id: 'precedence-arrest-seizure', any: ['Arrests'], drop: (m) => m.rule.sub === 'Disrupted weapons use' && WEAPONS_FOUND.test(m.text) },
  // Captives "freed after talks", a man "released" who had been "detained", the elders "it had abducted": the
  // release is the event reported (ACLED Codebook, Agreement: releases of captives); the taking it names is
  // background. A taking the sentence reports in its own right ("fighters kidnapped four officials and demanded
  // the release of ...", "released the passengers and took the pilot hostage") stays the event.
  {
    id: 'precedence-release',
    any: ['Agreement'],
    also: (_, kept) => kept.some((m) => RELEASE_RULES.has(m.rule.id)) && kept.some(isTaking),
    drop: (m, kept, text) => {
      const rel = kept.find((k) => RELEASE_RULES.has(k.rule.id))!;
      const reported = kept.some((k) => isTaking(k) && !backgroundTaking(k, rel, text));
      return reported ? RELEASE_RULES.has(m.rule.id) : isTaking(m);
    },
  },
  // A coup's detentions and its 'seized power' are the coup (ACLED Codebook, Other: coups), not arrests or a taking.
  {
    id: 'precedence-coup',
    any: ['Other'],
    also: (_, kept) => kept.some((m) => m.rule.id === 'coup'),
    drop: (m) => m.rule.id !== 'coup' && ['Arrests', 'territory', 'Change to group/activity', 'Disrupted weapons use'].includes(m.rule.sub),
  },
  // Rebels who hand over their weapons or defect as a town changes hands: the transfer is the event (ACLED Codebook).
  { id: 'precedence-surrender-territory', any: ['Non-violent transfer of territory', ...TAKING], drop: (m) => m.rule.id === 'group-surrender' || m.rule.id === 'group-defection' },
  // Chemical shells, bombs or grenades are a chemical weapon attack.
  { id: 'precedence-chemical', any: ['Chemical weapon'], drop: (m) => m.rule.sub === 'Shelling/artillery/missile attack' || m.rule.sub === 'Air/drone strike' || m.rule.sub === 'Grenade' },
  // Rockets, bombs or grenades an aircraft or drone fired or dropped are its air strike (ACLED Codebook, Air/drone
  // strike: drone-dropped munitions are air strikes), not shelling, a thrown grenade or a planted bomb.
  {
    id: 'precedence-air-delivered',
    any: ['Air/drone strike'],
    also: (_, kept) => kept.some((m) => AIR_DELIVERY.has(m.rule.id)),
    drop: (m) => m.rule.sub === 'Shelling/artillery/missile attack' || m.rule.sub === 'Grenade' || m.rule.sub === 'Remote explosive/landmine/IED',
  },
  // "The blast", "an explosion", "the bombing" in a sentence that names the weapon (a drone strike, a grenade, shells,
  // a suicide bomber) is that weapon going off, not a second, planted bomb.
  {
    id: 'precedence-generic-blast',
    any: ['Air/drone strike', 'Shelling/artillery/missile attack', 'Grenade', 'Suicide bomb', 'Chemical weapon'],
    drop: (m) => m.rule.sub === 'Remote explosive/landmine/IED' && GENERIC_BLAST.test(m.text),
  },
  // A shell, mortar round or grenade left from past fighting that goes off is an explosive remnant of war, coded as
  // Remote explosive/landmine/IED by ACLED, not as the shelling or grenade attack that left it.
  {
    id: 'precedence-remnant',
    any: ['Remote explosive/landmine/IED'],
    also: (_, kept) => kept.some((m) => m.rule.id === 'ied-remnant'),
    drop: (m) => m.rule.sub === 'Shelling/artillery/missile attack' || m.rule.sub === 'Grenade',
  },
  // A suicide bombing is not also an IED.
  { id: 'precedence-suicide', any: ['Suicide bomb'], drop: (m) => m.rule.sub === 'Remote explosive/landmine/IED' },
  // Arrests at a protest are the police's intervention in it, not a separate arrest event.
  {
    id: 'precedence-protest-arrest',
    any: ['Peaceful protest', ...PROTEST_MET],
    drop: (m) => m.rule.sub === 'Arrests',
    recode: {
      select: (m) => m.rule.sub === 'Peaceful protest',
      sub: 'Protest with intervention',
      suffix: 'arrests',
      when: (subs, kept, text) => kept.some((m) => arrestAtProtest(m, kept, text)) && !hasAny(subs, PROTEST_MET),
    },
  },
];

/** Precedence inside one sentence: the ids are printed in `rules`; `text` (the article) lets a step read the words before a match. */
export function resolvePrecedence(ms: TriggerMatch[], rules: string[][], text?: string): TriggerMatch[] {
  if (ms.length < 2) return ms.slice(); // nothing to weigh a lone match against
  // Overlapping matches: keep the strong over the weak, then the longer, then the heavier one.
  const byLen = [...ms].sort((a, b) => Number(a.rule.weak) - Number(b.rule.weak) || overlapRank(a) - overlapRank(b) ||
    b.end - b.start - (a.end - a.start) || b.rule.weight - a.rule.weight);
  let kept: TriggerMatch[] = [];
  for (const m of byLen) {
    const over = kept.filter((k) => m.start < k.end && k.start < m.end);
    if (!over.length) kept.push(m);
    // Two readings of the same words about a protest: the one the steps below would keep wins, not the longer
    // ("police officers were injured in clashes with demonstrators": the riot, not force on the protesters).
    else if (over.length === 1 && overlapOutranks(m, over[0]!)) kept[kept.indexOf(over[0]!)] = m;
  }
  kept.sort((a, b) => a.start - b.start);
  // Weak triggers (a bare "killed") count only when nothing stronger is in the sentence,
  // and a killing is part of the remote violence the sentence names, however weakly.
  if (kept.some((m) => !m.rule.weak && SUBSUMES_KILLING.has(m.rule.sub))) kept = kept.filter((m) => !m.rule.weak);
  else if (kept.some((m) => REMOTE.has(m.rule.sub))) kept = kept.filter((m) => REMOTE.has(m.rule.sub) || (m.rule.sub !== 'Attack' && m.rule.sub !== 'Armed clash'));
  if (kept.length < 2) return kept; // every step weighs one match against another
  const subs = new Set<string>(kept.map((m) => m.rule.sub));
  for (const step of STEPS) {
    if (!hasAny(subs, step.any) || (step.also && !step.also(subs, kept, text))) continue;
    const before = kept;
    if (step.drop) {
      const left: TriggerMatch[] = [];
      for (const m of kept) {
        if (step.drop(m, before, text)) rules.push([step.id, m.rule.id]);
        else left.push(m);
      }
      kept = left;
    }
    const r = step.recode;
    if (r && (!r.when || r.when(subs, before, text))) {
      kept = kept.map((m) => (r.select(m, subs, text) ? { ...m, rule: { ...m.rule, id: `${m.rule.id}+${r.suffix}`, sub: r.sub } } : m));
    }
  }
  return kept;
}
