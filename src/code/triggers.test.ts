import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadTaxonomy } from './taxonomy.js';
import { findTriggers, findTriggersBySentence, loadTriggers } from './triggers.js';

const rules = loadTriggers(loadTaxonomy());
const subsOf = (s: string) => findTriggers(rules, s, { start: 0, end: s.length }).map((m) => m.rule.sub);

describe('trigger rules', () => {
  // One sentence per rule family, written for this test (not taken from any gold set).
  const cases: [string, string][] = [
    ['Government warplanes bombed a market in the north of the province.', 'Air/drone strike'],
    ['A drone strike hit a car carrying two commanders.', 'Air/drone strike'],
    ['Artillery shells landed on the outskirts of the town overnight.', 'Shelling/artillery/missile attack'],
    ['A roadside bomb exploded as the patrol passed.', 'Remote explosive/landmine/IED'],
    ['A suicide bomber blew himself up at the checkpoint.', 'Suicide bomb'],
    ['Militants hurled a grenade into the crowd.', 'Grenade'],
    ['Residents said chlorine gas was released over the district.', 'Chemical weapon'],
    ['Gunmen abducted 14 passengers from a bus.', 'Abduction/forced disappearance'],
    ['Fighters raped women in the camp, the report said.', 'Sexual violence'],
    ['Rebels clashed with the army near the border.', 'Armed clash'],
    ['Hundreds of teachers marched to the ministry to demand back pay.', 'Peaceful protest'],
    ['Police fired tear gas to disperse the protesters.', 'Protest with intervention'],
    ['Rioters torched a police station.', 'Violent demonstration'],
    ['A mob lynched two men accused of theft.', 'Mob violence'],
    ['The two sides signed a ceasefire agreement in Doha.', 'Agreement'],
    ['Police arrested 30 people in dawn raids.', 'Arrests'],
    ['Air defences intercepted two drones over the capital.', 'Disrupted weapons use'],
    ['The militia looted shops in the market.', 'Looting/property destruction'],
    ['The rebels withdrew from the town on Sunday.', 'Non-violent transfer of territory'],
    ['The army recaptured the town after a week of fighting.', 'Government regains territory'],
  ];
  for (const [sentence, sub] of cases) {
    it(`${sub}: "${sentence}"`, () => assert.ok(subsOf(sentence).includes(sub as never), `got ${subsOf(sentence).join(', ')}`));
  }
  it('a capture is territory, decided later by who took it', () => {
    assert.ok(subsOf('Insurgents seized the town of Kalo on Friday.').includes('territory'));
  });
  it('seizing weapons is not taking territory', () => {
    assert.ok(!subsOf('Troops seized weapons and ammunition in the raid.').includes('territory'));
  });
  it('air strike is not a labour strike', () => {
    assert.ok(!subsOf('An air strike destroyed the bridge.').includes('Peaceful protest'));
  });
  it('offsets point at the words that fired', () => {
    const s = 'On Monday an air strike hit the village.';
    const m = findTriggers(rules, s, { start: 0, end: s.length }).find((x) => x.rule.id === 'air-strike');
    assert.equal(s.slice(m!.start, m!.end), 'air strike');
  });
});

describe('findTriggersBySentence', () => {
  /** What it must equal: every rule's regex scanned over the whole body, checked as documented. */
  function naive(text: string, sentences: { start: number; end: number }[]) {
    const out = sentences.map(() => [] as { id: string; start: number; end: number }[]);
    const from = sentences[0]!.start;
    const body = text.slice(from, sentences[sentences.length - 1]!.end);
    for (const rule of rules) {
      for (const m of body.matchAll(new RegExp(rule.pattern.source, 'gi'))) {
        const start = from + m.index;
        const end = start + m[0].length;
        const i = sentences.findIndex((s) => s.start <= start && start < s.end);
        const s = sentences[i];
        if (!s || end > s.end) continue;
        if (/\p{L}/u.test(m[0].charAt(0)) && /\p{L}/u.test(text.charAt(start - 1))) continue;
        if (/\p{L}/u.test(m[0].charAt(m[0].length - 1)) && /\p{L}/u.test(text.charAt(end))) continue;
        const sentence = text.slice(s.start, s.end);
        if ((rule.requires && !rule.requires.test(sentence)) || (rule.unless && rule.unless.test(sentence))) continue;
        out[i]!.push({ id: rule.id, start, end });
      }
    }
    return out.map((ms) => ms.sort((a, b) => a.start - b.start || b.end - a.end));
  }
  const text = [
    'Government warplanes bombed a market; a second strike hit the Qaïda base. Rebels clashed with troops near Goma.',
    'Police fired tear gas at protesters who had gathered to demand the release of 40 detained activists.',
    'The militia retook the town, and GUNMEN KILLED 12 villagers, residents said. Hand grenades were thrown.',
  ].join('\n\n');
  const sentences = [...text.matchAll(/[^.;\n]+[.;]?/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  it('finds what scanning every rule over the text finds', () => {
    const got = findTriggersBySentence(rules, text, sentences).map((ms) => ms.map((m) => ({ id: m.rule.id, start: m.start, end: m.end })));
    assert.deepEqual(got, naive(text, sentences));
    assert.ok(got.flat().length > 10);
  });
  it('a sentence that opens on the actors before it ("Some of them later") meets a rule\'s requires with the previous sentence', () => {
    const t = 'Hundreds of traders marched in Kumasi against new levies. Some of them later smashed the windows of the tax office.';
    const ss = [...t.matchAll(/[^.]+\./g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    const ids = (x: string, spans: { start: number; end: number }[]) => findTriggersBySentence(rules, x, spans).map((ms) => ms.map((m) => m.rule.id));
    assert.ok(ids(t, ss)[1]!.includes('riot-violence'));
    const alone = 'Some of them later smashed the windows of the tax office.';
    assert.ok(!ids(alone, [{ start: 0, end: alone.length }])[0]!.includes('riot-violence'));
  });
  it('every rule knows the words its matches start with', () => {
    for (const r of rules) assert.ok(r.starts && r.starts.length > 0, `${r.id}: code/regex-heads cannot tell how its matches start, so it scans every word`);
  });
});
