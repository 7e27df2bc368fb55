import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { datelineLength, endsWithSocialSignature, isCaption, isHeading, isTitleCandidate, sourceLine } from './cues.js';

describe('isCaption', () => {
  const cases: [string, boolean][] = [
    ['Syrian regime forces gather near Khan Shaykhun on August 18, 2019. (AFP)', true],
    ['Smoke rises over Gaza City. (Reuters/Mohammed Salem)', true],
    ['Rescuers search the rubble. (AP Photo/Hussein Malla)', true],
    ['A displaced family in Goma. (Photo: UNICEF)', true],
    ['Photo: residents queue for water in Mekelle', true],
    ['Yemen Child Rights Network (YCRN)', false],
    ['(as of 12 September 2017)', false],
    ['The agency said 107 people were treated, according to SANA.', false],
  ];
  for (const [line, expected] of cases) it(`${expected ? 'is' : 'is not'}: ${line}`, () => assert.equal(isCaption(line), expected));
});

describe('endsWithSocialSignature', () => {
  it('finds the `— Name (@handle) Month D, YYYY` signature', () => {
    assert.ok(endsWithSocialSignature('We condemn this violence. — Morgan Ortagus (@statedeptspox) August 19, 2019'));
    assert.ok(endsWithSocialSignature('— Sahel Watch (@sahelwatch) Nov. 15, 2023'));
    assert.ok(!endsWithSocialSignature('The minister (@minister) said on August 19, 2019 that talks would resume.'));
  });
});

describe('sourceLine', () => {
  it('reads the outlets of a Source line', () => {
    assert.equal(sourceLine('Source: TRTWorld and agencies'), 'TRTWorld and agencies');
    assert.equal(sourceLine('Sources: Reuters, AFP'), 'Reuters, AFP');
    assert.equal(sourceLine('The source said so.'), null);
  });
});

describe('datelineLength', () => {
  const cases: [string, string][] = [
    ['KABUL, March 3 (Reuters) - Gunmen attacked a checkpoint on the edge of the city overnight.', 'KABUL, March 3 (Reuters) -'],
    ['GENEVA (brief) – Military delegates signed the agreement at the Palais des Nations.', 'GENEVA (brief) –'],
    ['PRETORIA/ADDIS ABABA, Nov 3 –', 'PRETORIA/ADDIS ABABA, Nov 3 –'],
    ['ZAMBOANGA CITY, Philippines, Jan 31 –', 'ZAMBOANGA CITY, Philippines, Jan 31 –'],
    ['BOGOTÁ, June 11 –', 'BOGOTÁ, June 11 –'],
    ['BEIRUT (AP) — Israeli jets struck the southern suburbs, residents said on Tuesday.', 'BEIRUT (AP) —'],
    ['Culiacán, Sinaloa – Voz del Valle (English edition)', 'Culiacán, Sinaloa – Voz del Valle (English edition)'],
    ['SYRIA: Deir-ez-Zor Governorate – Flash Update No. 2', ''],
    ['Russia-Ukraine war: live updates – Friday 11 November', ''],
    ["For immediate release – Sana'a, 10 August 2018", ''],
    ['Iraqi Prime Minister Haider al-Abadi on Monday announced the liberation of Mosul.', ''],
  ];
  for (const [line, dateline] of cases) {
    it(JSON.stringify(line), () => assert.equal(line.slice(0, datelineLength(line)), dateline));
  }
});

describe('isHeading and isTitleCandidate', () => {
  it('takes short unpunctuated lines as headings, not sentences or list items', () => {
    assert.ok(isHeading('Site of deadly sarin attack'));
    assert.ok(isHeading('08:05 – Moscow says pullback from right bank complete'));
    assert.ok(isHeading('"No child should die on the way home from summer school"'));
    assert.ok(!isHeading('The opposition forces quit those towns, local activists said.'));
    assert.ok(!isHeading('DCPM calls on:'));
    assert.ok(!isHeading('- the RSF leadership to stop attacks'));
    assert.ok(!isHeading('12:45'));
  });
  it('keeps labels, bylines and dates out of the title', () => {
    assert.ok(isTitleCandidate('Ngarbuh killings: army, UN give conflicting accounts'));
    assert.ok(!isTitleCandidate('PRESS RELEASE'));
    assert.ok(!isTitleCandidate('By our Maiduguri correspondent'));
    assert.ok(!isTitleCandidate('19 June 2023'));
    assert.ok(!isTitleCandidate('Darfur Civilian Protection Monitor (DCPM)'));
  });
});
