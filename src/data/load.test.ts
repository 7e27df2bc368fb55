/**
 * The parsed-YAML cache of `loadYaml`: a copy is used only while it matches the file's
 * content; a stale or damaged copy is ignored and rewritten.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

import { DATA_ROOT, loadYaml } from './load.js';

const REL = 'taxonomy/acled.yaml';
const COPY = path.resolve(DATA_ROOT, '..', 'dist', 'data-cache', 'taxonomy__acled.yaml.json');
const text = readFileSync(path.join(DATA_ROOT, REL), 'utf8');
const truth = parse(text) as unknown;
const hash = createHash('sha1').update(text).digest('hex');

describe('loadYaml cache', () => {
  it('gives what the YAML says, and leaves a copy stamped with the file\'s hash', () => {
    assert.deepEqual(loadYaml(REL), truth);
    const copy = JSON.parse(readFileSync(COPY, 'utf8')) as { hash: string; value: unknown };
    assert.equal(copy.hash, hash);
    assert.deepEqual(copy.value, truth);
    assert.deepEqual(loadYaml(REL), truth);
  });
  it('ignores a copy made from other content, and replaces it', () => {
    writeFileSync(COPY, JSON.stringify({ hash: 'not-this-file', value: { event_types: ['stale'] } }));
    assert.deepEqual(loadYaml(REL), truth);
    assert.equal((JSON.parse(readFileSync(COPY, 'utf8')) as { hash: string }).hash, hash);
  });
  it('ignores a damaged copy', () => {
    writeFileSync(COPY, '{"hash": "');
    assert.deepEqual(loadYaml(REL), truth);
  });
});
