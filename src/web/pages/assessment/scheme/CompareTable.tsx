import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { CompareResponse, CompareRow } from '../../../../shared/contracts/schemes';
import { errorMessage } from '../../../api/client';
import { applyDeclarations, compareScheme, type ApplyResult } from '../../../api/schemes';
import type { SaveUnsaved } from './SchemeEditor';
import { DECLARATION_WORKFLOW, type DeclarationStatus } from '../../../../shared/workflow/assessment';

const STATUS_COLORS: Record<DeclarationStatus, string> = { draft: 'default', submitted: 'blue', returned: 'orange', accepted: 'green' };
/** a declaration's state as the workflow names it, coloured for this table */
const statusTag = (s: string) => <Tag color={STATUS_COLORS[s as DeclarationStatus]}>{DECLARATION_WORKFLOW.states[s as DeclarationStatus] ?? s}</Tag>;

const columns: TableColumnsType<CompareRow> = [
  {
    title: '评价部门',
    width: 150,
    // a key point nobody declared: its evaluating department by name (its code is never shown)
    render: (_, r) => (r.departmentId !== null ? r.departmentName : <Typography.Text type="secondary">{r.departmentName ?? '—'}（未申报）</Typography.Text>),
  },
  {
    title: '申报状态',
    width: 100,
    render: (_, r) =>
      r.declarationStatus ? (
        <Space size={2}>
          {statusTag(r.declarationStatus)}
          {r.late && <Tag color="red">逾期</Tag>}
        </Space>
      ) : (
        <Tag>未申报</Tag>
      ),
  },
  { title: '考核领域', dataIndex: 'domain', width: 90 },
  { title: '考核内容', dataIndex: 'item', width: 160 },
  {
    title: '考核要点',
    render: (_, r) => (
      <Space direction="vertical" size={2}>
        <span>
          {r.sourceCode ? <Tag>{r.sourceCode}</Tag> : <Tag color="purple">新增</Tag>}
          {r.keyPoint}
        </span>
        {r.over && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            超过上年分值，说明：{r.overReason ?? '（未填写原因）'}
          </Typography.Text>
        )}
      </Space>
    ),
  },
  { title: '上年分值', dataIndex: 'lastYearPoints', width: 80, align: 'right', render: (v: number | null) => v ?? '—' },
  {
    title: '申报分值',
    width: 80,
    align: 'right',
    render: (_, r) =>
      r.declaredPoints === null ? (
        '—'
      ) : r.over ? (
        <Tooltip title={r.overReason ?? '未填写原因'}>
          <Typography.Text type="danger" strong>
            {r.declaredPoints}
          </Typography.Text>
        </Tooltip>
      ) : (
        r.declaredPoints
      ),
  },
  {
    title: '方案分值',
    width: 90,
    align: 'right',
    render: (_, r) => (r.draftPoints === null ? <Typography.Text type="secondary">未写入</Typography.Text> : <span title={r.draftCode ?? ''}>{r.draftPoints}</span>),
  },
];

/**
 * Declarations side by side with last year's points and the draft's final points (最终分值由省质强办统筹确定), and
 * 将已接收的申报写入草稿 — after saving the edits of 方案内容 not saved yet (`saveUnsaved`), as the 写入草稿 beside 发布方案
 * does: the draft written into is the stored one, which the editor then shows.
 */
export default function CompareTable({ cycleId, draftId, draftVersion, editable, saveUnsaved, onApplied }: {
  cycleId: number;
  draftId: number | null;
  draftVersion: number | null;
  editable: boolean;
  saveUnsaved: SaveUnsaved;
  onApplied: (r: ApplyResult) => void;
}) {
  const { message, modal } = App.useApp();
  const [data, setData] = useState<CompareResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    compareScheme(cycleId).then(setData, (e) => setError(errorMessage(e)));
  }, [cycleId]);
  useEffect(load, [load, draftVersion]);

  const apply = () =>
    modal.confirm({
      title: '将已接收的申报写入方案草稿？',
      content: (
        <>
          <p>各成员单位已接收的申报将写入草稿：分值、要点考核内容、指标依据和评价部门；新增的考核内容追加到对应领域，加分项写入加分项。写入后请逐项核定最终分值。</p>
          {saveUnsaved.current && <p>「方案内容」中未保存的修改将先保存为草稿，再写入申报。</p>}
        </>
      ),
      okText: '写入',
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          const pending = saveUnsaved.current;
          const saved = pending ? await pending() : null;
          if (pending && !saved) return;
          const r = await applyDeclarations(saved?.id ?? draftId!, saved?.version ?? draftVersion!);
          message.success(`已写入${r.applied.map((a) => a.departmentName).join('、')}的申报`);
          if (r.notes.length) modal.info({ title: '写入说明', content: <ul>{r.notes.map((n, i) => <li key={i}>{n}</li>)}</ul> });
          onApplied(r);
          load();
        } catch (e) {
          message.error(errorMessage(e));
        } finally {
          setBusy(false);
        }
      },
    });

  if (error) return <Alert type="error" showIcon message={error} />;
  const over = data?.rows.filter((r) => r.over).length ?? 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {over > 0 && <Alert type="warning" showIcon message={`${over}个考核要点的申报分值超过上年分值（通知要求“原则上不超过”），已标红`} />}
        {editable && draftId !== null && (
          <Button type="primary" loading={busy} onClick={apply}>
            将已接收的申报写入草稿
          </Button>
        )}
      </Space>
      <Table<CompareRow>
        rowKey={(r, i) => `${r.departmentCode}-${r.sourceCode}-${i}`}
        size="small"
        loading={!data}
        columns={columns}
        dataSource={data?.rows ?? []}
        pagination={false}
        rowClassName={(r) => (r.over ? 'kp-row-over' : '')}
        onRow={(r) => (r.over ? { style: { background: '#fff1f0' } } : {})}
      />
      {data && data.bonuses.length > 0 && (
        <Table
          rowKey={(_, i) => String(i)}
          size="small"
          title={() => '加分项申报'}
          pagination={false}
          dataSource={data.bonuses}
          columns={[
            { title: '成员单位', dataIndex: 'departmentName', width: 150 },
            { title: '申报状态', dataIndex: 'declarationStatus', width: 100, render: (s: string) => statusTag(s) },
            { title: '加分项目', dataIndex: 'project', width: 160 },
            { title: '加分标准', dataIndex: 'standard' },
            { title: '指标依据', dataIndex: 'basis', width: 220 },
          ]}
        />
      )}
    </Space>
  );
}
