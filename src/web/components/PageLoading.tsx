/** The fallback while a page chunk loads: plain CSS, so the entry bundle needs no antd Spin. */
export function PageLoading() {
  return (
    <div className="kp-loading" role="status" aria-label="加载中">
      <span className="kp-loading-dot" />
      <span className="kp-loading-dot" />
      <span className="kp-loading-dot" />
    </div>
  );
}
