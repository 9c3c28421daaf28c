/**
 * A quality office writes its own year's plan (a city office for its city): 新建工作要点 (a draft), then 添加任务 one
 * by one — title, text, deadline, the lead unit and the cooperating units. The server's problems show beside the
 * fields they name. Publishing is the page's 发布 button; a published plan changes only by revising a task.
 */
import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, type FormInstance } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { addTask, createPlan, type NewPlan, type PlanDetail } from '../../api/workplan';
import { useOrgs } from '../../lib/useOrgs';

const SCHEDULES = [
  { value: 'monthly', label: '每月' },
  { value: 'quarterly', label: '每季度' },
  { value: 'half-yearly', label: '每半年' },
];

type Submit = (f: FormInstance<any>, fields: readonly string[], fn: () => Promise<PlanDetail>, done: string) => Promise<boolean>;

export function CreatePlanButton({ submit, busy }: { submit: Submit; busy: boolean }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewPlan>();
  const ok = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v && (await submit(form, ['year', 'title', 'schedule'], () => createPlan(v), `已新建“${v.title}”（草稿）`))) setOpen(false);
  };
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="plan-create">
        新建工作要点
      </Button>
      <Modal title="新建工作要点（草稿）" open={open} onOk={ok} okText="新建" confirmLoading={busy} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear() + 1, schedule: 'quarterly' }}>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} precision={0} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写工作要点标题' }]}>
            <Input placeholder="如：岳阳市2027年质量强市工作要点" maxLength={200} />
          </Form.Item>
          <Form.Item name="schedule" label="报送周期">
            <Select options={SCHEDULES} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

interface TaskForm {
  title: string;
  text: string;
  dueOn: Dayjs;
  lead?: number;
  cooperating?: number[];
}

export function AddTaskButton({ plan, submit, busy }: { plan: PlanDetail; submit: Submit; busy: boolean }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<TaskForm>();
  const orgs = useOrgs();
  const options = orgs.items.filter((o) => ['city', 'county', 'department', 'office'].includes(o.kind)).map((o) => ({ value: o.id, label: o.name }));
  const ok = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const units = [
      ...(v.lead ? [{ orgId: v.lead, role: 'lead' as const }] : []),
      ...(v.cooperating ?? []).filter((id) => id !== v.lead).map((orgId) => ({ orgId, role: (v.lead ? 'cooperating' : 'responsible') as 'cooperating' | 'responsible' })),
    ];
    const body = { title: v.title, text: v.text, dueOn: v.dueOn.format('YYYY-MM-DD'), units };
    if (await submit(form, ['title', 'text', 'dueOn', 'units'], () => addTask(plan.id, body), `已添加任务“${v.title}”`)) {
      setOpen(false);
      form.resetFields();
    }
  };
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="task-add">
        添加任务
      </Button>
      <Modal title={`添加任务：${plan.title}`} width={640} open={open} onOk={ok} okText="添加" confirmLoading={busy} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="title" label="任务标题" rules={[{ required: true, message: '请填写任务标题' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="text" label="任务内容" rules={[{ required: true, message: '请填写任务内容' }]}>
            <Input.TextArea rows={4} maxLength={10000} />
          </Form.Item>
          <Form.Item name="dueOn" label="办理期限" rules={[{ required: true, message: '请选择办理期限' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="lead" label="牵头单位" extra="不设牵头单位时，下列单位按职责分工负责，由质强办汇总">
            <Select allowClear showSearch optionFilterProp="label" options={options} loading={orgs.loading} placeholder="选择牵头单位" />
          </Form.Item>
          <Form.Item name="cooperating" label="配合单位" rules={[{ validator: (_, v) => (form.getFieldValue('lead') || v?.length ? Promise.resolve() : Promise.reject(new Error('请至少指定一个承办单位'))) }]}>
            <Select mode="multiple" allowClear showSearch optionFilterProp="label" options={options} loading={orgs.loading} placeholder="选择配合单位" />
          </Form.Item>
          <Form.Item name="units" hidden>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
