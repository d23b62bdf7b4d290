// covers PLT-17 — help: the user manual (docs/manual) and the API reference at /docs/api.
//
// The manual is checked as a document set: every page listed in docs/manual/index.json exists
// in every language with a title, no page is left out of the index, the translations have the
// same sections and FAQ questions, and every link between pages (with its #anchor) lands on a
// page and a heading that exist. Then the real binary is asked for what the console build
// ships: the manual inside the bundle, the API reference page and its renderer, and the OpenAPI
// document it renders (the same bytes as docs/openapi.yaml). Runs on SQLite, and on PostgreSQL
// when RETAGUARDA_TEST_DB is set (make test does both; the database plays no part here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, startServer } from '../support/server.mjs';

const manualDir = join(repoRoot, 'docs', 'manual');
const index = JSON.parse(readFileSync(join(manualDir, 'index.json'), 'utf8'));
const slugs = index.sections.flatMap((s) => s.pages);
const allSlugs = [...slugs, index.faq];

function page(lang, slug) {
  return readFileSync(join(manualDir, lang, `${slug}.md`), 'utf8');
}

// The console's anchor rule (web/src/pages/help/Markdown.tsx headingId).
function headingId(text) {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function headings(markdown, level) {
  const re = new RegExp(`^${'#'.repeat(level)}\\s+(.+)$`, 'gm');
  return [...markdown.matchAll(re)].map((m) => m[1].trim());
}

test('the manual index names both languages, distinct pages and section titles in each (PLT-17)', () => {
  assert.deepEqual(index.languages, ['pt-BR', 'en-US']);
  assert.ok(slugs.length >= 15, `only ${slugs.length} pages`);
  assert.equal(new Set(allSlugs).size, allSlugs.length, 'a page is listed twice');
  for (const s of index.sections) {
    for (const lang of index.languages) assert.ok(s.title[lang]?.trim(), `section ${s.key} has no ${lang} title`);
  }
});

test('every manual page exists in both languages, with a title, and none is left out of the index (PLT-17)', () => {
  for (const lang of index.languages) {
    for (const slug of allSlugs) {
      const file = join(manualDir, lang, `${slug}.md`);
      assert.ok(existsSync(file), `missing ${lang}/${slug}.md`);
      const text = page(lang, slug);
      assert.match(text, /^# \S.*\n\n\S/, `${lang}/${slug}.md must start with "# Title" and a blank line`);
      assert.equal(headings(text, 1).length, 1, `${lang}/${slug}.md has more than one "# " title`);
      assert.ok(text.length > 600, `${lang}/${slug}.md is too short to help anyone`);
      // The console renders Markdown only (raw HTML is shown as text, never as markup).
      const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
      assert.doesNotMatch(prose, /<\/?[a-z][^>]*>/i, `${lang}/${slug}.md contains raw HTML; write Markdown`);
    }
    const files = readdirSync(join(manualDir, lang)).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
    assert.deepEqual(files.sort(), [...allSlugs].sort(), `${lang}: pages on disk differ from index.json`);
  }
});

test('translations have the same sections, tables and FAQ questions (PLT-17)', () => {
  const [a, b] = index.languages;
  for (const slug of allSlugs) {
    const pa = page(a, slug);
    const pb = page(b, slug);
    assert.equal(headings(pa, 2).length, headings(pb, 2).length, `${slug}: ## sections differ between ${a} and ${b}`);
    assert.equal(headings(pa, 3).length, headings(pb, 3).length, `${slug}: ### sections differ between ${a} and ${b}`);
    const rows = (t) => t.split('\n').filter((l) => l.startsWith('|')).length;
    assert.equal(rows(pa), rows(pb), `${slug}: table rows differ between ${a} and ${b}`);
  }
  assert.ok(headings(page(a, index.faq), 2).length >= 10, 'the FAQ has fewer than 10 questions');
});

test('links between manual pages land on an existing page and heading (PLT-17)', () => {
  let checked = 0;
  for (const lang of index.languages) {
    for (const slug of allSlugs) {
      for (const [, href] of page(lang, slug).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^https:\/\//.test(href) || href === '/docs/api' || href === '/docs/openapi.yaml') continue;
        const m = /^([a-z0-9-]+)\.md(?:#([a-z0-9-]+))?$/.exec(href);
        assert.ok(m, `${lang}/${slug}.md: link "${href}" is neither another page (slug.md#anchor) nor /docs/api`);
        assert.ok(allSlugs.includes(m[1]), `${lang}/${slug}.md links to unknown page ${m[1]}`);
        if (m[2]) {
          const target = page(lang, m[1]);
          const ids = [...headings(target, 2), ...headings(target, 3)].map(headingId);
          assert.ok(ids.includes(m[2]), `${lang}/${slug}.md: #${m[2]} is not a heading of ${m[1]}.md (${ids.join(', ')})`);
        }
        checked += 1;
      }
    }
  }
  assert.ok(checked > 20, `only ${checked} links checked`);
});

test('the console build carries every manual page in both languages (PLT-17)', () => {
  const assets = join(repoRoot, 'web', 'dist', 'assets');
  const bundle = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
  for (const lang of index.languages) {
    for (const slug of allSlugs) {
      const title = headings(page(lang, slug), 1)[0];
      assert.ok(bundle.includes(title), `web/dist lacks ${lang}/${slug}.md ("${title}"): rebuild the console (make web)`);
    }
  }
});

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('/docs/api serves the API reference page under the console CSP, without the SPA (PLT-17)', async () => {
  for (const path of ['/docs/api', '/docs/api/']) {
    const res = await fetch(`${server.base}${path}`);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    assert.match(res.headers.get('content-security-policy'), /script-src 'self';/);
    const html = await res.text();
    assert.match(html, /id="rg-api-reference"/, `${path} is not the API reference page`);
    assert.doesNotMatch(html, /id="root"/, `${path} fell back to the console's index.html`);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'an inline script would be blocked by the CSP');
  }
  // Other console routes still fall back to the SPA, and a missing folder page is not invented.
  assert.match(await (await fetch(`${server.base}/help/manual/roles`)).text(), /id="root"/);
  assert.match(await (await fetch(`${server.base}/docs`)).text(), /id="root"/);
});

test('the reference page loads its script and Scalar from the server itself, with long-lived caching (PLT-17)', async () => {
  const html = await (await fetch(`${server.base}/docs/api`)).text();
  const entry = html.match(/<script type="module" crossorigin src="(\/assets\/api-[^"]+\.js)"/);
  assert.ok(entry, 'the page references its hashed entry script');
  assert.doesNotMatch(html, /https?:\/\//, 'the page must not load anything from another origin (the server is offline)');
  const script = await fetch(`${server.base}${entry[1]}`);
  assert.equal(script.status, 200);
  assert.match(script.headers.get('cache-control'), /immutable/);
  const code = await script.text();
  assert.match(code, /\/docs\/openapi\.yaml/);
  const standalone = code.match(/\/assets\/standalone-[\w-]+\.js/);
  assert.ok(standalone, 'the entry script loads the Scalar standalone bundle from /assets');
  const renderer = await fetch(`${server.base}${standalone[0]}`);
  assert.equal(renderer.status, 200);
  assert.match(renderer.headers.get('content-type'), /^text\/javascript/);
  assert.match(await renderer.text(), /createApiReference/);
});

test('/docs/openapi.yaml is the repository OpenAPI document (PLT-17)', async () => {
  const res = await fetch(`${server.base}/docs/openapi.yaml`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/yaml/);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  const served = await res.text();
  assert.equal(served, readFileSync(join(repoRoot, 'docs', 'openapi.yaml'), 'utf8'),
    'web/dist/docs/openapi.yaml is stale: rebuild the console (make web)');
});
