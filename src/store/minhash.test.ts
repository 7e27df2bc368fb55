import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bandKeys, DUPLICATE_THRESHOLD, jaccardEstimate, normaliseText, signature, signatureFromBytes, signatureToBytes } from './minhash.js';

const BASE = `Syrian government forces captured the town of Khan Shaykhun in Idlib province on Monday after weeks of
heavy fighting with rebel groups, a war monitor said. The capture follows a months-long offensive backed by Russian
air power that has killed hundreds of civilians and displaced hundreds of thousands, according to the United Nations.
Rebels said they had withdrawn to new positions north of the town to avoid encirclement.
Turkey, which backs some of the rebel groups, said one of its observation posts south of the town was now surrounded
by government troops, and warned Damascus not to attack it. Moscow said the offensive targeted terrorists who had
violated a ceasefire agreed last year. Aid groups said hospitals in the area had been hit repeatedly and that the
roads north towards the Turkish border were jammed with families fleeing with their belongings.`;

describe('minhash', () => {
  it('normalises case, accents and punctuation', () => {
    assert.equal(normaliseText('  Khān  Shaykhūn, (Idlib)! '), 'khan shaykhun idlib');
  });

  it('treats the no-break space and General Punctuation as separators on both paths', () => {
    for (const c of ['\u00a0', ...Array.from({ length: 0x70 }, (_, i) => String.fromCharCode(0x2000 + i))]) {
      const name = `U+${c.charCodeAt(0).toString(16)}`;
      assert.equal(normaliseText(`x${c}Yz`), 'x yz', `${name}, ASCII path`);
      assert.equal(normaliseText(`é${c}Yz`), 'e yz', `${name}, Unicode path`);
    }
  });

  it('signatures and band keys are stable (stored ones must stay comparable)', () => {
    const text = 'Syrian government forces captured the town of Khan Shaykhun in Idlib province on Monday after weeks of heavy fighting — “a war monitor” said; Ḥamā’s governor … left.';
    const sig = signature(text)!;
    assert.deepEqual(Array.from(sig.slice(0, 6)), [73360848, 11088831, 180214505, 20910633, 101437472, 89117624]);
    assert.deepEqual(bandKeys(sig).slice(0, 3), [1984184962, 5003778393, 9968642660]);
  });

  it('a syndicated copy with another source line is a near-duplicate', () => {
    const j = jaccardEstimate(signature(`${BASE}\nSource: AFP`)!, signature(`${BASE}\nSource: The National (AFP)`)!);
    assert.ok(j >= DUPLICATE_THRESHOLD, String(j));
  });

  it('a light edit (a word changed, a sentence added) is still a near-duplicate', () => {
    const edited = `${BASE.replace('hundreds of civilians', 'more than 500 civilians')} The army did not comment.`;
    assert.ok(jaccardEstimate(signature(BASE)!, signature(edited)!) >= DUPLICATE_THRESHOLD);
  });

  it('another article on the same event is not', () => {
    const other = `Rebels withdrew from Khan Shaykhun on Monday as government troops advanced into the town with Russian air support,
      activists said, ending five years of opposition control. Tens of thousands have fled the area since April.`;
    assert.ok(jaccardEstimate(signature(BASE)!, signature(other)!) < 0.3);
  });

  it('short texts are not signed; signatures are stable and round-trip through bytes', () => {
    assert.equal(signature('Too short to sign.'), null);
    const s = signature(BASE)!;
    assert.deepEqual([...signature(BASE)!], [...s]);
    assert.deepEqual([...signatureFromBytes(signatureToBytes(s))], [...s]);
  });

  it('near-duplicates share a band key; band keys are safe integers', () => {
    const a = bandKeys(signature(`${BASE}\nSource: AFP`)!);
    const b = bandKeys(signature(`${BASE}\nSource: The National (AFP)`)!);
    assert.ok(a.some((k) => b.includes(k)));
    assert.ok(a.every(Number.isSafeInteger));
    assert.equal(new Set(a.map((k) => Math.floor(k / 2 ** 32))).size, a.length);
  });
});
