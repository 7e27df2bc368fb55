/**
 * @module code/precedence
 * ACLED's precedence between the triggers of one sentence: a protest that met force is the
 * force, fighting that ends in a capture is the capture, a killing is part of the remote
 * violence that caused it. Each decision is recorded with an id.
 */
import type { SubEventType } from '../domain/types.js';
import type { TriggerMatch } from './triggers.js';

/** Strong triggers whose events include the killings their sentence reports ("an air strike killed 5"). */
const SUBSUMES_KILLING = new Set<string>(['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory', 'territory',
  'Air/drone strike', 'Shelling/artillery/missile attack', 'Suicide bomb', 'Remote explosive/landmine/IED', 'Grenade', 'Chemical weapon',
  'Attack', 'Excessive force against protesters', 'Violent demonstration', 'Mob violence']);

/** An arrest as an action ("police detained 20"), not as a noun ("the arrest of"). */
const ARREST_VERB = /^(?:arrested|detained|detaining|arresting|rounded up|apprehended|taken into custody|picked up|nabbed|placed under arrest)/i;

export const REMOTE = new Set<string>(['Air/drone strike', 'Shelling/artillery/missile attack', 'Suicide bomb', 'Remote explosive/landmine/IED', 'Grenade', 'Chemical weapon']);

/**
 * Which of two overlapping matches names the event better, before length: a weapon that did not
 * go off ("the bomb they were planting exploded prematurely") over the explosion, and the means
 * of remote violence ("helicopters fired on militant positions") over a generic fight.
 */
function overlapRank(m: TriggerMatch): number {
  if (m.rule.sub === 'Disrupted weapons use') return 0;
  return REMOTE.has(m.rule.sub) ? 1 : 2;
}

