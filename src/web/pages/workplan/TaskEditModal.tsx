/**
 * 编辑 a work-plan task (the issuing office): title, part, text, deadline, lead and cooperating units. A draft's task
 * is changed as it stands; a published plan's needs a 修改原因 and becomes a new version of the plan (the task page
 * lists it under 修改记录). Only what changed is sent, with the version the form was opened on: when someone else
 * changed the task first, the server's 409 carries the task as it now stands — shown above the form, the page
 * reloaded; the fields the user changed keep their entries, the others take the new values — and 仍然保存 sends the
 * user's changes against the new version.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Modal, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import { getTask, updateTask, type TaskEdit, type TaskNow, type TaskPage } from '../../api/workplan';
import { useOrgs } from '../../lib/useOrgs';
import { TaskFields, taskUnits } from './PlanAuthoring';
import { ownDeadlineHint } from './ownDeadline';
import { OWN_DEADLINE_RULE } from '../../../shared/workplan/rules';
import { keepMine } from '../../lib/forms';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

interface EditForm {
  title: string;
  part: string;
  partTitle: string;
  text: string;
  dueOn: Dayjs | null;
  lead?: number | null;
  cooperating?: number[];
  reason?: string;
}

const FIELDS = ['title', 'part', 'partTitle', 'text', 'dueOn', 'units', 'reason'] as const;

const sameUnits = (a: TaskNow['units'], b: TaskNow['units']) => {
  const key = (us: TaskNow['units']) => us.map((u) => `${u.orgId}:${u.role}`).sort().join(',');
  return key(a) === key(b);
};

const formOf = (t: TaskNow) => ({
  title: t.title,
  part: t.part,
  partTitle: t.partTitle,
  text: t.text,
  dueOn: dayjs(t.dueOn) as Dayjs | null,
  lead: t.leadOrgId,
  cooperating: t.units.filter((u) => u.role !== 'lead').map((u) => u.orgId),
});
/** one field's value compared as the user sees it (a day, a set of units) */
const same = (a: unknown, b: unknown): boolean => {
  const norm = (v: unknown) => (dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : Array.isArray(v) ? [...(v as number[])].sort((x, y) => x - y).join(',') : (v ?? ''));
  return norm(a) === norm(b);
};

type Submit = (f: FormInstance, fields: readonly string[], fn: () => Promise<TaskPage>, done: string) => Promise<boolean>;

