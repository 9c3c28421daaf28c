/** The office's completeness matrix: evaluating departments × assessed units, submission status, 催办 and 重新开放（原因）. */
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Form, Input, Modal, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ProgressDepartment, ScoringProgress } from '../../../../shared/contracts/scoring';
import { reopenBody } from '../../../../shared/contracts/scoring';
import { REMIND_AGAIN_MINUTES } from '../../../../shared/workflow/assessment';
import { errorMessage } from '../../../api/client';
import { getScoringProgress, remindScorers, reopenScores } from '../../../api/scoring';
import { formatDateTime } from '../../../lib/format';
import { formErrorMessage } from '../../../lib/forms';
import { useCaretOnOpen } from '../../../lib/useCaretOnOpen';

const cellColor = (scored: number, total: number) => (total === 0 ? undefined : scored === total ? '#d9f7be' : scored === 0 ? '#fff1f0' : '#fff7e6');

function ReopenModal({ cycleId, dept, onClose }: { cycleId: number; dept: ProgressDepartment; onClose: (changed: boolean) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const caret = useCaretOnOpen();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ok = async () => {
    const reason = form.getFieldValue('reason') ?? '';
    const parsed = reopenBody.shape.reason.safeParse(reason);
    if (!parsed.success) return form.setFields([{ name: 'reason', errors: parsed.error.issues.map((i) => i.message) }]);
    setBusy(true);
    try {
      await reopenScores(cycleId, { departmentId: dept.id, reason: parsed.data });
      onClose(true);
    } catch (e) {
      setError(formErrorMessage(form, e, ['reason']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={`重新开放「${dept.name}」的评分`} okText="重新开放" cancelText="取消" confirmLoading={busy} onOk={ok} onCancel={() => onClose(false)} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="原因（将以待办通知该部门）" required>
          <Input.TextArea ref={caret.ref} rows={3} maxLength={500} placeholder="如：长沙市7.a评分依据不足，请补充佐证材料后重新提交" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}

export default function ProgressMatrix({ cycleId }: { cycleId: number }) {
  const { message } = App.useApp();
  const [data, setData] = useState<ScoringProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reopen, setReopen] = useState<ProgressDepartment | null>(null);
  const [busy, setBusy] = useState<number | 'all' | null>(null);

  const load = useCallback(() => getScoringProgress(cycleId).then(setData, (e) => setError(errorMessage(e))), [cycleId]);
  useEffect(() => {
    void load();
  }, [load]);

  const remind = async (ids?: number[]) => {
    setBusy(ids ? ids[0] : 'all');
    try {
      const r = await remindScorers(cycleId, ids);
      // a 催办 that reminds nobody is a 409 saying why (submitted meanwhile, or reminded just now)
      const sentText = r.reminded.length === 1 ? `已向${r.reminded[0].name}发送催办待办` : `已向${r.reminded.length}个未提交的部门发送催办待办`;
      const heldText = r.held.length ? `；${r.held.map((h) => h.name).join('、')}${REMIND_AGAIN_MINUTES}分钟内已催办过，未重复发送` : '';
      message.success(sentText + heldText);
    } catch (e) {
      message.error(errorMessage(e));
      // a department that submitted meanwhile shows as submitted
      void load();
    } finally {
      setBusy(null);
    }
  };

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!data) return <Spin />;
  const columns: ColumnsType<ProgressDepartment> = [
    {
      title: '评价部门',
      dataIndex: 'name',
      fixed: 'left',
      width: 180,
      render: (name: string, d) => (
        <Tooltip title={`评分要点：${d.criteria.join('、')}`}>
          <span>{name}</span>
        </Tooltip>
      ),
    },
    {
      title: '状态',
      width: 120,
      render: (_, d) => (
        <Space direction="vertical" size={0}>
          <Tag color={d.status === 'submitted' ? 'green' : d.scored === d.total ? 'blue' : 'orange'}>{d.statusLabel}</Tag>
          {d.submittedAt && <Typography.Text style={{ fontSize: 12 }}>{formatDateTime(d.submittedAt)}</Typography.Text>}
        </Space>
      ),
    },
    { title: '进度', width: 90, render: (_, d) => `${d.scored}/${d.total}` },
    ...data.units.map((u) => ({
      title: u.name,
      key: u.id,
      width: 72,
      align: 'center' as const,
      onCell: (d: ProgressDepartment) => {
        const c = d.cells.find((x) => x.unitId === u.id)!;
        return { style: { background: cellColor(c.scored, c.total) } };
      },
      render: (_: unknown, d: ProgressDepartment) => {
        const c = d.cells.find((x) => x.unitId === u.id)!;
        return `${c.scored}/${c.total}`;
      },
    })),
    { title: '最近评分', width: 150, render: (_, d) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.lastActivity)}</span> },
    {
      title: '操作',
      fixed: 'right',
      width: 170,
      render: (_, d) =>
        d.status === 'submitted' ? (
          <Button size="small" onClick={() => setReopen(d)}>
            重新开放
          </Button>
        ) : d.own ? (
          <Link to="?tab=scoring&view=mine">到「本单位评分」评分</Link>
        ) : (
          <Button size="small" loading={busy === d.id} onClick={() => remind([d.id])}>
            催办
          </Button>
        ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>
          已评{data.scored}/{data.total}项，{data.submitted}/{data.departments.length}个评价单位已提交
        </Typography.Text>
        <Button onClick={() => remind()} loading={busy === 'all'} disabled={!data.departments.some((d) => !d.own && d.status !== 'submitted')}>
          催办全部未提交部门
        </Button>
        <Button onClick={() => void load()}>刷新</Button>
        <Space size={4}>
          <Tag color="#d9f7be" style={{ color: '#333' }}>已评完</Tag>
          <Tag color="#fff7e6" style={{ color: '#333' }}>部分</Tag>
          <Tag color="#fff1f0" style={{ color: '#333' }}>未评</Tag>
        </Space>
      </Space>
      <Table<ProgressDepartment> rowKey="id" size="small" bordered pagination={false} columns={columns} dataSource={data.departments} scroll={{ x: 'max-content' }} />
      {reopen && (
        <ReopenModal
          cycleId={cycleId}
          dept={reopen}
          onClose={(changed) => {
            setReopen(null);
            if (changed) {
              message.success('已重新开放，并已通知该部门');
              void load();
            }
          }}
        />
      )}
    </Space>
  );
}
