// The user manual and the FAQ (PLT-17): Markdown pages in docs/manual/<language>/<slug>.md,
// ordered and grouped by docs/manual/index.json, bundled into this chunk at build time (so the
// server ships them inside web/dist and they load with the help screens only).
import type { Locale } from '../../format';
import manualIndex from '../../../../docs/manual/index.json';

const sources = import.meta.glob<string>('../../../../docs/manual/*/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface ManualPage {
  slug: string;
  title: string;
  /** The page's section titles (## headings), searched along with the title. */
  headings: string[];
  /** Markdown without the title line. */
  body: string;
}

export interface ManualSection {
  key: string;
  title: string;
  pages: ManualPage[];
}

export interface FaqEntry {
  id: string;
  question: string;
  /** Markdown. */
  answer: string;
}

interface IndexSection {
  key: string;
  title: Record<Locale, string>;
  pages: string[];
}

const index = manualIndex as { sections: IndexSection[]; faq: string };

function source(lang: Locale, slug: string): string {
  return sources[`../../../../docs/manual/${lang}/${slug}.md`] ?? '';
}

/** A page's "# Title" line and the rest. */
function parsePage(slug: string, markdown: string): ManualPage {
  const match = /^#\s+(.+)\r?\n/.exec(markdown);
  const title = match ? match[1].trim() : slug;
  const body = match ? markdown.slice(match[0].length) : markdown;
  const headings = [...body.matchAll(/^##\s+(.+)$/gm)].map((m) => m[1].trim());
  return { slug, title, headings, body };
}

/** The manual in `lang`, in the order of docs/manual/index.json. */
export function manualSections(lang: Locale): ManualSection[] {
  return index.sections.map((s) => ({
    key: s.key,
    title: s.title[lang],
    pages: s.pages.map((slug) => parsePage(slug, source(lang, slug))),
  }));
}

/** Lowercase without accents, so "permissao" finds "Permissões". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** Pages whose title or section titles contain every word of `query`. */
export function filterSections(sections: ManualSection[], query: string): ManualSection[] {
  const words = searchable(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return sections;
  return sections
    .map((s) => ({
      ...s,
      pages: s.pages.filter((p) => {
        const text = searchable([p.title, ...p.headings].join(' '));
        return words.every((w) => text.includes(w));
      }),
    }))
    .filter((s) => s.pages.length > 0);
}

/** The FAQ in `lang`: each "## Question" heading and the Markdown up to the next one. */
export function faqEntries(lang: Locale): FaqEntry[] {
  const { body } = parsePage(index.faq, source(lang, index.faq));
  return body
    .split(/^(?=##\s)/m)
    .filter((part) => part.startsWith('## '))
    .map((part, i) => {
      const newline = part.indexOf('\n');
      return {
        id: `q${i + 1}`,
        question: part.slice(3, newline < 0 ? undefined : newline).trim(),
        answer: newline < 0 ? '' : part.slice(newline + 1).trim(),
      };
    });
}

/** The FAQ page's title in `lang`. */
export function faqTitle(lang: Locale): string {
  return parsePage(index.faq, source(lang, index.faq)).title;
}

/** "operators.md#roles" (a link between manual pages) → the console route, else undefined. */
export function manualRoute(href: string): string | undefined {
  const m = /^(?:\.\/)?([a-z0-9-]+)\.md(#[\w-]+)?$/.exec(href);
  if (!m) return undefined;
  return m[1] === index.faq ? `/help/faq${m[2] ?? ''}` : `/help/manual/${m[1]}${m[2] ?? ''}`;
}
