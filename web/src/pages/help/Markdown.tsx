// Renders a manual page's Markdown (GitHub flavour: tables, task lists) as React elements.
// react-markdown builds elements, never HTML strings: raw HTML in a page is not rendered and
// link targets go through its URL filter (javascript: and the like are dropped), so a page
// cannot inject markup or script into the console.
import { Children, isValidElement, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { Link } from 'react-router-dom';
import { manualRoute, searchable } from './manual';
import './help.css';

function textOf(children: ReactNode): string {
  return Children.toArray(children)
    .map((c) => (typeof c === 'string' || typeof c === 'number' ? String(c) : isValidElement<{ children?: ReactNode }>(c) ? textOf(c.props.children) : ''))
    .join('');
}

/** The anchor of a section heading: "Papéis e permissões" → "papeis-e-permissoes". */
export function headingId(text: string): string {
  return searchable(text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const components: Components = {
  a({ href = '', children }) {
    const route = manualRoute(href);
    if (route) return <Link to={route}>{children}</Link>;
    if (href.startsWith('#')) return <a href={href}>{children}</a>;
    // Same-origin pages outside the console's router (the API reference) and external sites.
    const external = /^https?:\/\//.test(href);
    return (
      <a href={href} target="_blank" rel={external ? 'noopener noreferrer' : 'noopener'}>
        {children}
      </a>
    );
  },
  h2({ children }) {
    return <h2 id={headingId(textOf(children))}>{children}</h2>;
  },
  h3({ children }) {
    return <h3 id={headingId(textOf(children))}>{children}</h3>;
  },
  table({ children }) {
    return (
      <div className="rg-manual-table" tabIndex={0}>
        <table>{children}</table>
      </div>
    );
  },
};

export default function Markdown({ children, testId }: { children: string; testId?: string }) {
  return (
    <div className="rg-manual" data-testid={testId}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
