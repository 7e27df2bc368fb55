import { strict as assert } from 'node:assert';
import { test } from 'node:test';

import { articleFromText } from './text-article.js';

test('articleFromText: the whole text is one body zone; id is the content hash', () => {
  const a = articleFromText({ file: 'case-1', text: 'Troops shelled the town.', published: '2021-01-01' });
  assert.deepEqual(a.zones, [{ kind: 'body', start: 0, end: 24 }]);
  assert.equal(a.published, '2021-01-01');
  assert.equal(a.path, 'case-1');
  assert.match(a.id, /^[0-9a-f]{16}$/);
  assert.equal(articleFromText({ file: 'other', text: 'Troops shelled the town.' }).id, a.id);
  assert.equal(articleFromText({ file: 'x', text: 'y' }).published, null);
});
