/** 开启年度考核: the office chooses the year, the base (last year's published scheme), the deadline, the contact and the departments. */
import { useEffect, useMemo, useState } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { createCycleBody, type CycleSummary } from '../../../shared/contracts/cycles';
import { cycleDeadlineRefusal } from '../../../shared/workflow/assessment';
import { errorMessage, isApiError } from '../../api/client';
import { createCycle, listCycles } from '../../api/cycles';
import { listFrameworks } from '../../api/frameworks';
import { useOrgs } from '../../lib/useOrgs';
import { validated, yearRules } from '../../lib/forms';
import { chinaToday, chinaYear } from '../../lib/format';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

interface Values {
  year: number;
  base: string;
  deadline: Dayjs;
  noticeNo?: string;
  issuedOn?: Dayjs;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  departmentIds: number[];
}

export default function OpenCycleModal({ onClose, onOpened }: { onClose: () => void; onOpened: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const issuedOn = Form.useWatch('issuedOn', form);
  const caret = useCaretOnOpen();
  const [saving, setSaving] = useState(false);
  const [frameworks, setFrameworks] = useState<{ id: string; title: string; kind: string }[]>([]);
  const { items: orgs } = useOrgs();
  const departments = useMemo(() => orgs.filter((o) => o.kind === 'department'), [orgs]);
  useEffect(() => {
    if (departments.length && !form.getFieldValue('departmentIds')?.length) form.setFieldValue('departmentIds', departments.map((d) => d.id));
  }, [departments, form]);
  // the office's cycles, newest first (the list page shows one page of them only): the bases and the next year
  const [cycles, setCycles] = useState<CycleSummary[]>([]);
  useEffect(() => {
    listCycles({ pageSize: 100 })
      .then((l) => {
        setCycles(l.items);
        // the year after the latest, on the latest published scheme, unless already chosen
        if (!form.isFieldTouched('year')) form.setFieldValue('year', Math.max(chinaYear() - 1, ...l.items.map((c) => c.year)) + 1);
        const base = l.items.find((c) => c.status === 'published');
        if (base && !form.isFieldTouched('base')) form.setFieldValue('base', `cycle:${base.id}`);
      })
      .catch(() => setCycles([]));
  }, [form]);
  const published = cycles.filter((c) => c.status === 'published');

  useEffect(() => {
    listFrameworks()
      .then((items) => setFrameworks(items.filter((f) => f.kind === 'assessment')))
      .catch(() => setFrameworks([]));
  }, []);

  const baseOptions = [
    ...published.map((c) => ({ value: `cycle:${c.id}`, label: `${c.title}（已发布方案）` })),
    ...frameworks.map((f) => ({ value: `framework:${f.id}`, label: `指标体系：${f.title}` })),
  ];
  const latestYear = Math.max(chinaYear() - 1, ...cycles.map((c) => c.year));

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const [kind, ref] = v.base.split(':');
    const body = {
      year: v.year,
      ...(kind === 'cycle' ? { baseCycleId: Number(ref) } : { baseFrameworkId: ref }),
      deadline: v.deadline.format('YYYY-MM-DD'),
      ...(v.issuedOn ? { issuedOn: v.issuedOn.format('YYYY-MM-DD') } : {}),
      ...(v.noticeNo ? { noticeNo: v.noticeNo } : {}),
      ...(v.contactName ? { contactName: v.contactName } : {}),
      ...(v.contactPhone ? { contactPhone: v.contactPhone } : {}),
      ...(v.contactEmail ? { contactEmail: v.contactEmail } : {}),
      departmentIds: v.departmentIds,
    };
    const parsed = createCycleBody.safeParse(body);
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0] ?? 'year') as keyof Values, errors: [i.message] })));
      return;
    }
    setSaving(true);
    try {
      const cycle = await createCycle(parsed.data);
      message.success(`已开启「${cycle.title}」，已向${cycle.departments.length}个成员单位发出征集通知`);
      onOpened();
      navigate(`/assessment/${cycle.id}`);
    } catch (err) {
      if (isApiError(err) && err.fields.length) {
        form.setFields(err.fields.map((f) => ({ name: f.field.split('.')[0] as keyof Values, errors: [f.message] })));
      }
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title="开启年度考核（发起指标征集）" width={720} okText="开启并发出通知" confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          year: latestYear + 1,
          base: baseOptions[0]?.value,
          deadline: chinaToday().add(21, 'day'),
          departmentIds: departments.map((d) => d.id),
        }}
      >
        <Form.Item name="year" label="考核年度" rules={yearRules('考核年度')}>
          <InputNumber ref={caret.ref} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="base" label="基础方案" rules={[{ required: true, message: '请选择基础方案' }]} extra="各成员单位的申报表将按基础方案中本单位的考核要点预填，分值原则上不超过上年。">
          <Select options={baseOptions} placeholder="选择上一年度已发布的考核方案" />
        </Form.Item>
        <Form.Item name="noticeNo" label="文号">
          <Input placeholder="如：湘质强办发〔2023〕8号" />
        </Form.Item>
        <Form.Item name="issuedOn" label="发文日期">
          <DatePicker />
        </Form.Item>
        <Form.Item name="deadline" label="申报截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
          {/* the server's rule (cycleDeadlineRefusal): a day before today, before the 发文日期 or more than a year out is greyed */}
          <DatePicker disabledDate={(d) => cycleDeadlineRefusal({ deadline: d.format('YYYY-MM-DD'), issuedOn: issuedOn?.format('YYYY-MM-DD'), today: chinaToday().format('YYYY-MM-DD') }) !== null} />
        </Form.Item>
        <Form.Item label="联系人" style={{ marginBottom: 0 }}>
          <Form.Item name="contactName" style={{ display: 'inline-block', width: '30%', marginRight: 8 }}>
            <Input placeholder="姓名" />
          </Form.Item>
          <Form.Item name="contactPhone" style={{ display: 'inline-block', width: '30%', marginRight: 8 }}>
            <Input placeholder="电话" />
          </Form.Item>
          <Form.Item name="contactEmail" style={{ display: 'inline-block', width: '36%' }}>
            <Input placeholder="邮箱" />
          </Form.Item>
        </Form.Item>
        <Form.Item name="departmentIds" label="须申报的成员单位" rules={[{ required: true, message: '至少选择一个成员单位' }]}>
          <Select mode="multiple" options={departments.map((d) => ({ value: d.id, label: d.name }))} maxTagCount={8} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
