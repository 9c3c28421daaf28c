/**
 * A task's milestones (节点): each with its due date and whether it is done. The office or the lead adds, changes
 * and removes a milestone not yet done; the lead marks one done. What the caller may do comes from the task page's
 * abilities (the server's policy), never re-derived here.
 */
import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import * as api from '../../api/workplan';
import type { Milestone, TaskPage } from '../../api/workplan';
import { formatDate } from '../../lib/format';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

/** `run` is the task page's: it performs the change, shows the page it answers and says done or what went wrong */
export default function MilestonesCard({ page, run, busy }: { page: TaskPage; run: (fn: () => Promise<TaskPage>, done: string) => Promise<boolean>; busy: boolean }) {
  const [form] = Form.useForm<{ title: string; dueOn: Dayjs | null }>();
  const [editing, setEditing] = useState<Milestone | 'new' | null>(null);
  const caret = useCaretOnOpen();
  const taskId = page.task.id;
  const { milestones: mayPlan, milestoneDone: mayDone } = page.abilities;
  const today = page.plan.asOf;

  const open = (m: Milestone | 'new') => {
    setEditing(m);
    form.setFieldsValue(m === 'new' ? { title: '', dueOn: null } : { title: m.title, dueOn: dayjs(m.dueOn) });
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !editing) return;
    const body = { title: v.title, dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : '' };
    const ok = editing === 'new' ? await run(() => api.addMilestone(taskId, body), '已添加节点') : await run(() => api.editMilestone(taskId, editing, body), '已修改节点');
    if (ok) setEditing(null);
  };

  return (
    <Card
      title="任务节点"
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="milestones"
      extra={
        mayPlan && (
          <Button size="small" onClick={() => open('new')} data-testid="milestone-add">
            添加节点
          </Button>
        )
      }
    >
      <Table<Milestone>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={page.milestones}
        locale={{ emptyText: mayPlan ? '尚未设置节点，可按年度安排添加' : '尚未设置节点' }}
        columns={[
          { title: '节点', dataIndex: 'title' },
          { title: '期限', dataIndex: 'dueOn', width: 120 },
          {
            title: '状态',
            width: 160,
            render: (_: unknown, m) =>
              m.doneAt ? <Tag color="success">已完成{formatDate(m.doneAt)}</Tag> : m.dueOn < today ? <Tag color="error">已过期限，未完成</Tag> : <Tag>未完成</Tag>,
          },
          ...(mayPlan || mayDone
            ? [
                {
                  title: '操作',
                  width: 200,
                  render: (_: unknown, m: Milestone) =>
                    m.doneAt ? (
                      <Typography.Text type="secondary">—</Typography.Text>
                    ) : (
                      <Space size={4}>
                        {mayDone && (
                          <Popconfirm title="确认该节点已完成？" onConfirm={() => run(() => api.doneMilestone(taskId, m), '已确认完成')}>
                            <Button size="small" type="link" disabled={busy}>
                              确认完成
                            </Button>
                          </Popconfirm>
                        )}
                        {mayPlan && (
                          <Button size="small" type="link" disabled={busy} onClick={() => open(m)}>
                            修改
                          </Button>
                        )}
                        {mayPlan && (
                          <Popconfirm title="删除该节点？" onConfirm={() => run(() => api.removeMilestone(taskId, m), '已删除节点')}>
                            <Button size="small" type="link" danger disabled={busy}>
                              删除
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal afterOpenChange={caret.afterOpenChange} title={editing === 'new' ? '添加节点' : '修改节点'} open={editing !== null} onOk={save} confirmLoading={busy} onCancel={() => setEditing(null)} okText="保存" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="title" label="节点名称" rules={[{ required: true, min: 2, message: '请填写节点名称（至少2个字）' }]}>
            <Input ref={caret.ref} maxLength={200} />
          </Form.Item>
          <Form.Item name="dueOn" label="节点期限" rules={[{ required: true, message: '请选择节点期限' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
