// i18next setup: pt-BR is the default, en-US the alternative. The choice persists in
// localStorage and drives <html lang>, Ant Design's locale (see App.tsx) and dayjs's locale
// (used by antd date pickers). Every UI string lives in the JSON files beside this one.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/pt-br';
import 'dayjs/locale/en';
import ptBR from './pt-BR.json';
import enUS from './en-US.json';
import type { Locale } from '../format';

export const LANGUAGES: readonly Locale[] = ['pt-BR', 'en-US'] as const;
export const DEFAULT_LANGUAGE: Locale = 'pt-BR';
export const LANGUAGE_STORAGE_KEY = 'retaguarda.lang';

export const resources = {
  'pt-BR': { translation: ptBR },
  'en-US': { translation: enUS },
} as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: (typeof resources)['pt-BR'];
  }
}

function isLanguage(v: unknown): v is Locale {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

function storedLanguage(): Locale {
  try {
    const v = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(v)) return v;
  } catch {
    /* storage disabled: use the default */
  }
  return DEFAULT_LANGUAGE;
}

function applyLanguage(lng: string) {
  const lang = isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
  document.documentElement.lang = lang;
  dayjs.locale(lang === 'pt-BR' ? 'pt-br' : 'en');
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    /* storage disabled: the choice lasts for this page only */
  }
}

i18n.on('languageChanged', applyLanguage);

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: LANGUAGES as unknown as string[],
  interpolation: { escapeValue: false }, // React escapes
});

/** The current UI language as one of the supported locales. */
export function currentLanguage(): Locale {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

export default i18n;
