/**
 * The coder's decisions, one behaviour per test, on short texts written for these
 * tests (plain-text news layout: first line `date YYYY-MM-DD lede`).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Extraction } from '../domain/types.js';
import { readDocument } from '../read/index.js';
import { createExtractor, type Extractor } from './extract.js';

let extractor: Extractor;
before(async () => {
  extractor = await createExtractor();
});

function code(text: string, explain = false): Extraction {
  const [r] = readDocument('t.txt', text);
  if (!r || !('article' in r)) throw new Error('fixture did not read');
  return extractor.extract(r.article, { explain });
}
const subs = (x: Extraction) => x.events.map((e) => e.sub_event_type);

describe('event coder', () => {
  it('places an event at a town the gazetteer lacks by its name, at the coordinates of what the text says is around it', () => {
    const near = code('date 2024-05-01 Suspected ADF fighters killed at least 12 villagers in an overnight attack on the village of Bwerembo near Beni on Tuesday.\n');
    assert.deepEqual(near.events.map((e) => [e.location, e.latitude, e.geo_precision, e.geonameid]), [['Bwerembo', 0.49113, 2, null]]);
    const inProvince = code('date 2024-05-01 M23 rebels seized the town of Bwerembo, in North Kivu province, on Tuesday after Congolese troops pulled out.\n');
    assert.deepEqual(inProvince.events.map((e) => [e.location, e.admin1, e.geo_precision]), [['Bwerembo', 'North Kivu', 3]]);
    assert.deepEqual(inProvince.control_changes.map((c) => c.location), ['Bwerembo']);
  });
  it('reads a passive expulsion ("militants were expelled from X ... by Y"): the subject lost the place, the agent took it', () => {
    const x = code('date 2016-06-27 Islamic State militants were expelled from Fallujah on Sunday after a month-long offensive by Iraqi forces.\n');
    assert.deepEqual(x.events.map((e) => `${e.sub_event_type}: ${e.actor1} / ${e.actor2} @ ${e.location}`),
      ['Government regains territory: Military Forces of Iraq / Islamic State (Iraq) @ Al Fallujah']);
    assert.deepEqual(x.control_changes.map((c) => `${c.from_actor} -> ${c.to_actor}`), ['Islamic State (Iraq) -> Military Forces of Iraq']);
  });
  it('force against protesters by armed men names them, not the police', () => {
    const x = code('date 2020-02-17 Gunmen opened fire on students protesting against fees in Bamenda on Sunday, killing two.\n');
    assert.deepEqual(x.events.map((e) => `${e.sub_event_type}: ${e.actor1} / ${e.actor2}`),
      ['Excessive force against protesters: Protesters (Cameroon) / Unidentified Armed Group (Cameroon)']);
  });
  it('teachers or students kidnapped are civilians (they are protesters only where the sentence speaks of a protest)', () => {
    const x = code('date 2020-02-17 Suspected separatist fighters on Sunday kidnapped a council official and two teachers in Bamenda.\n');
    assert.deepEqual(x.events.map((e) => `${e.sub_event_type}: ${e.actor2} ${e.civilian_targeting}`), ['Abduction/forced disappearance: Civilians (Cameroon) true']);
  });
  it('a place in a later clause about another event ("in retaliation for ...") is not the event\'s', () => {
    const x = code('date 2021-08-28 The United States said it had killed two militants in a drone strike in eastern Afghanistan, in retaliation for the bombing outside Kabul airport.\n');
    assert.equal(x.events.find((e) => e.sub_event_type === 'Air/drone strike')?.location, 'Afghanistan');
  });
  it('an actor between a verb of violence and the means is the target, the one before the verb the agent', () => {
    const x = code('date 2021-08-28 The United States said on Saturday it had killed two Islamic State militants in a drone strike in Nangarhar.\n');
    assert.deepEqual(x.events.map((e) => `${e.sub_event_type}: ${e.actor1} / ${e.actor2}`),
      ['Air/drone strike: Military Forces of United States / Islamic State (Afghanistan)']);
  });
  it('asks the classifier when the only trigger fell as an undated plural (a pattern, or one report without a date)', () => {
    const x = code('date 2021-01-05 Explosive devices hidden in parked buses went off in what police called an attempted mass-casualty attack.\n', true);
    assert.deepEqual(subs(x), ['Remote explosive/landmine/IED']);
    assert.ok(x.events[0]!.rules.includes('classifier'));
    assert.deepEqual(x.dropped?.map((d) => d.reason), ['generic-plural']);
  });
  it('a place taken counts when the text names it, even where the gazetteer lacks it', () => {
    // "Maungdaw" is read as a place but left unplaced (its only candidate is a transliteration in China).
    const x = code('date 2021-01-05 In Maungdaw, the Arakan Army took control after a brief fight on Monday, residents said.\n', true);
    assert.deepEqual(subs(x), ['Non-state actor overtakes territory']);
    assert.ok(x.events[0]!.rules.includes('capture'), 'the rule\'s own event, not the classifier\'s');
  });
  it('gives "militants" to the one armed group the article names, but leaves unidentified gunmen unidentified', () => {
    const named = code('date 2019-06-02 Boko Haram fighters have stepped up raids in Borno state this year.\n\nOn Saturday militants abducted twelve farmers near Gwoza, residents said.\n');
    const abduction = named.events.find((e) => e.sub_event_type === 'Abduction/forced disappearance');
    assert.equal(abduction?.actor1, 'Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad');
    assert.ok(abduction?.rules.includes('actor1-article-group'));
    const unnamed = code('date 2019-06-02 Boko Haram fighters have stepped up raids in Borno state this year.\n\nOn Saturday unidentified gunmen abducted twelve farmers near Gwoza, residents said.\n');
    assert.equal(unnamed.events.find((e) => e.sub_event_type === 'Abduction/forced disappearance')?.actor1, 'Unidentified Armed Group (Nigeria)');
  });
  it('gives an unnamed striker to the state whose forces the article names most, not to the place struck', () => {
    const x = code('date 2023-07-04 Israeli forces raided the Jenin camp on Monday, the Israeli military said. Israeli troops and aircraft took part in the operation.\n\nA drone strike hit a house in Jenin later on Monday, killing two people.\n');
    const strike = x.events.find((e) => e.sub_event_type === 'Air/drone strike');
    assert.ok(strike, 'a drone strike event');
    assert.equal(strike.actor1, 'Military Forces of Israel');
    assert.ok(strike.rules.includes('actor1-default-article-forces'));
  });
  it('does not make a gun battle a riot because protesters or activists are its source', () => {
    const x = code('date 2021-03-10 Government troops and rebels fought a gun battle near Uvira on Tuesday, local activists reported.\n');
    assert.deepEqual(subs(x), ['Armed clash']);
  });
  it('codes a place taken by a foreign state\'s forces as overtaken, by the country\'s own forces as regained (ACLED Codebook)', () => {
    const foreign = code('date 2022-04-02 Russian forces captured the town of Izium in Kharkiv region on Friday.\n');
    assert.deepEqual(subs(foreign), ['Non-state actor overtakes territory']);
    assert.ok(foreign.events[0]!.rules.includes('territory-by-foreign-state'));
    const own = code('date 2022-11-12 Ukrainian forces recaptured the town of Izium in Kharkiv region on Friday.\n');
    assert.deepEqual(subs(own), ['Government regains territory']);
    // the country's own forces in a joint subject keep it a regain
    const joint = code('date 2016-02-10 The US-led coalition and Iraqi forces recaptured Ramadi on Tuesday.\n');
    assert.deepEqual(subs(joint), ['Government regains territory']);
  });
  it('reads a shared acronym as the group of the event\'s country: the SNA regains a Somali town, takes a Syrian one', () => {
    const somalia = code('date 2019-03-04 Somali National Army (SNA) forces recaptured Sabiid in Lower Shabelle from Al Shabaab on Sunday.\n');
    assert.deepEqual(subs(somalia), ['Government regains territory']);
    assert.equal(somalia.events[0]!.actor1, 'Military Forces of Somalia');
    const syria = code('date 2019-10-14 The SNA captured Tal Abyad from the SDF on Sunday.\n');
    assert.deepEqual(subs(syria), ['Non-state actor overtakes territory']);
    assert.equal(syria.events[0]!.actor1, 'Syrian National Army');
  });
  it('asks the fall-back classifier when no rule matches, and says so in the rules and the evidence', async () => {
    const text = 'date 2021-05-12 Sappers rendered the device harmless before it could go off near the checkpoint in Mogadishu.\n';
    const x = code(text);
    assert.equal(x.events.length, 1);
    const e = x.events[0]!;
    assert.equal(e.sub_event_type, 'Disrupted weapons use');
    assert.ok(e.rules.includes('classifier'));
    assert.equal(e.location, 'Mogadishu');
    const ev = e.evidence.find((v) => v.field === 'sub_event_type');
    assert.ok(ev && ev.end > ev.start, 'the words behind the answer are the evidence');
    const rulesOnly = await createExtractor({ classifier: false });
    const [r] = readDocument('t.txt', text);
    assert.ok(r && 'article' in r);
    assert.equal(rulesOnly.extract(r.article).events.length, 0);
    // What the classifier has learnt is not an event stays without one.
    assert.equal(code('date 2021-05-12 The finance minister met IMF officials in Abuja on Monday to discuss the budget.\n').events.length, 0);
  });

  it('codes an air strike with its date, place, state actor and the dead', () => {
    const x = code('date 2021-05-12 A Russian air strike on a market in Idlib killed nine civilians on Monday, rescuers said.\n');
    assert.equal(x.events.length, 1);
    const e = x.events[0]!;
    assert.equal(e.sub_event_type, 'Air/drone strike');
    assert.equal(e.event_date, '2021-05-10');
    assert.equal(e.actor1, 'Military Forces of Russia');
    assert.equal(e.actor2, 'Civilians (Syria)');
    assert.equal(e.location, 'Idlib');
    assert.equal(e.fatalities, 9);
    assert.equal(e.historical, false);
    assert.ok(e.evidence.some((ev) => ev.field === 'sub_event_type' && ev.text === 'air strike'));
  });

  it('keeps the events precedence took into a match that then fails its own checks', () => {
    // A capture with no place taken: the fighting it had taken into itself is still a battle.
    const x = code('date 2021-03-02 Al Shabaab fighters seized control after a night of heavy fighting with government troops, residents said.\n', true);
    assert.deepEqual(x.dropped?.map((d) => d.reason), ['territory-without-place']);
    assert.deepEqual(subs(x), ['Armed clash']);
    // A protest the sentence only plans does not take the arrest into itself (ACLED: Arrests).
    const arrest = code('date 2021-03-02 Police arrested the opposition leader in Kampala on Monday, two days before planned protests.\n', true);
    assert.deepEqual(subs(arrest), ['Arrests']);
    assert.ok(arrest.dropped?.some((d) => d.reason.startsWith('context-')));
  });
  it('places a transfer told in two verbs where either verb names the place (ACLED: one non-violent transfer)', () => {
    for (const text of [
      'date 2021-03-02 Militia fighters left Mbau after talks mediated by elders; army troops took over peacefully.\n',
      'date 2021-03-02 Rebel fighters handed over the Kasindi border post to government forces under an agreement.\n',
    ]) {
      const x = code(text);
      assert.deepEqual(subs(x), ['Non-violent transfer of territory'], text);
      assert.notEqual(x.events[0]!.rules[0], 'classifier', text);
    }
  });
  it('codes a deadly raid that also burnt or looted as one attack, whatever the strength of its attack trigger (ACLED Codebook)', () => {
    for (const text of [
      'date 2021-03-02 Militiamen raided villages near Djugu, killing eleven civilians and burning dozens of huts.\n',
      'date 2021-03-02 Gunmen shot dead three villagers in Kwaga and set their granaries on fire.\n',
    ]) assert.deepEqual(subs(code(text)), ['Attack'], text);
  });
  it('codes a rape and its perpetrator\'s arrest as the sexual violence, not by the arresting police (ACLED Codebook)', () => {
    const x = code('date 2021-03-02 A soldier was arrested in Bunia on Tuesday after he raped a 14-year-old girl at a checkpoint, the army said.\n');
    assert.deepEqual(subs(x), ['Sexual violence']);
    const y = code('date 2021-03-02 Police arrested a militiaman accused of raping two displaced women near Kalehe on Sunday.\n');
    assert.deepEqual(subs(y), ['Sexual violence']);
    assert.ok(!y.events[0]!.actor1.startsWith('Police'), y.events[0]!.actor1);
  });
  it('codes a grenade thrown into a protest by state forces as excessive force, by others as a grenade on protesters (ACLED Codebook)', () => {
    const forces = code('date 2021-03-02 Police threw a grenade into a crowd of protesters in Bujumbura on Friday, killing two.\n');
    assert.deepEqual(subs(forces), ['Excessive force against protesters']);
    assert.equal(forces.events[0]!.actor2, 'Police Forces of Burundi');
    const others = code('date 2021-03-02 Unidentified men threw a grenade into a crowd of opposition protesters in Bujumbura on Friday, wounding 12.\n');
    const grenade = others.events.find((e) => e.sub_event_type === 'Grenade');
    assert.equal(grenade?.actor2, 'Protesters (Burundi)');
  });
  it('reads "since" before a time of this week as how long the event has lasted, not as a recalled one', () => {
    const x = code('date 2021-03-04 Since Monday morning hundreds of nurses are protesting outside the health ministry in Lusaka.\n');
    assert.deepEqual(subs(x), ['Peaceful protest']);
    // a clause that recalls an event of this week dates it: the event is this week's news
    const y = code('date 2021-03-04 Since protests began on Monday, police have arrested 200 people in Accra.\n');
    assert.ok(y.events.some((e) => ['Peaceful protest', 'Protest with intervention'].includes(e.sub_event_type)), JSON.stringify(subs(y)));
    // one recalled without a date stays background
    assert.deepEqual(subs(code('date 2021-03-04 Fuel prices have doubled since protesters blocked the refinery in Port Harcourt.\n')), []);
  });
  it('codes weapons captured in a fight as part of the battle, not as a disrupted weapon of the other side (ACLED Codebook)', () => {
    const x = code('date 2021-03-02 Al Shabaab fighters clashed with Somali troops near Afgooye on Monday and captured weapons and vehicles, residents said.\n');
    assert.deepEqual(subs(x), ['Armed clash']);
    assert.equal(x.events[0]!.actor1, 'Al Shabaab');
  });
  it('reads a discard context in the sentence a placeless one continues ("5 crew arrested." after a drug seizure)', () => {
    const x = code('date 2021-03-02 Police seized 300 kg of heroin at the port of Karachi on Monday. Three suspects were arrested.\n', true);
    assert.deepEqual(subs(x), []);
    assert.ok(x.dropped?.some((d) => d.reason === 'discard-ordinary-crime' && d.text === 'arrested'));
    // a sentence that names its own place starts a new report
    const y = code('date 2021-03-02 Police seized cannabis in a raid in Nairobi on Monday. Separately, police arrested an opposition MP in Mombasa over a speech.\n');
    assert.deepEqual(subs(y), ['Arrests']);
  });
  it('asks the classifier too when the rules dropped every trigger only for want of certainty', () => {
    const x = code('date 2021-03-02 Al Shabaab fighters seized control on Monday night, residents said.\n', true);
    assert.deepEqual(x.dropped?.map((d) => d.reason), ['territory-without-place']);
    assert.deepEqual(x.events.map((e) => e.sub_event_type), ['Non-state actor overtakes territory']);
    assert.equal(x.events[0]!.rules[0], 'classifier');
    // A trigger dropped because the text says no event happened (here negated) is not second-guessed.
    assert.equal(code('date 2021-03-02 The army denied that Al Shabaab fighters had seized the town of Bulo Burte.\n').events.length, 0);
  });

  it('an attribution that gives the calendar date reports the event; one that only recalls it does not', () => {
    const x = code('date 2019-08-20 Investigators said the regime was responsible for releasing sarin on the town of Khan Shaykhun on April 4, 2017.\n');
    assert.deepEqual(x.events.map((e) => [e.sub_event_type, e.event_date]), [['Chemical weapon', '2017-04-04']]);
    assert.equal(code('date 2019-08-20 Officials said the militia was responsible for the bombing in Kabul.\n').events.length, 0);
  });

  it('who has held a place since a year back is not a change of control', () => {
    const x = code('date 2019-08-20 Troops entered Khan Shaykhun on Monday. The city had been in the hands of rebel groups since 2014.\n');
    assert.deepEqual(x.events.map((e) => e.sub_event_type), ['Government regains territory']);
  });

  it('an adjective of nationality before non-state people names them, not the state', () => {
    const x = code('date 2023-06-21 Israeli settlers attacked Palestinians in the village of Burin on Tuesday.\n');
    assert.equal(x.events[0]?.sub_event_type, 'Attack');
    assert.equal(x.events[0]?.actor1, 'Settlers (Israel)');
    const y = code('date 2023-06-21 Israeli shelling hit the village of Burin on Tuesday.\n');
    assert.equal(y.events[0]?.actor1, 'Military Forces of Israel');
  });

  it('a coordinated verb shares the first verb\'s subject', () => {
    const x = code('date 2021-05-12 The Iraqi army pushed back the militants and reclaimed the town of Sinjar on Monday.\n');
    assert.equal(x.events[0]?.sub_event_type, 'Government regains territory');
    assert.equal(x.events[0]?.actor1, 'Military Forces of Iraq');
  });

  it('a bare "Congo" is the Democratic Republic of Congo (wire style); "Republic of Congo" is Congo-Brazzaville', () => {
    assert.equal(code('date 2024-05-02 M23 rebels seized a town in eastern Congo on Tuesday.\n').events[0]?.country, 'Democratic Republic of Congo');
    assert.equal(code('date 2024-05-02 Clashes erupted in the Republic of Congo on Tuesday.\n').events[0]?.country, 'Republic of Congo');
  });

  it('does not code a denied strike', () => {
    const x = code('date 2021-05-12 The ministry denied carrying out any air strike near Idlib on Monday.\n', true);
    assert.deepEqual(subs(x), []);
    assert.ok(x.dropped?.some((d) => d.reason === 'context-negated'));
  });

  it('does not code a threat or a plan', () => {
    assert.deepEqual(subs(code('date 2021-05-12 The rebels threatened to attack army positions near Kidal.\n')), []);
    assert.deepEqual(subs(code('date 2021-05-12 The army said it would launch air strikes on Gao if talks fail.\n')), []);
  });

  it('codes a reported event with lower confidence than a stated one', () => {
    const plain = code('date 2021-05-12 Gunmen abducted 12 passengers near Kaduna on Monday.\n').events[0]!;
    const hedged = code('date 2021-05-12 Gunmen reportedly abducted 12 passengers near Kaduna on Monday.\n').events[0]!;
    assert.equal(hedged.sub_event_type, 'Abduction/forced disappearance');
    assert.ok(hedged.confidence < plain.confidence, `${hedged.confidence} < ${plain.confidence}`);
  });

  it('marks an event more than 30 days old as historical', () => {
    const x = code('date 2021-05-12 The town was hit by a car bomb on March 3, 2019 that killed 20 people.\n\nNo group has claimed it.\n');
    const e = x.events.find((ev) => ev.sub_event_type === 'Remote explosive/landmine/IED');
    assert.equal(e?.historical, true);
    assert.equal(e?.event_date, '2019-03-03');
  });

  it('adds complementary counts of the dead and keeps the lowest of competing ones', () => {
    const x = code('date 2022-02-10 Militants ambushed an army patrol near Gao on Tuesday, killing 12 soldiers and three civilians.\n');
    assert.equal(x.events[0]?.fatalities, 15);
  });

  it('adds the dead of another named group from the next sentence, keeps the lowest of competing sources', () => {
    const a = code('date 2023-07-05 Troops raided the camp near Jenin on Tuesday, killing 12 Palestinian fighters.\nAn Israeli soldier was also killed, the army said.\n');
    assert.equal(a.events.find((e) => e.event_type === 'Battles')?.fatalities, 13, JSON.stringify(a.events.map((e) => [e.sub_event_type, e.fatalities])));
    const b = code('date 2023-05-10 Police opened fire on protesters in Peshawar on Wednesday. A hospital spokesman said four people died, while the party said eight of its supporters had been killed.\n');
    assert.equal(b.events.find((e) => e.sub_event_type === 'Excessive force against protesters')?.fatalities, 4, JSON.stringify(b.events.map((e) => [e.sub_event_type, e.fatalities])));
  });

  it('codes one change of control per place a withdrawal names', () => {
    const x = code('date 2022-09-11 Russian troops withdrew from Izium and Balakliia on Saturday, officials said.\n');
    const places = x.events.filter((e) => e.sub_event_type === 'Non-violent transfer of territory').map((e) => e.location);
    assert.equal(places.length, 2, JSON.stringify(places));
  });

  it('tells a capture by the state from a capture by rebels', () => {
    assert.deepEqual(subs(code('date 2023-11-15 Malian troops recaptured Kidal on Tuesday.\n')), ['Government regains territory']);
    assert.deepEqual(subs(code('date 2023-11-15 JNIM fighters seized the town of Boulkessi on Tuesday.\n')), ['Non-state actor overtakes territory']);
  });

  it('codes a protest met by live fire as excessive force, with protesters as actor1', () => {
    const x = code('date 2022-06-01 Police opened fire on protesters in Khartoum on Tuesday, killing three.\n');
    assert.equal(x.events[0]?.sub_event_type, 'Excessive force against protesters');
    assert.equal(x.events[0]?.actor1, 'Protesters (Sudan)');
    assert.equal(x.events[0]?.actor2, 'Police Forces of Sudan');
  });

  it('is not fooled by a flood or a factory fire', () => {
    assert.deepEqual(subs(code('date 2022-06-01 Floods destroyed hundreds of homes in Sindh on Monday.\n')), []);
    assert.deepEqual(subs(code('date 2022-06-01 An explosion at a fertiliser factory in Chittagong killed four workers on Monday.\n')), []);
  });

  it('codes one event for the same strike named twice', () => {
    const x = code('date 2024-03-02 An Israeli air strike hit a house in Rafah on Friday, killing six people.\n\nThe strike on the house in Rafah also wounded 11, medics said.\n');
    assert.equal(x.events.filter((e) => e.sub_event_type === 'Air/drone strike').length, 1);
  });

  it('a background sentence lends its year to the next one, which stays background', () => {
    const x = code('date 2019-08-20 Government forces advanced into Khan Shaykhun on Monday.\n\nThe town was hit by a sarin attack in 2017 that killed 90 people. The chemical attack prompted US missile strikes.\n');
    const chem = x.events.filter((e) => e.sub_event_type === 'Chemical weapon');
    assert.equal(chem.length, 1, JSON.stringify(chem.map((e) => e.event_date)));
    assert.equal(chem[0]!.historical, true);
    assert.ok(!x.events.some((e) => e.event_date?.startsWith('2019') && e.event_type === 'Explosions/Remote violence'));
  });

  it('explains why a trigger was dropped', () => {
    const x = code('date 2022-06-01 Floods destroyed hundreds of homes in Sindh on Monday.\n', true);
    assert.ok(x.dropped?.some((d) => d.reason === 'discard-natural-disaster'), JSON.stringify(x.dropped));
  });
});
