/**
 * The 文号 of a 公文 the office downloads (湘质强办〔2026〕12号, printed under the 版头), checked in the browser
 * as the server checks it (docNumber in shared/contracts/common.ts). One input for every download that takes one:
 * the results bulletin, the work-plan notice, the rectification notice, and (NumberedDownload) the 公文 sent to one
 * unit at a time. A number not yet registered for the 公文 is
 * sent in the body of a POST at the download's address (registered, then printed); the link itself (a GET, which a
 * browser may prefetch) never carries one and prints the registered number.
 */
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { App, Button, Input, Modal, Space, Typography, type ButtonProps } from 'antd';
import { docNumber } from '../../shared/contracts/common';
import type { DocKind } from '../../shared/contracts/docnumbers';
import { useAccess } from '../access';
import { currentDocNumber } from '../api/docnumbers';
import { errorMessage, fetchFile } from '../api/client';
import { chinaYear } from '../lib/format';

/** an example in this year's numbering, for placeholders and hints */
export const docNumberExample = () => `湘质强办〔${chinaYear()}〕12号`;

/** what is wrong with a typed 文号, or null (an empty one is fine where it is optional) */
export function docNumberError(typed: string | undefined): string | null {
  const t = (typed ?? '').trim();
  return t ? (docNumber.safeParse(t).error?.issues[0]?.message ?? null) : null;
}

/** the same check as a Form.Item rule */
export const docNumberRule = {
  validator: async (_: unknown, v?: string) => {
    const e = docNumberError(v);
    if (e) throw new Error(e);
  },
};

/**
 * An optional 文号 beside a download button: the text to send (undefined when empty), its error, and the input. Left
 * empty, the document prints the 文号 registered for it in the office's 文号登记, or, none registered, the placeholder
 * ×××〔年份〕×号 on its 发文字号 line (docNoOrPlaceholder on the server), to replace once the office has numbered it.
 * `doc` names the 公文 (kind and subject, as the register keeps them): its registered 文号 is filled in.
 */
export function useDocNumber(testId?: string, doc?: { kind: DocKind; subject: string } | null) {
  const [typed, setTyped] = useState('');
  const [registered, setRegistered] = useState<string | null>(null);
  // the number filled in for the previous 公文, cleared when another 公文 (another period, the final bulletin) is chosen
  const filled = useRef<string | null>(null);
  const { can } = useAccess();
  const readable = can('docNumber.read');
  const kind = doc?.kind;
  const subject = doc?.subject;
  useEffect(() => {
    setRegistered(null);
    if (!readable || !kind || !subject) return;
    let live = true;
    currentDocNumber(kind, subject).then(
      (r) => {
        if (!live) return;
        setRegistered(r.docNo);
        const before = filled.current;
        filled.current = r.docNo;
        setTyped((t) => r.docNo ?? (t.trim() === before ? '' : t));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [readable, kind, subject]);
  const error = docNumberError(typed);
  const value = typed.trim() || undefined;
  // a number to register (POSTed with the download), or undefined: the link's GET prints the registered one
  const fresh = value !== undefined && value !== registered ? value : undefined;
  const checkedDownload = useCheckedDownload();
  /** the download of `url` (the 公文's address, no 文号), registering the typed number first when it is new */
  const download = async (url: string, e?: MouseEvent<HTMLElement>): Promise<boolean> => {
    const ok = await checkedDownload(url, e, fresh);
    if (ok && fresh) {
      filled.current = fresh;
      setRegistered(fresh);
    }
    return ok;
  };
  const input = (
    <Input
      style={{ width: 200 }}
      placeholder="文号（未编号可不填）"
      value={typed}
      onChange={(e) => setTyped(e.target.value)}
      status={error ? 'error' : undefined}
      title={error ?? (registered ? `已登记文号${registered}；改用其他文号须先在「文号登记」中作废` : `如${docNumberExample()}，印在版头并登记；不填则印“×××〔年份〕×号”，编号后替换`)}
      aria-label="通报文号"
      data-testid={testId}
    />
  );
  return { value, fresh, error, input, download };
}

/**
 * A download link's click, fetched so that a refusal (a 文号 another 公文 holds: 409) is a message on the page, not
 * the error's JSON in place of the page; the file is then saved under the server's name. With `docNumber` the
 * download is the POST that registers it for the 公文 (a GET never registers a number).
 */
export function useCheckedDownload() {
  const { message } = App.useApp();
  return async (url: string, e?: MouseEvent<HTMLElement>, docNumber?: string): Promise<boolean> => {
    e?.preventDefault();
    try {
      const r = await fetchFile(url, docNumber === undefined ? undefined : { docNumber });
      const name = /filename\*=UTF-8''([^;]+)/.exec(r.headers.get('Content-Disposition') ?? '')?.[1];
      const href = URL.createObjectURL(await r.blob());
      const a = document.createElement('a');
      a.href = href;
      a.download = name ? decodeURIComponent(name) : '';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      return true;
    } catch (err) {
      message.error(errorMessage(err));
      return false;
    }
  };
}

/**
 * The download of a 公文 the office sends one unit at a time (a city's 反馈意见书 and 结果报告, an 异议复核结果告知书, an
 * applicant's 受理通知书 and 评价报告), numbered one by one as its other 公文 are. For the issuing office (`issuer`) the
 * button opens a small dialog with the 文号 — the one registered for this 公文 filled in — and 下载; for anyone else it
 * downloads the 公文 with the registered 文号 printed (none: ×××〔年份〕×号). `doc` names the 公文 as the register does.
 */
export function NumberedDownload({
  url,
  doc,
  issuer,
  title,
  testId,
  children,
  ...button
}: { url: string; doc: { kind: DocKind; subject: string }; issuer: boolean; title: string; testId?: string; children: ReactNode } & Omit<ButtonProps, 'href' | 'onClick' | 'children' | 'title'>) {
  const [open, setOpen] = useState(false);
  const checkedDownload = useCheckedDownload();
  return (
    <>
      <Button {...button} href={url} data-testid={testId} onClick={(e) => (issuer ? (e.preventDefault(), setOpen(true)) : void checkedDownload(url, e))}>
        {children}
      </Button>
      {open && <NumberDialog url={url} doc={doc} title={title} testId={testId} onClose={() => setOpen(false)} />}
    </>
  );
}

/** the issuing office's 文号 for one 公文, then its download (NumberedDownload) */
function NumberDialog({ url, doc, title, testId, onClose }: { url: string; doc: { kind: DocKind; subject: string }; title: string; testId?: string; onClose: () => void }) {
  const no = useDocNumber(testId && `${testId}-no`, doc);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      if (await no.download(url)) onClose();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`下载${title}`} okText="下载" cancelText="取消" onOk={() => void download()} onCancel={onClose} okButtonProps={{ disabled: !!no.error, loading: busy, 'data-testid': testId && `${testId}-ok` } as ButtonProps} destroyOnClose>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">文号（可不填：不填则印已登记的文号，未登记的印“×××〔年份〕×号”）</Typography.Text>
        {no.input}
        {no.error && <Typography.Text type="danger">{no.error}</Typography.Text>}
      </Space>
    </Modal>
  );
}
