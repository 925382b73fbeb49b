import { useRouteError } from 'react-router';
import { ErrorState } from '../components/StateViews';

/** A page that failed to load (e.g. its chunk after a deployment): say so, offer a reload. */
export const RouteError = () => {
  const error = useRouteError();
  return (
    <div role="main" style={{ padding: 16 }}>
      <ErrorState
        error={error}
        title="ページを表示できませんでした"
        onRetry={() => window.location.reload()}
      />
    </div>
  );
};
