/**
 * The error boundary around every page (App.tsx) and every cycle tab: a render error or a page chunk that
 * failed to load shows a Chinese message, the error's own message and a 重试 button, never a white screen.
 * 重试 re-mounts the page; a chunk that failed to load is fetched again by reloading the document (React
 * keeps a failed lazy import, and after a new deployment the old chunk is gone anyway). Plain HTML and CSS,
 * so the entry bundle needs no antd.
 */
import { Component, Fragment, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';

interface Props {
  children: ReactNode;
}

interface State {
  error: Error | null;
  attempt: number;
}

/** A dynamic import that failed (Chromium, Firefox, Safari and Vite's own wording). */
export function isChunkLoadError(err: unknown): boolean {
  const m = err instanceof Error ? `${err.name} ${err.message}` : String(err);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module|ChunkLoadError|Unable to preload CSS/i.test(m);
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  private retry = () => {
    if (this.state.error && isChunkLoadError(this.state.error)) {
      window.location.reload();
      return;
    }
    this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));
  };

  override render() {
    const { error, attempt } = this.state;
    // keyed by the attempt, so that 重试 mounts the children afresh
    if (!error) return <Fragment key={attempt}>{this.props.children}</Fragment>;
    const chunk = isChunkLoadError(error);
    return (
      <div className="kp-error" role="alert" data-testid="error-boundary">
        <div className="kp-error-title">页面出错了</div>
        <div className="kp-error-text">
          {chunk ? '页面文件加载失败，可能是网络中断或系统刚刚更新。' : '页面显示时发生错误，已填写的内容可能未保存。'}
          请点击「重试」；如仍出错，请将以下信息告知系统管理员。
        </div>
        <pre className="kp-error-detail">{error.message || error.name}</pre>
        <button type="button" className="kp-error-retry" onClick={this.retry}>
          重试
        </button>
      </div>
    );
  }
}


/** A page's boundary, reset when the address changes (another cycle, another page). */
export function PageErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <ErrorBoundary key={pathname}>{children}</ErrorBoundary>;
}
