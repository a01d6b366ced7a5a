import { useTranslation } from 'react-i18next';

/** A topic as the expertise checkboxes show it (the staff form and the account page). */
export interface TopicChoice {
  slug: string;
  labelSv: string;
  labelEn: string;
  active: boolean;
}

/**
 * The topics a person's expertise may be chosen from: the active ones, and inactive ones only
 * where the person had them when the form opened (so one unchecked by mistake stays there to be
 * checked again); labelled in the interface's language, an inactive one marked as such.
 */
export function useExpertiseChoices<T extends TopicChoice>(all: T[], had: readonly string[]) {
  const { t, i18n } = useTranslation();
  return {
    offered: all.filter((tp) => tp.active || had.includes(tp.slug)),
    label: (tp: T) =>
      `${i18n.language === 'en' ? tp.labelEn : tp.labelSv}${tp.active ? '' : ` ${t('common.inactiveTopic')}`}`,
  };
}
