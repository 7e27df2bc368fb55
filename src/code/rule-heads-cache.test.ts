/**
 * The cache of the rules' lead words: what it returns equals a fresh analysis, it is written once and read back,
 * and a changed pattern is not answered from it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { leadNeeds, requiredWords } from './regex-heads.js';
import { cachedRuleHeads } from './rule-heads-cache.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-heads-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const patterns = ['(?:the|a) (?:[\\w-]+ )?protesters? (?:clashed|fought)', 'shell(?:ed|ing)|mortar fire', 'ambush(?:ed)? (?:a|the) convoy'];

describe('rule heads cache', () => {
  it('returns what a fresh analysis gives, from a file it writes once and then reads', () => {
    const fresh = patterns.map((p) => ({ heads: leadNeeds(p), needs: requiredWords(p) }));
    assert.deepEqual(cachedRuleHeads(patterns, dir), fresh);
    const files = readdirSync(dir);
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^heads-[0-9a-f]{16}\.json$/);
    assert.deepEqual(cachedRuleHeads(patterns, dir), fresh);
    assert.deepEqual(readdirSync(dir), files);
  });
  it('analyses an edited pattern afresh and replaces the old file', () => {
    const edited = [...patterns.slice(0, 2), 'raided (?:a|the) camp'];
    assert.deepEqual(cachedRuleHeads(edited, dir)[2], { heads: leadNeeds(edited[2]!), needs: requiredWords(edited[2]!) });
    assert.equal(readdirSync(dir).length, 1);
  });
});
