import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuseReports } from '../../fuse/across-articles.js';
import type { SitrepEvent } from '../../domain/types.js';
import type { StoredEvent } from '../store.js';
import { makeEvent } from '../testing.js';
import { ACLED_COLUMNS, acledRow, formatter, HXL_TAGS, interaction, type ExportFormat } from './formats.js';
import { acledRegion } from './regions.js';

/** A strict RFC 4180 parser (independent of the writer under test). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (cell += c), i++;
    } else if (c === '"') {
      if (cell !== '') throw new Error(`stray quote at ${i}`);
      quoted = true;
      i++;
    } else if (c === ',') (row.push(cell), (cell = '')), i++;
    else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += c === '\r' ? 2 : 1;
    } else (cell += c), i++;
  }
  if (quoted) throw new Error('unterminated quote');
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

function stored(id: number, p: Partial<SitrepEvent> = {}, excerpt: string | null = null): StoredEvent {
  return { ...fuseReports([{ event: makeEvent(p), article_id: `a${id}`, published: '2019-08-20', outlet: 'Wire, "Quoted" Ltd', copy: false, excerpt }]), id, updated_at: '2024-01-02T03:04:05.000Z' };
}

const EVENTS = [
  stored(1),
  stored(2, { location: 'Kafr Nabl, "north"', actor2: null, inter2: 0, fatalities: null, fatalities_low: null, fatalities_high: null }),
  stored(3, { latitude: null, longitude: null, geo_precision: 3, location: 'Syria', event_date: null, time_precision: 3 }),
];

function render(format: ExportFormat, events: StoredEvent[]): string {
  const f = formatter(format);
  return f.header() + events.map((e, i) => f.row(e, i === 0)).join('') + f.footer();
}

describe('ACLED CSV', () => {
  it('has ACLED\'s columns in ACLED\'s order and parses back to the same values', () => {
    const rows = parseCsv(render('csv', EVENTS));
    assert.deepEqual(rows[0], [...ACLED_COLUMNS]);
    assert.equal(rows.length, EVENTS.length + 1);
    EVENTS.forEach((e, i) => {
      const want = acledRow(e);
      assert.deepEqual(rows[i + 1], ACLED_COLUMNS.map((c) => String(want[c])));
    });
    assert.equal(rows[2]![ACLED_COLUMNS.indexOf('location')], 'Kafr Nabl, "north"');
  });

  it('codes ACLED fields: id, year, disorder type, interaction, region, timestamp', () => {
    const r = acledRow(EVENTS[0]!);
    assert.equal(r.event_id_cnty, 'SYR1');
    assert.equal(r.year, 2019);
    assert.equal(r.disorder_type, 'Political violence');
    assert.equal(r.interaction, 17);
    assert.equal(r.civilian_targeting, 'Civilian targeting');
    assert.equal(r.region, 'Middle East');
    assert.equal(r.timestamp, 1704164645);
    assert.equal(r.fatalities, 3);
    assert.equal(interaction(3, 0), 30);
    assert.equal(interaction(8, 2), 28);
    assert.equal(acledRegion('BFA'), 'Western Africa');
    assert.equal(acledRegion(null), '');
  });
});

describe('GeoJSON', () => {
  it('is a valid FeatureCollection of Points ([lon, lat]) with null geometry when unplaced', () => {
    const doc = JSON.parse(render('geojson', EVENTS)) as { type: string; features: { type: string; id: number; geometry: { type: string; coordinates: number[] } | null; properties: Record<string, unknown> }[] };
    assert.equal(doc.type, 'FeatureCollection');
    assert.equal(doc.features.length, 3);
    for (const f of doc.features) {
      assert.equal(f.type, 'Feature');
      assert.equal(typeof f.properties, 'object');
      if (f.geometry) {
        assert.equal(f.geometry.type, 'Point');
        const [lon, lat] = f.geometry.coordinates as [number, number];
        assert.equal(f.geometry.coordinates.length, 2);
        assert.ok(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90);
      }
    }
    assert.deepEqual(doc.features[0]!.geometry!.coordinates, [36.67693, 35.6483]);
    assert.equal(doc.features[2]!.geometry, null);
    assert.equal(doc.features[0]!.properties.sub_event_type, 'Air/drone strike');
  });

  it('an empty selection is a valid, empty collection', () => {
    assert.deepEqual(JSON.parse(render('geojson', [])), { type: 'FeatureCollection', features: [] });
  });
});

describe('HXL CSV', () => {
  it('has a hashtag row under the header with the core HXL tags', () => {
    const rows = parseCsv(render('hxl', EVENTS));
    assert.deepEqual(rows[0], HXL_TAGS.map(([c]) => c));
    const tags = rows[1]!;
    assert.ok(tags.every((t) => /^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/.test(t)), tags.join(' '));
    for (const t of ['#date', '#event+type', '#adm1+name', '#loc+name', '#geo+lat', '#geo+lon', '#affected+killed', '#country+code']) {
      assert.ok(tags.some((x) => x === t || x.startsWith(`${t}+`)), t);
    }
    assert.equal(rows.length, EVENTS.length + 2);
  });
});

describe('JSON Lines', () => {
  it('one event per line, without the search text', () => {
    const lines = render('jsonl', EVENTS).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 3);
    assert.equal(lines[0]!.id, 1);
    assert.equal('search_text' in lines[0]!, false);
  });
});
