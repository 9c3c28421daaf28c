/**
 * The office's (and leaders') view of the call for indicators: every invited department with its status,
 * late flag and rows above last year's points; 查看 / 接收 / 退回（须填写原因）/ 重新开放, from each row's actions;
 * 批量接收, 批量退回 (one reason per declaration) and 批量催办 for the rows ticked (one request per declaration, each
 * checked and audited as a single one).
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Popconfirm, Space, Spin, Statistic, Table, Tag, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { CycleDetail } from '../../../../shared/contracts/cycles';
import { pointsText, type DeclarationDetail, type DeclarationList, type DeclarationSummary } from '../../../../shared/contracts/declarations';
import { errorMessage } from '../../../api/client';
import { comparisonXlsxUrl, getDeclaration, listDeclarations, noticeDocxUrl, templateXlsxUrl, transitionDeclaration } from '../../../api/declarations';
import { remindDeclaration } from '../../../api/todos';
import Deadline from '../../../components/Deadline';
import { DECLARATION_WORKFLOW, REMIND_AGAIN_MINUTES } from '../../../../shared/workflow/assessment';
import { nextQuery, sortOrderOf, type ListQuery } from '../../../lib/serverTable';
import DeclarationView from './DeclarationView';
import { BatchReturnModal, ReopenModal, ReturnModal } from './ReviewModals';
import { downloadUrl, STATUS_COLOR } from './labels';
import { formatDateTime } from '../../../lib/format';

export default function OfficeDeclarations({ cycle, reload }: { cycle: CycleDetail; reload: () => void }) {
  const { message } = App.useApp();
  const [list, setList] = useState<DeclarationList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<DeclarationDetail | null>(null);
  const [returning, setReturning] = useState<DeclarationSummary | null>(null);
  const [reopening, setReopening] = useState<DeclarationSummary | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [batchBusy, setBatchBusy] = useState(false);
  // paged, filtered and sorted by the server; the counts above the table always cover every department
  const [query, setQuery] = useState<ListQuery>({ page: 1, pageSize: 20 });
  const [loading, setLoading] = useState(false);
  const [batchReturning, setBatchReturning] = useState<DeclarationSummary[] | null>(null);

  const load = useCallback(async () => {
    setError(null);
    setLoading(true);
    try {
      setList(await listDeclarations(cycle.id, query));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [cycle.id, query]);
  useEffect(() => {
    void load();
  }, [load, cycle.version]);

  const accept = async (d: DeclarationSummary) => {
    try {
      await transitionDeclaration(d.id, { event: 'accept', version: d.version });
      message.success(`已接收${d.departmentName}的申报表`);
      await load();
    } catch (err) {
      message.error(errorMessage(err));
      await load();
    }
  };
  /** Run one action per ticked declaration, in turn; say how many went through and why the others did not. */
  const batch = async (what: string, targets: DeclarationSummary[], act: (d: DeclarationSummary) => Promise<unknown>) => {
    setBatchBusy(true);
    const failed: string[] = [];
    for (const d of targets) {
      try {
        await act(d);
      } catch (err) {
        failed.push(`${d.departmentName}：${errorMessage(err)}`);
      }
    }
    setBatchBusy(false);
    setSelected([]);
    const ok = targets.length - failed.length;
    if (failed.length) message.warning(`已${what}${ok}个成员单位；${failed.length}个未${what}：${failed.join('；')}`, 8);
    else message.success(`已${what}${ok}个成员单位`);
    await load();
    reload();
  };
  const mayRemind = (d: DeclarationSummary) => d.actions.remind;

  const remind = async (d: DeclarationSummary) => {
    try {
      const r = await remindDeclaration(d.id);
      message.success(`已催办${d.departmentName}（第${r.count}次，${formatDateTime(r.lastAt)}），该单位将在待办中看到`);
    } catch (err) {
      message.error(errorMessage(err));
    }
    await load();
  };
  const view = async (d: DeclarationSummary) => {
    try {
      setViewing(await getDeclaration(d.id));
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  // a refusal because the declaration moved on (409): the list and the cycle take the current state (the 征集 may have
  // ended meanwhile, which the cycle's header and steps show)
  const stale = () => {
    void load();
    reload();
  };
  const done = (text: string) => async () => {
    setReturning(null);
    setReopening(null);
    message.success(text);
    await load();
    reload();
  };

  if (error) return <Alert type="error" showIcon message={error} action={<Button onClick={() => void load()}>重试</Button>} />;
  if (!list) return <Spin />;
  const c = list.counts;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space size="large" wrap>
        <Statistic title="受邀成员单位" value={c.total} />
        <Statistic title="草稿" value={c.draft} />
        <Statistic title="已提交待审核" value={c.submitted} />
        <Statistic title="已退回" value={c.returned} />
        <Statistic title="已接收" value={c.accepted} />
        <Statistic title="逾期提交" value={c.late} valueStyle={c.late ? { color: '#cf1322' } : undefined} />
        <Statistic title="超过上年分值的指标" value={c.overPoints} valueStyle={c.overPoints ? { color: '#d46b08' } : undefined} />
        <Button icon={<DownloadOutlined />} onClick={() => downloadUrl(noticeDocxUrl(cycle.id))}>
          下载征集通知（含附件）
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => downloadUrl(comparisonXlsxUrl(cycle.id))}>
          下载分值对照表（Excel）
        </Button>
      </Space>
      {(() => {
        const ticked = list.items.filter((d) => selected.includes(d.id));
        const toAccept = ticked.filter((d) => d.actions.accept);
        const toReturn = ticked.filter((d) => d.actions.return);
        const toRemind = ticked.filter(mayRemind);
        if (!list.items.some((d) => d.actions.accept || d.actions.return || mayRemind(d))) return null;
        return (
          <Space wrap>
            <span>已选{ticked.length}个</span>
            <Popconfirm title={`接收所选${toAccept.length}份已提交的申报表？`} disabled={!toAccept.length} onConfirm={() => void batch('接收', toAccept, (d) => transitionDeclaration(d.id, { event: 'accept', version: d.version }))}>
              <Button type="primary" disabled={!toAccept.length} loading={batchBusy} data-testid="batch-accept">
                批量接收{toAccept.length ? `（${toAccept.length}）` : ''}
              </Button>
            </Popconfirm>
            <Button danger disabled={!toReturn.length} loading={batchBusy} data-testid="batch-return" onClick={() => setBatchReturning(toReturn)}>
              批量退回{toReturn.length ? `（${toReturn.length}）` : ''}
            </Button>
            <Popconfirm title={`催办所选${toRemind.length}个未报送的成员单位？`} disabled={!toRemind.length} onConfirm={() => void batch('催办', toRemind, (d) => remindDeclaration(d.id))}>
              <Button disabled={!toRemind.length} loading={batchBusy} data-testid="batch-remind">
                批量催办{toRemind.length ? `（${toRemind.length}）` : ''}
              </Button>
            </Popconfirm>
          </Space>
        );
      })()}
      <Table<DeclarationSummary>
        rowKey="id"
        size="small"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as number[]),
          getCheckboxProps: (d) => ({ disabled: !(d.actions.accept || d.actions.return || mayRemind(d)), name: d.departmentName }),
        }}
        loading={loading}
        // wider than a 1024 px screen leaves: scroll sideways rather than squeeze a name one character a line
        scroll={{ x: 1320 }}
        onChange={(...change) => {
          setSelected([]);
          setQuery((q) => nextQuery(q, change, 'status', { departmentName: 'unit' }));
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          hideOnSinglePage: list.total <= 10,
          showTotal: (n) => `共${n}个成员单位`,
        }}
        locale={{ emptyText: query.status ? '没有符合筛选条件的申报表' : '暂无申报表' }}
        dataSource={list.items}
        expandable={{
          rowExpandable: (d) => d.overPoints.length > 0,
          expandedRowRender: (d) => (
            <Table
              size="small"
              pagination={false}
              rowKey="row"
              dataSource={d.overPoints}
              columns={[
                { title: '考核内容', dataIndex: 'item', width: 180 },
                { title: '考核要点', dataIndex: 'keyPoint' },
                { title: '申报分值', dataIndex: 'points', width: 90, render: (v: number) => `${pointsText(v)}分` },
                { title: '上年分值', dataIndex: 'lastYearPoints', width: 90, render: (v: number) => `${pointsText(v)}分` },
                { title: '理由', dataIndex: 'reason', render: (v: string | null) => v ?? <Tag color="red">未填写</Tag> },
              ]}
            />
          ),
        }}
        columns={[
          { title: '成员单位', dataIndex: 'departmentName', key: 'departmentName', width: 170, fixed: 'left', sorter: true, sortOrder: sortOrderOf(query, 'unit') },
          {
            title: '状态',
            key: 'status',
            width: 150,
            filters: Object.entries(DECLARATION_WORKFLOW.states).map(([value, text]) => ({ text, value })),
            filteredValue: query.status ? query.status.split(',') : null,
            render: (_, d) => (
              <Space size={4} wrap>
                <Tag color={STATUS_COLOR[d.status]}>{d.statusLabel}</Tag>
                {d.late && <Tag color="red">逾期</Tag>}
                {d.reopenedUntil && <Tooltip title={`已重新开放至${d.reopenedUntil}`}><Tag>补报</Tag></Tooltip>}
                {d.reminders && (d.status === 'draft' || d.status === 'returned') && (
                  <Tooltip title={`最近一次${formatDateTime(d.reminders.lastAt)}${d.actions.remind ? '' : `；${REMIND_AGAIN_MINUTES}分钟内不再重复催办`}`}>
                    <Tag data-testid={`reminded-${d.departmentCode}`}>已催办{d.reminders.count}次</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: '截止',
            width: 200,
            render: (_, d) => <Deadline due={d.dueDate} done={!(d.status === 'draft' || d.status === 'returned') || cycle.status !== 'collecting'} />,
          },
          { title: '提交时间', dataIndex: 'submittedAt', width: 170, render: (v: string | null) => formatDateTime(v) },
          { title: '指标', width: 70, dataIndex: 'indicatorCount' },
          { title: '合计分值', width: 90, dataIndex: 'totalPoints', render: (v: string) => `${v}分` },
          { title: '加分项', width: 70, dataIndex: 'bonusCount' },
          {
            title: '超过上年',
            width: 90,
            render: (_, d) => (d.overPoints.length ? <Tag color="orange">{d.overPoints.length}条</Tag> : '—'),
          },
          {
            title: '操作',
            // the buttons wrap to a second line rather than take the figures' columns out of view at 1366 px
            width: 220,
            // kept in view while the wide table scrolls sideways (at 1440 px the buttons were cut at the edge)
            fixed: 'right',
            render: (_, d) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => void view(d)}>
                  查看
                </Button>
                <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadUrl(templateXlsxUrl(d.id))}>
                  Excel
                </Button>
                {d.actions.accept && (
                  <Popconfirm title={`接收${d.departmentName}的申报表？`} onConfirm={() => void accept(d)}>
                    <Button size="small" type="primary">
                      接收
                    </Button>
                  </Popconfirm>
                )}
                {d.actions.return && (
                  <Button size="small" danger onClick={() => setReturning(d)}>
                    退回
                  </Button>
                )}
                {mayRemind(d) && (
                  <Popconfirm title={`催办${d.departmentName}尽快报送申报表？`} onConfirm={() => void remind(d)}>
                    <Button size="small" data-testid={`remind-${d.departmentCode}`}>
                      催办
                    </Button>
                  </Popconfirm>
                )}
                {d.actions.reopen && (
                  <Button size="small" onClick={() => setReopening(d)}>
                    重新开放
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Drawer width="80%" open={!!viewing} title={viewing ? `${viewing.departmentName} · ${viewing.statusLabel}` : ''} onClose={() => setViewing(null)}>
        {viewing && <DeclarationView d={viewing} />}
      </Drawer>
      <ReturnModal target={returning} onClose={() => setReturning(null)} onDone={done('已退回，成员单位将在待办中看到退回原因')} onStale={stale} />
      <BatchReturnModal
        targets={batchReturning}
        onClose={() => setBatchReturning(null)}
        onSubmit={(reasons) => {
          const targets = batchReturning ?? [];
          setBatchReturning(null);
          void batch('退回', targets, (d) => transitionDeclaration(d.id, { event: 'return', reason: reasons.get(d.id) ?? '', version: d.version }));
        }}
      />
      <ReopenModal target={reopening} onClose={() => setReopening(null)} onDone={done('已重新开放，成员单位将在待办中收到通知')} onStale={stale} />
    </Space>
  );
}
