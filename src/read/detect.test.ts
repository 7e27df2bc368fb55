import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { detectFormat } from './detect.js';

describe('detectFormat', () => {
  it('trusts known extensions', () => {
    assert.equal(detectFormat('a.txt', '<html>'), 'text');
    assert.equal(detectFormat('a.HTM', ''), 'html');
    assert.equal(detectFormat('a.md', ''), 'markdown');
    assert.equal(detectFormat('a.jsonl', ''), 'json');
    assert.equal(detectFormat('a.ndjson', ''), 'json');
    assert.equal(detectFormat('feed.rss', ''), 'feed');
    assert.equal(detectFormat('feed.xml', ''), 'feed');
  });

  it('sniffs content for stdin and unknown extensions', () => {
    assert.equal(detectFormat('', '  {"text": "x"}'), 'json');
    assert.equal(detectFormat('-', '[{"text": "x"}]'), 'json');
    assert.equal(detectFormat('page', '<!doctype html><html></html>'), 'html');
    assert.equal(detectFormat('feed', '<?xml version="1.0"?>\n<rss version="2.0">'), 'feed');
    assert.equal(detectFormat('feed', '<feed xmlns="http://www.w3.org/2005/Atom">'), 'feed');
    assert.equal(detectFormat('notes', '---\ntitle: x\n---\nBody'), 'markdown');
    assert.equal(detectFormat('notes', '# Heading\n\nBody'), 'markdown');
    assert.equal(detectFormat('article.story', 'date 2020-01-01 Lede.'), 'text');
  });
});
