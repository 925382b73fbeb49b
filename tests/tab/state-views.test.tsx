import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../tab/src/api/api-error';
import { EmptyState, ErrorState, LoadingState } from '../../tab/src/components/StateViews';
import { fakeApi, renderPage } from './render';

describe('state views', () => {
  it('shows the server’s Japanese message and retries on request', () => {
    const onRetry = vi.fn();
    const { api } = fakeApi({});
    renderPage(
      <ErrorState
        error={new ApiError(503, 'UNAVAILABLE', '現在サービスを利用できません。')}
        onRetry={onRetry}
      />,
      { api },
    );
    expect(screen.getByRole('alert').textContent).toContain('現在サービスを利用できません。');
    fireEvent.click(screen.getByRole('button', { name: '再読み込み' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('never shows a raw error message', () => {
    const { api } = fakeApi({});
    renderPage(<ErrorState error={new Error('TypeError: x is undefined at foo.js:1')} />, { api });
    expect(screen.getByRole('alert').textContent).not.toContain('TypeError');
    expect(screen.getByRole('alert').textContent).toContain('システムエラーが発生しました');
  });

  it('labels loading and empty states', () => {
    const { api } = fakeApi({});
    renderPage(
      <>
        <LoadingState />
        <EmptyState title="提案はまだありません" />
      </>,
      { api },
    );
    expect(screen.getByText('提案はまだありません')).toBeTruthy();
    expect(screen.getAllByRole('status')).toHaveLength(2);
  });
});
