/**
 * One 同级比较表: a row per unit of its level with the value and a note. The organiser types the values or pastes
 * them from Excel into any value cell (a column of values fills downward; "单位 ⇥ 数值 ⇥ 备注" rows fill by name),
 * edits the metric, the criteria served and the source, and saves at the version it loaded (a 409 says someone saved
 * first: the page loads the latest table, says who changed it and when, and keeps what the user had changed on top of
 * it — the rest takes the latest — so the user can look and 仍然保存), or fills every value from the honours roll
 * (荣誉名录, after a confirm: existing values are replaced).
 * Leaders, and the experts of a plan that uses the table, read it. The plans that rank against it are listed:
 * a draft follows the table, an approved plan keeps the copy it took.
 */
import { useCallback, useEffect, useMemo, useState, type ClipboardEvent } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { PeerTableView } from '../../../shared/contracts/evaluation';
import { errorMessage } from '../../api/client';
import { keepMine } from '../../lib/forms';
import { refreshDone } from '../../../shared/text';
import { fillPeerTableFromHonours, getPeerTable, updatePeerTable } from '../../api/peer-tables';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { parseClipboard } from '../assessment/scoring/gridKeys';
import { isConflict, SameNamedTableLink, sameNamedTableOf } from './common';
import { applyPaste, type PeerRow } from './peerPaste';

interface Draft {
  metric: string;
  items: string[];
  source: string;
  rows: PeerRow[];
}

const draftOf = (t: PeerTableView): Draft => ({ metric: t.metric, items: [...t.items], source: t.source ?? '', rows: t.values.map((v) => ({ orgId: v.orgId, name: v.name, value: v.value, note: v.note })) });

/** a draft as the fields the user edits, one a cell (a unit's value, a unit's note), for keepMine */
const fieldsOf = (d: Draft): Record<string, unknown> => ({
  metric: d.metric,
  items: d.items,
  source: d.source,
  ...Object.fromEntries(d.rows.flatMap((r) => [[`value:${r.orgId}`, r.value], [`note:${r.orgId}`, r.note]])),
});
const sameField = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** someone else saved first: the latest table's draft, with the fields the user changed since `was` kept as typed */
function onLatest(mine: Draft, was: Draft, latest: Draft): Draft {
  const f = keepMine(fieldsOf(mine), fieldsOf(was), fieldsOf(latest), sameField);
  return {
    metric: f.metric as string,
    items: f.items as string[],
    source: f.source as string,
    rows: latest.rows.map((r) => ({ ...r, value: f[`value:${r.orgId}`] as number | null, note: f[`note:${r.orgId}`] as string | null })),
  };
}