/** Precedence inside one sentence: the ids are printed in `rules`. */
export function resolvePrecedence(ms: TriggerMatch[], rules: string[][]): TriggerMatch[] {
  // Overlapping matches: keep the strong over the weak, then the longer, then the heavier one.
  const byLen = [...ms].sort((a, b) => Number(a.rule.weak) - Number(b.rule.weak) || overlapRank(a) - overlapRank(b) ||
    b.end - b.start - (a.end - a.start) || b.rule.weight - a.rule.weight);
  let kept: TriggerMatch[] = [];
  for (const m of byLen) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  kept.sort((a, b) => a.start - b.start);
  // Weak triggers (a bare "killed") count only when nothing stronger is in the sentence,
  // and a killing is part of the remote violence the sentence names, however weakly.
  if (kept.some((m) => !m.rule.weak && SUBSUMES_KILLING.has(m.rule.sub))) kept = kept.filter((m) => !m.rule.weak);
  else if (kept.some((m) => REMOTE.has(m.rule.sub))) kept = kept.filter((m) => REMOTE.has(m.rule.sub) || (m.rule.sub !== 'Attack' && m.rule.sub !== 'Armed clash'));
  const subs = new Set(kept.map((m) => m.rule.sub));
  const drop = (pred: (m: TriggerMatch) => boolean, why: string) => {
    kept = kept.filter((m) => {
      if (!pred(m)) return true;
      rules.push([why, m.rule.id]);
      return false;
    });
  };
  const has = (...s: string[]) => s.some((x) => subs.has(x as SubEventType));
  // A protest that turned violent or met force is coded as that (ACLED precedence).
  if (has('Protest with intervention', 'Excessive force against protesters', 'Violent demonstration', 'Mob violence')) {
    drop((m) => m.rule.sub === 'Peaceful protest', 'precedence-protest');
  }
  if (has('Excessive force against protesters')) drop((m) => m.rule.sub === 'Protest with intervention', 'precedence-force');
  // Protesters who turn violent are rioters, whatever the police then do (ACLED: Violent demonstration).
  if (has('Violent demonstration')) drop((m) => m.rule.sub === 'Protest with intervention', 'precedence-riot-over-intervention');
  // A weapon defused, intercepted or seized did not go off: Disrupted weapons use.
  if (has('Disrupted weapons use')) {
    drop((m) => ['Grenade', 'Remote explosive/landmine/IED', 'Shelling/artillery/missile attack', 'Air/drone strike', 'Suicide bomb'].includes(m.rule.sub), 'precedence-disrupted');
    // "A consignment of weapons was seized": the seizure is of weapons, not of a place.
    drop((m) => m.rule.sub === 'territory' && /seiz|captur/i.test(m.text), 'precedence-disrupted-seizure');
  }
  // A place taken "unopposed", "without a fight", or handed over as the other side left changed
  // hands without violence (ACLED: Non-violent transfer of territory), unless the sentence fights.
  if (has('Non-violent transfer of territory') && has('territory', 'Government regains territory', 'Non-state actor overtakes territory') && !has('Armed clash')) {
    // An explicit recapture ("troops recaptured the town after the militants withdrew") stays a recapture.
    const taking = kept.filter((m) => m.rule.id !== 'recapture' &&
      (m.rule.sub === 'territory' || m.rule.sub === 'Government regains territory' || m.rule.sub === 'Non-state actor overtakes territory'));
    if (taking.length) drop((m) => m.rule.sub === 'Non-violent transfer of territory', 'precedence-nonviolent-transfer');
    kept = kept.map((m) => (taking.includes(m) ? { ...m, rule: { ...m.rule, id: `${m.rule.id}+nonviolent`, sub: 'Non-violent transfer of territory' as const } } : m));
  }
  // Armed men who "entered the village and opened fire" attacked it; they did not take it.
  if (has('Armed clash', 'Attack', 'Abduction/forced disappearance', 'Looting/property destruction', 'Sexual violence')) {
    drop((m) => m.rule.id === 'entered-place', 'precedence-entry-is-the-attack');
  }
  // Fighting that ends in a change of control is the change of control.
  if (has('territory', 'Government regains territory', 'Non-state actor overtakes territory')) {
    drop((m) => m.rule.sub === 'Armed clash', 'precedence-territory');
  }
  // Remote violence names the means: a killing in the same sentence is part of it.
  if (has('Air/drone strike', 'Shelling/artillery/missile attack', 'Suicide bomb', 'Remote explosive/landmine/IED', 'Grenade', 'Chemical weapon')) {
    drop((m) => m.rule.id === 'massacre' && /opened fire|shot/i.test(m.text) === false && m.rule.sub === 'Attack', 'precedence-remote');
  }
  // Demonstrators who loot or burn are rioting (ACLED: Violent demonstration); so is an angry crowd that is protesting.
  if (has('Peaceful protest', 'Protest with intervention')) {
    kept = kept.map((m) => (m.rule.sub === 'Mob violence' || (m.rule.sub === 'Looting/property destruction' && !has('Violent demonstration', 'Mob violence'))
      ? { ...m, rule: { ...m.rule, id: `${m.rule.id}+protest`, sub: 'Violent demonstration' as const } } : m));
  }
  if (has('Violent demonstration', 'Mob violence')) drop((m) => m.rule.sub === 'Looting/property destruction', 'precedence-riot-looting');
  // Burning homes "killing two people": the killing makes it an attack (ACLED: Attack, with the destruction noted).
  if (has('Looting/property destruction') && kept.some((m) => m.rule.weak && m.rule.sub === 'Attack' && /kill|dead|death|died/i.test(m.text))) {
    drop((m) => m.rule.weak && m.rule.sub === 'Attack', 'precedence-deadly-destruction');
    kept = kept.map((m) => (m.rule.sub === 'Looting/property destruction' ? { ...m, rule: { ...m.rule, id: `${m.rule.id}+killing`, sub: 'Attack' as const } } : m));
  }
  // Protesters who clash with police are rioting, not fighting a battle.
  if (has('Violent demonstration', 'Mob violence')) drop((m) => m.rule.id === 'clash-noun', 'precedence-riot');
  // Suspects detained with their weapons: the arrest is the event.
  if (has('Arrests')) drop((m) => m.rule.sub === 'Disrupted weapons use' && /seiz|confiscat|recover|found/i.test(m.text), 'precedence-arrest-seizure');
  // Chemical shells or bombs are a chemical weapon attack.
  if (has('Chemical weapon')) drop((m) => m.rule.sub === 'Shelling/artillery/missile attack' || m.rule.sub === 'Air/drone strike', 'precedence-chemical');
  // A suicide bombing is not also an IED.
  if (has('Suicide bomb')) drop((m) => m.rule.sub === 'Remote explosive/landmine/IED', 'precedence-suicide');
  // Arrests at a protest are the police's intervention in it, not a separate arrest event.
  if (has('Peaceful protest', 'Protest with intervention', 'Excessive force against protesters', 'Violent demonstration')) {
    // "Protesting against the arrest of their leader": an arrest named as the protest's grievance is not police action at it.
    const arrests = kept.filter((m) => m.rule.sub === 'Arrests' && ARREST_VERB.test(m.text) && !kept.some((p) => p.rule.sub === 'Peaceful protest' && p.end <= m.start && m.start - p.end <= 60));
    drop((m) => m.rule.sub === 'Arrests', 'precedence-protest-arrest');
    if (arrests.length && !has('Protest with intervention', 'Excessive force against protesters', 'Violent demonstration')) {
      kept = kept.map((m) => (m.rule.sub === 'Peaceful protest' ? { ...m, rule: { ...m.rule, id: `${m.rule.id}+arrests`, sub: 'Protest with intervention' as const } } : m));
    }
  }
  return kept;
}
