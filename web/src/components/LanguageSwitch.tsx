import { Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, currentLanguage } from '../i18n';

/** pt-BR / en-US switch for the header. The choice persists (see i18n/index.ts). */
export default function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Radio.Group
      aria-label={t('language.label')}
      data-testid="language-switch"
      optionType="button"
      buttonStyle="solid"
      size="small"
      value={currentLanguage()}
      onChange={(e) => void i18n.changeLanguage(e.target.value as string)}
      options={LANGUAGES.map((lng) => ({
        value: lng,
        label: (
          <span lang={lng} data-testid={`language-${lng}`}>
            {t(`language.${lng}`)}
          </span>
        ),
      }))}
    />
  );
}
