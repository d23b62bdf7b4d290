// A message body in "markdown-lite": blank lines separate paragraphs, **text** is bold and
// https:// addresses become links. Rendered as React elements, never as HTML.
import { Fragment, type ReactNode } from 'react';
import { Typography } from 'antd';

const TOKEN = /(\*\*[^*\n]+\*\*|https:\/\/[^\s<>"]+[^\s<>".,;:!?)])/g;

function inline(text: string): ReactNode[] {
  return text.split(TOKEN).map((part, i) => {
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4) return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('https://'))
      return (
        <a key={i} href={part} target="_blank" rel="noopener noreferrer">
          {part}
        </a>
      );
    return <Fragment key={i}>{part}</Fragment>;
  });
}

export default function MessageBody({ body, testId = 'message-body' }: { body: string; testId?: string }) {
  const paragraphs = body.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return (
    <div data-testid={testId}>
      {paragraphs.map((p, i) => (
        <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-line' }}>
          {inline(p.trim())}
        </Typography.Paragraph>
      ))}
    </div>
  );
}