export default function PeerTablePage() {
  const { message, modal } = App.useApp();
  const id = Number(useParams().id);
  const [table, setTable] = useState<PeerTableView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [saveError, setSaveError] = useState<string | null>(null);
  /** the table a rename onto a kept name ran into (sameNamedTableOf): linked beside the save error */
  const [clash, setClash] = useState<number | null>(null);
  /** the server's 409 (who changed the table and when), shown while the user's changes sit on the latest table */
  const [theirs, setTheirs] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!Number.isFinite(id)) return setError('比较表编号无效');
    try {
      const t = await getPeerTable(id);
      setTable(t);
      setDraft(draftOf(t));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const changed = useMemo(() => !!table && !!draft && JSON.stringify(draftOf(table)) !== JSON.stringify(draft), [table, draft]);

  if (error) {
    return (
      <div>
        <PageHeader />
        <Alert type="warning" showIcon message={error} />
      </div>
    );
  }
  if (!table || !draft) return <PageLoading />;
  const names = { '/evaluation/peer-tables/:id': table.title };
  const editable = table.editable;
  const setRow = (index: number, patch: Partial<PeerRow>) => setDraft({ ...draft, rows: draft.rows.map((r, i) => (i === index ? { ...r, ...patch } : r)) });

  const onPaste = (index: number) => (e: ClipboardEvent<HTMLElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return; // one cell: the input takes it as typed
    e.preventDefault();
    const r = applyPaste(draft.rows, index, parseClipboard(text));
    setProblems(r.problems);
    if (!r.problems.length) setDraft({ ...draft, rows: r.rows });
  };

  /**
   * Send a change at the loaded version; on success show the table the server answers. A 409: the latest table is
   * loaded and the user's changes kept on it (onLatest), with the server's words on who changed it and when.
   */
  const send = async (call: () => Promise<PeerTableView>, done: string) => {
    setBusy(true);
    setSaveError(null);
    setClash(null);
    try {
      const t = await call();
      setTable(t);
      setDraft(draftOf(t));
      setProblems([]);
      setTheirs(null);
      message.success(done);
    } catch (err) {
      if (!isConflict(err)) return setSaveError(errorMessage(err));
      // the metric renamed onto a table the office keeps: no one changed this one, the page stays as it is
      const other = sameNamedTableOf(err);
      if (other !== undefined) {
        setSaveError(errorMessage(err));
        return setClash(other);
      }
      try {
        const latest = await getPeerTable(table.id);
        setDraft(onLatest(draft, draftOf(table), draftOf(latest)));
        setTable(latest);
        // who changed it and when; the 请刷新后查看 of the server's words is done already (the latest is loaded below)
        setTheirs(refreshDone(errorMessage(err)));
      } catch (again) {
        setSaveError(`${errorMessage(err)}（最新内容未能载入：${errorMessage(again)}）`);
      }
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    send(
      () =>
        updatePeerTable(table.id, {
          version: table.version,
          metric: draft.metric,
          items: draft.items,
          source: draft.source.trim() || null,
          values: draft.rows.map((r) => ({ orgId: r.orgId, value: r.value, note: r.note?.trim() || null })),
        }),
      '同级比较表已保存',
    );

  const fillFromHonours = () =>
    modal.confirm({
      title: '从荣誉名录填入',
      content: `将按荣誉名录统计${table.year}年各${table.level === 'city' ? '市州' : '县（市、区）'}获政府质量奖励（含提名奖）的企业数，替换本表现有的全部数值和备注${changed ? '；未保存的修改也将丢弃' : ''}。是否继续？`,
      okText: '替换并填入',
      cancelText: '取消',
      onOk: () => send(() => fillPeerTableFromHonours(table.id, table.version), '已从荣誉名录填入'),
    });

  return (
    <div>
      <PageHeader
        names={names}
        tags={<Tag>{`${table.filled}/${table.units}个单位已填`}</Tag>}
        extra={
          editable && (
            <Space>
              <Button disabled={busy} onClick={fillFromHonours} data-testid="fill-from-honours">
                从荣誉名录填入
              </Button>
              <Button
                disabled={!changed || busy}
                onClick={() => {
                  setDraft(draftOf(table));
                  setTheirs(null);
                }}
              >
                放弃修改
              </Button>
              <Button type="primary" loading={busy} disabled={!changed} onClick={save} data-testid="save-peer-table">
                {theirs ? '仍然保存' : '保存'}
              </Button>
            </Space>
          )
        }
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {saveError && <Alert type="error" showIcon message={saveError} role="alert" action={clash !== null && <SameNamedTableLink id={clash} />} />}
        {theirs && (
          <Alert
            type="warning"
            showIcon
            data-testid="peer-table-conflict"
            message="本表在您打开后已被修改，页面已载入最新内容：您改过的内容保留在下方，其余已换成最新内容；核对后可“仍然保存”，或“放弃修改”改用最新内容"
            description={theirs}
          />
        )}
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            message="粘贴的内容未填入："
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
          />
        )}
        <Card size="small" title="比较表">
          {editable ? (
            <Form layout="vertical">
              <Space wrap size="large" align="start">
                <Form.Item label="年度">{table.year}</Form.Item>
                <Form.Item label="比较范围">{table.levelLabel}</Form.Item>
                <Form.Item label="比较指标" required>
                  <Input aria-label="比较指标" style={{ width: 240 }} maxLength={50} value={draft.metric} onChange={(e) => setDraft({ ...draft, metric: e.target.value })} />
                </Form.Item>
                <Form.Item label="适用的排名评分细则" required>
                  <Select aria-label="适用的排名评分细则" mode="tags" style={{ width: 240 }} value={draft.items} onChange={(items: string[]) => setDraft({ ...draft, items })} />
                </Form.Item>
              </Space>
              <Form.Item label="数据来源">
                <Input.TextArea aria-label="数据来源" rows={2} maxLength={500} value={draft.source} onChange={(e) => setDraft({ ...draft, source: e.target.value })} />
              </Form.Item>
            </Form>
          ) : (
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label="年度">{table.year}</Descriptions.Item>
              <Descriptions.Item label="比较范围">{table.levelLabel}</Descriptions.Item>
              <Descriptions.Item label="比较指标">{table.metric}</Descriptions.Item>
              <Descriptions.Item label="适用的排名评分细则">{table.items.join('、')}</Descriptions.Item>
              <Descriptions.Item label="数据来源" span={2}>
                {table.source ?? '—'}
              </Descriptions.Item>
            </Descriptions>
          )}
        </Card>
        <Card size="small" title="各单位数值" extra={editable && <Typography.Text type="secondary">可从 Excel 复制一列数值（或“单位、数值、备注”几列）粘贴到任一数值格</Typography.Text>}>
          <Table
            size="small"
            rowKey="orgId"
            pagination={false}
            dataSource={draft.rows}
            data-testid="peer-values"
            columns={[
              { title: '序号', key: 'n', width: 64, render: (_, _r, i) => i + 1 },
              { title: '单位', dataIndex: 'name' },
              {
                title: table.unit ? `${table.metric}（${table.unit}）` : table.metric,
                key: 'value',
                render: (_, r, i) =>
                  editable ? (
                    <span onPaste={onPaste(i)}>
                      <InputNumber
                        aria-label={`${r.name} 数值`}
                        min={0}
                        value={r.value}
                        onChange={(v) => setRow(i, { value: v === null ? null : Number(v) })}
                        // counted in whole things (个): a fraction is marked before the server refuses it
                        status={table.wholeNumbers && r.value !== null && !Number.isInteger(r.value) ? 'error' : undefined}
                        title={table.wholeNumbers ? `以“${table.unit}”计数，须为整数` : undefined}
                        style={{ width: 140 }}
                      />
                    </span>
                  ) : (
                    (r.value ?? '—')
                  ),
              },
              {
                title: '备注',
                key: 'note',
                render: (_, r, i) => (editable ? <Input aria-label={`${r.name} 备注`} maxLength={200} value={r.note ?? ''} onChange={(e) => setRow(i, { note: e.target.value || null })} /> : (r.note ?? '')),
              },
            ]}
          />
        </Card>
        {table.plans.length > 0 && (
          <Card size="small" title="使用本表的评价工作方案">
            <Typography.Paragraph type="secondary">草稿按本表当前数值排名；已批准的方案保存了批准时的数值副本，修改本表不影响其结果。</Typography.Paragraph>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {table.plans.map((p) => (
                <li key={`${p.applicationId}-${p.versionNo}`}>
                  <Link to={`/evaluation/applications/${p.applicationId}/plan`}>{p.applicant}</Link>（第{p.versionNo}版，{p.statusLabel}）
                </li>
              ))}
            </ul>
          </Card>
        )}
      </Space>
    </div>
  );
}
