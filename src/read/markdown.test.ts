import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { InputError, type Zone } from '../domain/types.js';
import type { Draft } from './article.js';
import { zoneProblems } from './layout.js';
import { readMarkdown } from './markdown.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/read/${name}`, import.meta.url), 'utf8');
const zoned = (text: string, zones: Zone[]): [string, string][] => zones.map((z) => [z.kind, text.slice(z.start, z.end)]);
const read = (text: string): Draft | InputError => {
  const [d] = readMarkdown({ path: 'notes.md', name: 'notes.md', text });
  assert.ok(d);
  return d;
};

describe('readMarkdown', () => {
  it('honours front matter and removes Markdown syntax', () => {
    const d = read(fixture('front-matter.md'));
    assert.ok(!(d instanceof InputError));
    assert.deepEqual(zoneProblems(d.text, d.zones), []);
    assert.deepEqual(zoned(d.text, d.zones), [
      ['title', 'Clashes reported near Nyabibwe'],
      ['body', 'M23 rebels entered the mining town of Nyabibwe in South Kivu on Wednesday, residents said.'],
      ['title', 'Residents flee'],
      ['body', 'Hundreds of families left for Bukavu.'],
      ['body', 'Shops stayed shut.'],
      ['body', 'The town is calm but empty, a local official said.'],
    ]);
    assert.deepEqual(
      { title: d.title, published: d.published, source: d.source, url: d.url },
      {
        title: 'Clashes reported near Nyabibwe',
        published: '2025-02-05',
        source: 'Kivu Morning Post',
        url: 'https://kivu-morning.example/nyabibwe',
      },
    );
    assert.doesNotMatch(d.text, /[*#[\]()]/);
  });

  it('takes the first heading as title without front matter', () => {
    const d = read('# Curfew in Imphal\n\nAuthorities imposed a _curfew_ after clashes.\n');
    assert.ok(!(d instanceof InputError));
    assert.equal(d.title, 'Curfew in Imphal');
    assert.equal(d.published, null);
    assert.equal(d.text, 'Curfew in Imphal\n\nAuthorities imposed a curfew after clashes.');
  });

  it('reports malformed front matter with its line in the file', () => {
    const d = read('---\ntitle: ok\ndate: [2020-01-01\n---\nBody text.\n');
    assert.ok(d instanceof InputError);
    assert.equal(d.file, 'notes.md');
    assert.match(d.reason, /^malformed YAML front matter at line \d+: /);
  });

  it('reports front matter with no text after it', () => {
    const d = read('---\ntitle: Nothing\n---\n\n');
    assert.ok(d instanceof InputError);
    assert.match(d.reason, /^empty file/);
  });
});
