/**
 * A department's declaration: Annex 1 and Annex 2 as forms, saved as the user types (debounced PUT with
 * the version; a 409 shows the other person's version and offers to load it), live checks from the shared
 * rules, submit, template downloads and the Excel upload.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import type { CycleDetail } from '../../../../shared/contracts/cycles';
import { checkDeclaration, declarationContent, type DeclarationContent, type DeclarationDetail } from '../../../../shared/contracts/declarations';
import { errorMessage, isApiError } from '../../../api/client';
import { getDeclaration, listDeclarations, noticeDocxUrl, saveDeclaration, templateDocxUrl, templateXlsxUrl, transitionDeclaration } from '../../../api/declarations';
import BonusEditor from './BonusEditor';
import IndicatorEditor from './IndicatorEditor';
import UploadPanel from './UploadPanel';
import { downloadUrl, STATUS_COLOR } from './labels';
import Deadline from '../../../components/Deadline';
import { formatDeadline } from '../../../../shared/deadline';
import { formatDateTime } from '../../../lib/format';
import { useLeaveWarning } from '../../../lib/useLeaveWarning';
import { fieldKeys, fieldLabel } from '../../../../shared/contracts/field-labels';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; message: string };

function problemMap(list: { field: string; message: string }[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const p of list) {
    const f = p.field.replace(/^content\./, '');
    m.set(f, [...(m.get(f) ?? []), p.message]);
  }
  return m;
}

export default function DepartmentDeclaration({ cycle }: { cycle: CycleDetail; reload: () => void }) {
  const { message } = App.useApp();
  const [decl, setDecl] = useState<DeclarationDetail | null>(null);
  const [content, setContent] = useState<DeclarationContent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [conflictWith, setConflictWith] = useState<DeclarationDetail | null>(null);
  const [serverProblems, setServerProblems] = useState<{ field: string; message: string }[]>([]);
  const [submitting, setSubmitting] = useState(false);
  /** the department has no declaration in this cycle (it only evaluates): say so instead of spinning */
  const [none, setNone] = useState(false);
  const versionRef = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** the content typed and not saved yet (a save waiting for its timer, refused, or failed); null when all is saved */
  const unsaved = useRef<DeclarationContent | null>(null);

  const adopt = useCallback((d: DeclarationDetail) => {
    setDecl(d);
    setContent(d.content);
    unsaved.current = null;
    versionRef.current = d.version;
    setConflictWith(null);
  }, []);

  const load = useCallback(async () => {
    setError(null);
    try {
      const list = await listDeclarations(cycle.id);
      if (!list.items[0]) {
        setDecl(null);
        setNone(true);
        return;
      }
      adopt(await getDeclaration(list.items[0].id));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [cycle.id, adopt]);

  useEffect(() => {
    void load();
  }, [load]);

  const editable = !!decl?.actions.edit && !conflictWith;

  /** save the content; true when saved (false: refused or failed, and said so beside 自动保存) */
  const persist = useCallback(
    async (next: DeclarationContent): Promise<boolean> => {
      if (!decl) return false;
      const parsed = declarationContent.safeParse(next);
      if (!parsed.success) {
        const found = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        setServerProblems(found);
        const first = parsed.error.issues[0]!;
        setSave({ kind: 'error', message: `本次修改尚未保存：${fieldLabel(first.path)}：${first.message}${found.length > 1 ? `（共${found.length}处）` : ''}；填好后自动保存` });
        return false;
      }
      setSave({ kind: 'saving' });
      try {
        const d = await saveDeclaration(decl.id, { content: parsed.data, version: versionRef.current });
        versionRef.current = d.version;
        setDecl(d);
        setServerProblems([]);
        if (unsaved.current === next) unsaved.current = null;
        setSave({ kind: 'saved', at: new Date().toLocaleTimeString('zh-CN') });
        return true;
      } catch (err) {
        if (isApiError(err) && err.status === 409 && err.current) {
          setConflictWith(err.current as DeclarationDetail);
          setSave({ kind: 'error', message: err.message });
        } else {
          if (isApiError(err)) setServerProblems(err.fields);
          setSave({ kind: 'error', message: errorMessage(err) });
        }
        return false;
      }
    },
    [decl],
  );

  const change = (next: DeclarationContent) => {
    setContent(next);
    unsaved.current = next;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void persist(next), 1200);
  };
  // leaving the page (another menu, a to-do) within the autosave's second saves what was typed rather than dropping it
  const persistRef = useRef(persist);
  persistRef.current = persist;
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (unsaved.current) void persistRef.current(unsaved.current);
    },
    [],
  );
  // closing or reloading the tab with a change the form could not save yet (a row half filled): the browser asks first
  useLeaveWarning(() => unsaved.current !== null);

  const liveProblems = useMemo(() => (content ? checkDeclaration(content) : []), [content]);
  const problems = useMemo(() => problemMap([...liveProblems, ...serverProblems]), [liveProblems, serverProblems]);
  // the list above the form: the submission's rules, then what keeps the draft from saving (a field left empty), named
  // by row and field as the form shows it — both marked red on their fields
  const listedProblems = useMemo(() => {
    const said = new Set(liveProblems.map((p) => p.field));
    return [...liveProblems, ...serverProblems.filter((p) => !said.has(p.field)).map((p) => ({ field: p.field, message: `${fieldLabel(fieldKeys(p.field))}：${p.message}` }))];
  }, [liveProblems, serverProblems]);

  const submit = async () => {
    if (!decl || !content) return;
    if (timer.current) clearTimeout(timer.current);
    setSubmitting(true);
    try {
      // what is on the screen is what is submitted: a save refused or failed stops here, said beside 自动保存
      if (unsaved.current && !(await persist(content))) {
        message.error('申报表的修改尚未保存，未提交；请按提示修改后再提交');
        return;
      }
      const d = await transitionDeclaration(decl.id, { event: 'submit', version: versionRef.current });
      adopt(d);
      message.success('申报表已提交，等待质强办审核');
    } catch (err) {
      if (isApiError(err)) setServerProblems(err.fields);
      message.error(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  if (error) return <Alert type="error" showIcon message={error} action={<Button onClick={() => void load()}>重试</Button>} />;
  if (decl === null && content === null && !none) return <Spin />;
  if (!decl || !content) return <Empty description="本单位未被邀请申报本年度考核指标" />;

  const saveText =
    save.kind === 'saving' ? '正在保存…' : save.kind === 'saved' ? `草稿已自动保存（${save.at}）` : save.kind === 'error' ? save.message : editable ? '修改后自动保存' : '';

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="单位名称">{decl.departmentName}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={STATUS_COLOR[decl.status]}>{decl.statusLabel}</Tag>
            {decl.late && <Tag color="red">逾期</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="截止日期">
            <Deadline due={decl.dueDate} done={!(decl.status === 'draft' || decl.status === 'returned')} />
            {decl.reopenedUntil && decl.reopenedUntil === decl.dueDate && <Tag style={{ marginLeft: 8 }}>已重新开放</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="指标">{decl.indicatorCount}条，合计{decl.totalPoints}分</Descriptions.Item>
          <Descriptions.Item label="加分项">{decl.bonusCount}条</Descriptions.Item>
          <Descriptions.Item label="提交时间">{formatDateTime(decl.submittedAt)}</Descriptions.Item>
        </Descriptions>
        {decl.status === 'returned' && decl.returnReason && <Alert type="warning" showIcon message={`质强办退回：${decl.returnReason}`} style={{ marginTop: 8 }} />}
        {!decl.open && (decl.status === 'draft' || decl.status === 'returned') && (
          <Alert type="warning" showIcon style={{ marginTop: 8 }} message={`申报已于${formatDeadline(decl.dueDate).at}截止，不能再修改或提交；如需补报，请联系质强办重新开放。`} />
        )}
        <Space wrap style={{ marginTop: 12 }}>
          <Popconfirm
            title="提交后不能再修改（除非质强办退回），确定提交？"
            disabled={!decl.actions.submit || listedProblems.length > 0}
            onConfirm={() => void submit()}
          >
            <Button type="primary" icon={<SendOutlined />} disabled={!decl.actions.submit || listedProblems.length > 0} loading={submitting}>
              提交
            </Button>
          </Popconfirm>
          <Button icon={<DownloadOutlined />} onClick={() => downloadUrl(templateXlsxUrl(decl.id))}>
            下载 Excel 模板
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => downloadUrl(templateDocxUrl(decl.id))}>
            下载 Word 版
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => downloadUrl(noticeDocxUrl(cycle.id))}>
            下载征集通知（含附件）
          </Button>
          <UploadPanel declaration={{ ...decl, version: versionRef.current }} disabled={!editable} onUploaded={adopt} />
          <Typography.Text type={save.kind === 'error' ? 'danger' : 'secondary'}>{saveText}</Typography.Text>
        </Space>
        {decl.actions.submit && listedProblems.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            message={`提交前还需修改${listedProblems.length}处`}
            description={
              // every problem, in a box that scrolls past about ten lines ("……" after eight left the rest to guesswork)
              <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 220, overflowY: 'auto' }} data-testid="declaration-problems">
                {listedProblems.map((p) => (
                  <li key={p.field + p.message}>{p.message}</li>
                ))}
              </ul>
            }
          />
        )}
      </Card>
      {conflictWith && (
        <Alert
          type="warning"
          showIcon
          message="申报表已被他人修改"
          description={
            <Space direction="vertical">
              <span>
                对方保存的版本（第{conflictWith.version}版，{formatDateTime(conflictWith.updatedAt)}）：{conflictWith.indicatorCount}条指标，合计{conflictWith.totalPoints}分；{conflictWith.bonusCount}条加分项。您的修改尚未保存。
              </span>
              <Space>
                <Button type="primary" onClick={() => adopt(conflictWith)}>
                  加载对方的版本
                </Button>
                <Button
                  onClick={() => {
                    versionRef.current = conflictWith.version;
                    setConflictWith(null);
                    void persist(content);
                  }}
                >
                  用我的内容覆盖
                </Button>
              </Space>
            </Space>
          }
        />
      )}
      <Tabs
        items={[
          {
            key: 'indicators',
            label: `附件1指标申报表（${content.indicators.length}）`,
            children: <IndicatorEditor rows={content.indicators} problems={problems} disabled={!editable} onChange={(indicators) => change({ ...content, indicators })} />,
          },
          {
            key: 'bonuses',
            label: `附件2加分项申报表（${content.bonuses.length}）`,
            children: <BonusEditor rows={content.bonuses} problems={problems} disabled={!editable} onChange={(bonuses) => change({ ...content, bonuses })} />,
          },
        ]}
      />
    </Space>
  );
}