export default function TaskEditModal({ page, open, onClose, submit, busy, reload }: { page: TaskPage; open: boolean; onClose: () => void; submit: Submit; busy: boolean; reload: (p: TaskPage) => void }) {
  const [form] = Form.useForm<EditForm>();
  const orgs = useOrgs();
  const caret = useCaretOnOpen();
  const [theirs, setTheirs] = useState<TaskNow | null>(null);
  // undefined until the form is filled (useWatch's first render, the form reset after closing): the hint then reads the
  // task's stored lead, which the form is about to show; a lead cleared in the form is null (UnitFields)
  const lead = Form.useWatch('lead', form);
  // the latest 办理期限 the office may set itself with the lead the form shows, or undefined where no bound applies
  const ownHint = ownDeadlineHint(page, lead);
  const { task } = page;
  const published = page.plan.status === 'published';
  const current: TaskNow = {
    version: task.version,
    title: task.title,
    text: task.text,
    part: task.part,
    partTitle: task.partTitle,
    dueOn: task.dueOn,
    leadOrgId: task.lead?.id ?? null,
    units: task.units.map((u) => ({ orgId: u.org.id, role: u.role })),
  };
  /** the version the form was opened on (after a conflict: the other person's) */
  const [base, setBase] = useState<TaskNow>(current);
  const fill = (t: TaskNow) => form.setFieldsValue({ ...formOf(t), reason: '' });

  useEffect(() => {
    if (!open) return;
    setTheirs(null);
    setBase(current);
    fill(current);
    // the form is filled when it opens, never while the user types (a reload after a conflict keeps their entries)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  /** someone else saved first: the fields the user left alone take the other's values, the user's own changes stay */
  const merge = (now: TaskNow) => {
    form.setFieldsValue(keepMine(form.getFieldsValue(), formOf(base), formOf(now), same));
    setBase(now);
    setTheirs(now);
  };

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const units = taskUnits(v.lead, v.cooperating);
    const dueOn = v.dueOn ? v.dueOn.format('YYYY-MM-DD') : '';
    const body: TaskEdit = {
      version: base.version,
      ...(v.title !== base.title ? { title: v.title } : {}),
      ...(v.part !== base.part ? { part: v.part } : {}),
      ...((v.partTitle ?? '') !== base.partTitle ? { partTitle: v.partTitle ?? '' } : {}),
      ...(v.text !== base.text ? { text: v.text } : {}),
      ...(dueOn !== base.dueOn ? { dueOn } : {}),
      ...(!sameUnits(units, base.units) ? { units } : {}),
    };
    if (Object.keys(body).length === 1) {
      form.setFields([{ name: 'title', errors: ['没有修改任何内容'] }]);
      return;
    }
    if (published) body.reason = v.reason ?? '';
    const ok = await submit(
      form,
      FIELDS,
      async () => {
        try {
          return await updateTask(task.id, body);
        } catch (err) {
          if (err instanceof ApiError && err.status === 409 && err.current) {
            merge(err.current as TaskNow);
            reload(await getTask(task.id));
          }
          throw err;
        }
      },
      published ? '已修改，记为新版本' : '已修改',
    );
    if (ok) onClose();
  };

  const name = (id: number | null) => (id === null ? '无（按职责分工负责）' : (orgs.byId.get(id)?.name ?? `单位${id}`));
  return (
    <Modal afterOpenChange={caret.afterOpenChange} title={`编辑任务：第${task.number}项`} width={680} open={open} onOk={save} okText={theirs ? '仍然保存' : '保存'} confirmLoading={busy} onCancel={onClose} afterClose={() => form.resetFields()} forceRender>
      {theirs && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="task-edit-conflict"
          message={`该任务在您打开后已被修改（现为第${theirs.version}版），页面已载入最新内容；您填写的内容保留在下方，核对后可“仍然保存”，或改用最新内容`}
          description={
            <>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="任务标题">{theirs.title}</Descriptions.Item>
                <Descriptions.Item label="所属部分">{`${theirs.part}、${theirs.partTitle}`}</Descriptions.Item>
                <Descriptions.Item label="办理期限">{theirs.dueOn}</Descriptions.Item>
                <Descriptions.Item label="牵头单位">{name(theirs.leadOrgId)}</Descriptions.Item>
                <Descriptions.Item label="承办单位">{theirs.units.map((u) => name(u.orgId)).join('、')}</Descriptions.Item>
              </Descriptions>
              <Button size="small" onClick={() => fill(theirs)} data-testid="task-edit-take-theirs">
                改用最新内容
              </Button>
            </>
          }
        />
      )}
      {page.leadChangeRefusal && (
        // the server's rule (leadLockRefusal), its own words: a 409 beside the units if tried
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="task-edit-lead-locked" message={`${page.leadChangeRefusal}；其他内容可以修改`} />
      )}
      {ownHint && (
        // the server's rule (ownDeadlineRefusal) for the lead the form shows, as the hint beside 办理期限: bringing the
        // deadline earlier is an edit, moving it later a request
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="task-edit-own-deadline" message={OWN_DEADLINE_RULE} />
      )}
      <Form form={form} layout="vertical" disabled={busy}>
        <TaskFields
          form={form}
          orgs={orgs}
          withPart
          caretRef={caret.ref}
          year={page.plan.year}
          issuerId={page.plan.issuerId}
          // the bound of the rule above (ownDeadlineRefusal), for the lead chosen in the form: said before the office tries
          dueOnHint={ownHint}
        />
        {published && (
          <Form.Item name="reason" label="修改原因" required extra="工作要点已发布：修改记为新版本，原因、修改人和修改内容列入任务的修改记录">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
