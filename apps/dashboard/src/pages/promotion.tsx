import { useI18n } from '../i18n/i18n';

/**
 * WAITING ON THE BACKEND (issue 12, item 4): GET /api/v1/reports/promotion?year= does not exist yet. The page is
 * left out of the navigation until it does (PROMOTION_AVAILABLE).
 */
export const PROMOTION_AVAILABLE = false;

export function PromotionPage() {
  const { t } = useI18n();
  return <p class="note">{t('promotion.waiting')}</p>;
}
