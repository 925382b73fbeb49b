import { AppLink } from '../components/AppLink';
import { EmptyState } from '../components/StateViews';

export const NotFoundPage = () => (
  <EmptyState title="ページが見つかりません">
    <AppLink to="/dashboard">ダッシュボードへ戻る</AppLink>
  </EmptyState>
);
