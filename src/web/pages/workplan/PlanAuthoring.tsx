/**
 * A quality office writes its own year's plan (a city office for its city): 新建工作要点 (a draft), then 添加任务 one
 * by one — title, text, deadline, the lead unit and the cooperating units. The server's problems show beside the
 * fields they name. Publishing is the page's 发布 button; a published plan changes only by revising a task.
 */
import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, type FormInstance } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { addTask, createPlan, type NewPlan, type NewTask, type PlanDetail } from '../../api/workplan';
import { useOrgs, type Orgs } from '../../lib/useOrgs';
import { chinaYear } from '../../lib/format';
import { TASK_UNIT_KINDS, taskDueOnRefusal, withinRegion } from '../../../shared/workplan/rules';
import { yearRules } from '../../lib/forms';
import { useCaretOnOpen, type CaretRef } from '../../lib/useCaretOnOpen';

const SCHEDULES = [
  { value: 'monthly', label: '每月' },
  { value: 'quarterly', label: '每季度' },
  { value: 'half-yearly', label: '每半年' },
];

type Submit = (f: FormInstance<any>, fields: readonly string[], fn: () => Promise<PlanDetail>, done: string) => Promise<boolean>;

export function CreatePlanButton({ submit, busy }: { submit: Submit; busy: boolean }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewPlan>();
  const caret = useCaretOnOpen();
  const ok = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v && (await submit(form, ['year', 'title', 'schedule'], () => createPlan(v), `已新建“${v.title}”（草稿）`))) setOpen(false);
  };
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="plan-create">
        新建工作要点
      </Button>
      <Modal afterOpenChange={caret.afterOpenChange} title="新建工作要点（草稿）" open={open} onOk={ok} okText="新建" confirmLoading={busy} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ year: chinaYear() + 1, schedule: 'quarterly' }}>
          <Form.Item name="year" label="年度" rules={yearRules()}>
            <InputNumber precision={0} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写工作要点标题' }]}>
            <Input ref={caret.ref} placeholder="如：岳阳市2027年质量强市工作要点" maxLength={200} />
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
  lead?: number | null;
  cooperating?: number[];
}

/** the units a task of this office's plan may be given (the server's rule: TASK_UNIT_KINDS within the office's region), as select options */
export function unitOptions(orgs: Orgs, issuerId: number) {
  const region = orgs.byId.get(issuerId)?.parentId ?? null;
  const parentOf = (id: number) => orgs.byId.get(id)?.parentId;
  return orgs.items.filter((o) => TASK_UNIT_KINDS.includes(o.kind) && (region === null || withinRegion(o.id, region, parentOf))).map((o) => ({ value: o.id, label: o.name }));
}

/** the form's lead and cooperating units as the API's list (no lead: every unit 按职责分工负责) */
export const taskUnits = (lead: number | undefined | null, cooperating: number[] | undefined): NewTask['units'] => [
  ...(lead ? [{ orgId: lead, role: 'lead' as const }] : []),
  ...(cooperating ?? []).filter((id) => id !== lead).map((orgId) => ({ orgId, role: (lead ? 'cooperating' : 'responsible') as 'cooperating' | 'responsible' })),
];

/** the lead and cooperating fields of a task's form (add and edit) */
export function UnitFields({ form, orgs, issuerId }: { form: FormInstance; orgs: Orgs; issuerId: number }) {
  const options = unitOptions(orgs, issuerId);
  return (
    <>
      {/* a cleared lead is null (nobody leads), told apart from a form not yet filled (undefined) */}
      <Form.Item name="lead" label="牵头单位" normalize={(v?: number) => v ?? null} extra="不设牵头单位时，下列单位按职责分工负责，由质强办汇总">
        <Select allowClear showSearch optionFilterProp="label" options={options} loading={orgs.loading} placeholder="选择牵头单位" />
      </Form.Item>
      <Form.Item name="cooperating" label="配合单位" rules={[{ validator: (_, v) => (form.getFieldValue('lead') || v?.length ? Promise.resolve() : Promise.reject(new Error('请至少指定一个承办单位'))) }]}>
        <Select mode="multiple" allowClear showSearch optionFilterProp="label" options={options} loading={orgs.loading} placeholder="选择配合单位" />
      </Form.Item>
      <Form.Item name="units" hidden>
        <Input />
      </Form.Item>
    </>
  );
}

/**
 * a task's fields (添加任务 and 编辑任务): title, the part (when editing), text, deadline, lead and cooperating units.
 * The plan's year bounds a task's 办理期限 (taskDueOnRefusal, the server's rule): the picker offers that year only;
 * `dueOnHint` replaces the 办理期限's general advice after 「须在…年内」 (the edit form's latest date, say); `caretRef`
 * (useCaretOnOpen) puts the caret in the title, the first field, once the dialog has opened.
 */
export function TaskFields({ form, orgs, withPart, year, issuerId, dueOnHint, caretRef }: { form: FormInstance; orgs: Orgs; withPart?: boolean; year: number; issuerId: number; dueOnHint?: string; caretRef?: CaretRef }) {
  return (
    <>
      <Form.Item name="title" label="任务标题" rules={[{ required: true, message: '请填写任务标题' }]}>
        <Input ref={caretRef} maxLength={200} />
      </Form.Item>
      {withPart && (
        <Space align="start">
          <Form.Item name="part" label="所属部分（序号）" rules={[{ required: true, message: '请填写所属部分的序号' }]}>
            <Input style={{ width: 120 }} maxLength={10} placeholder="如：一" />
          </Form.Item>
          <Form.Item name="partTitle" label="所属部分标题">
            <Input style={{ width: 400 }} maxLength={100} placeholder="如：工作举措" />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="text" label="任务内容" rules={[{ required: true, message: '请填写任务内容' }]}>
        <Input.TextArea rows={4} maxLength={10000} />
      </Form.Item>
      <Form.Item
        name="dueOn"
        label="办理期限"
        extra={`须在${year}年内；${dueOnHint ?? '跨年完成的工作按年内阶段目标设定期限，确需顺延的由牵头单位申请延期'}`}
        rules={[
          { required: true, message: '请选择办理期限' },
          {
            validator: async (_, v: Dayjs | null) => {
              if (v && taskDueOnRefusal(year, v.format('YYYY-MM-DD'))) throw new Error(`须在${year}年内`);
            },
          },
        ]}
      >
        <DatePicker disabledDate={(d) => d.year() !== year} />
      </Form.Item>
      <UnitFields form={form} orgs={orgs} issuerId={issuerId} />
    </>
  );
}

export function AddTaskButton({ plan, submit, busy }: { plan: PlanDetail; submit: Submit; busy: boolean }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<TaskForm>();
  const orgs = useOrgs();
  const caret = useCaretOnOpen();
  const ok = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const units = taskUnits(v.lead, v.cooperating);
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
      <Modal afterOpenChange={caret.afterOpenChange} title={`添加任务：${plan.title}`} width={640} open={open} onOk={ok} okText="添加" confirmLoading={busy} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <TaskFields form={form} orgs={orgs} year={plan.year} issuerId={plan.issuer.id} caretRef={caret.ref} />
        </Form>
      </Modal>
    </>
  );
}
