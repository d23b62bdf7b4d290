// Frequently asked questions (PLT-17), from docs/manual/<language>/faq.md: one "## Question"
// heading per entry. A search narrows the list to the questions (and answers) with every word.
import { useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Card, Collapse, Empty, Flex, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/list';
import { currentLanguage } from '../../i18n';
import Markdown from './Markdown';
import { faqEntries, faqTitle, searchable } from './manual';

export default function FaqPage() {
  const { t } = useTranslation();
  const { hash } = useLocation();
  const [query, setQuery] = useState('');
  const lang = currentLanguage();
  const entries = useMemo(() => faqEntries(lang), [lang]);
  const words = searchable(query).split(/\s+/).filter(Boolean);
  const shown = entries.filter((e) => {
    const text = searchable(`${e.question} ${e.answer}`);
    return words.every((w) => text.includes(w));
  });
  // A link to /help/faq#q3 opens that answer.
  const [open, setOpen] = useState<string[]>(() => (hash ? [hash.slice(1)] : []));

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={faqTitle(lang)}
        subtitle={t('help.faq.subtitle')}
        extra={
          <Link to="/help/manual" data-testid="faq-to-manual">
            {t('help.menu.manual')}
          </Link>
        }
      />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('help.faq.search')}
          aria-label={t('help.faq.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          style={{ maxWidth: 480, marginBottom: 16 }}
          data-testid="faq-search"
        />
        {shown.length === 0 ? (
          <Empty description={t('help.faq.noMatch')} />
        ) : (
          <Collapse
            activeKey={open}
            onChange={(keys) => setOpen(keys as string[])}
            data-testid="faq-list"
            items={shown.map((e) => ({
              key: e.id,
              label: (
                <span id={e.id} data-testid="faq-question">
                  {e.question}
                </span>
              ),
              children: <Markdown testId="faq-answer">{e.answer}</Markdown>,
            }))}
          />
        )}
      </Card>
    </Flex>
  );
}
