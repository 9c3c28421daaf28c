/**
 * 荣誉名录: the roll of awards, recognitions and 督查激励 by year, city, kind and level (add / edit / delete, import from
 * the .xlsx template with row-by-row errors), and the stock counts of plan indicators 4–8 it feeds, each count with
 * the entries that make it.
 */
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Tooltip, Typography, Upload, message } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { HonourBody, HonourView } from '../../../shared/contracts/honours';
import { HONOUR_FIRST_YEAR, HONOUR_LAST_YEAR, ROLL_COUNT_TEXT } from '../../../shared/honours/kinds';
import { ApiError, errorMessage } from '../../api/client';
import {
  addHonour,
  deleteHonour,
  honourCounts,
  honourMeta,
  HONOURS_TEMPLATE_URL,
  importHonours,
  listHonours,
  updateHonour,
  type HonourFilter,
  type HonourMeta,
  type OrgCount,
} from '../../api/honours';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { formErrorMessage, validated, yearRules } from '../../lib/forms';
import { useLoad } from '../../lib/useLoad';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';
import { chinaYear } from '../../lib/format';

const THIS_YEAR = chinaYear();
const YEARS = Array.from({ length: 12 }, (_, i) => THIS_YEAR - i);
const FIELDS = ['kind', 'awardee', 'year', 'cityId', 'countyId', 'sourceDoc', 'note'] as const;
const LEVELS = [
  { value: 'national', label: '国家级' },
  { value: 'provincial', label: '省级' },
  { value: 'city', label: '市级' },
];

function EntryModal({ meta, editing, ownCity, onClose, onSaved }: { meta: HonourMeta; editing: HonourView | 'new'; ownCity: number | null; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<HonourBody>();
  const caret = useCaretOnOpen();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cityId = Form.useWatch('cityId', form);
  const counties = meta.cities.find((c) => c.id === cityId)?.counties ?? [];
  // a city office registers its own city's honours only (honourWriteRefusal): the one city offered, already chosen
  const cities = ownCity === null ? meta.cities : meta.cities.filter((c) => c.id === ownCity);
  const initial =
    editing === 'new'
      ? { year: THIS_YEAR - 1, countyId: null, note: null, ...(ownCity === null ? {} : { cityId: ownCity }) }
      : { kind: editing.kind, awardee: editing.awardee, year: editing.year, cityId: editing.city.id, countyId: editing.county?.id ?? null, sourceDoc: editing.sourceDoc, note: editing.note };
  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      const body: HonourBody = { ...v, countyId: v.countyId ?? null, note: v.note || null };
      if (editing === 'new') await addHonour(body);
      else await updateHonour(editing.id, { ...body, version: editing.version });
      message.success('已保存');
      onSaved();
    } catch (err) {
      setError(formErrorMessage(form, err, FIELDS));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={editing === 'new' ? '登记荣誉' : '修改荣誉'} onCancel={onClose} onOk={save} okText="保存" cancelText="取消" confirmLoading={saving} destroyOnHidden width={640}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="honour-form-error" />}
      <Form form={form} layout="vertical" initialValues={initial} name="honour">
        <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select ref={caret.ref} showSearch optionFilterProp="label" options={meta.kinds.map((k) => ({ value: k.code, label: `${k.name}（${k.levelLabel}）` }))} placeholder="选择荣誉类别" />
        </Form.Item>
        <Form.Item name="awardee" label="获奖单位（项目）" rules={[{ required: true, message: '请填写获奖单位（项目）名称' }]}>
          <Input maxLength={200} placeholder="企业、工程项目、产品或地区的全称" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="year" label="获奖年度" rules={yearRules('获奖年度', HONOUR_FIRST_YEAR, HONOUR_LAST_YEAR)}>
            <InputNumber precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="cityId" label="市州" rules={[{ required: true, message: '请选择市州' }]}>
            <Select style={{ width: 200 }} options={cities.map((c) => ({ value: c.id, label: c.name }))} placeholder="选择市州" onChange={() => form.setFieldValue('countyId', null)} />
          </Form.Item>
          <Form.Item name="countyId" label="县市区（可选）">
            <Select style={{ width: 200 }} allowClear options={counties.map((c) => ({ value: c.id, label: c.name }))} placeholder="不限" />
          </Form.Item>
        </Space>
        <Form.Item name="sourceDoc" label="来源文件（文号或标题）" rules={[{ required: true, message: '请填写来源文件' }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RollTab({ meta }: { meta: HonourMeta }) {
  // ?kind= from a plan indicator's 名录计数 (规划指标监测) opens the roll filtered to that kind
  const [search] = useSearchParams();
  const linkedKind = meta.kinds.some((k) => k.code === search.get('kind')) ? search.get('kind')! : undefined;
  const [filter, setFilter] = useState<HonourFilter>({ page: 1, pageSize: 20, ...(linkedKind ? { kind: linkedKind } : {}) });
  const page = useLoad(listHonours, filter);
  const [editing, setEditing] = useState<HonourView | 'new' | null>(null);
  const [importErrors, setImportErrors] = useState<{ message: string; fields: { field: string; message: string }[] } | null>(null);
  const [importing, setImporting] = useState(false);
  const manage = page.data?.abilities.manage ?? false;
  const set = (patch: HonourFilter) => setFilter((f) => ({ ...f, page: 1, ...patch }));
  const onImport = async (file: File) => {
    setImporting(true);
    setImportErrors(null);
    try {
      const r = await importHonours(file);
      message.success(`已导入${r.imported}条荣誉`);
      await page.reload();
    } catch (err) {
      setImportErrors({ message: errorMessage(err), fields: err instanceof ApiError ? err.fields : [] });
    } finally {
      setImporting(false);
    }
    return false;
  };
  const remove = async (h: HonourView) => {
    try {
      await deleteHonour(h.id, h.version);
      message.success('已删除');
      await page.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="获奖年度" style={{ width: 120 }} options={YEARS.map((y) => ({ value: y, label: `${y}年` }))} onChange={(v) => set({ year: v ?? undefined })} aria-label="获奖年度" />
        <Select allowClear placeholder="市州" style={{ width: 160 }} options={meta.cities.map((c) => ({ value: c.id, label: c.name }))} onChange={(v) => set({ cityId: v ?? undefined })} aria-label="市州" />
        <Select allowClear showSearch optionFilterProp="label" placeholder="类别" style={{ width: 220 }} defaultValue={linkedKind} options={meta.kinds.map((k) => ({ value: k.code, label: k.name }))} onChange={(v) => set({ kind: v ?? undefined })} aria-label="类别" />
        <Select allowClear placeholder="级别" style={{ width: 110 }} options={LEVELS} onChange={(v) => set({ level: v ?? undefined })} aria-label="级别" />
        <Input.Search allowClear placeholder="获奖单位或来源文件" style={{ width: 240 }} onSearch={(q) => set({ q: q || undefined })} />
        {/* the template is for 从 Excel 导入: offered to those who may import (a leader or a city, reading, may not) */}
        {manage && (
          <>
            <Button icon={<DownloadOutlined />} href={HONOURS_TEMPLATE_URL}>
              下载导入模板
            </Button>
            <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => onImport(f as File)} data-testid="honour-import">
              <Button icon={<UploadOutlined />} loading={importing}>
                从 Excel 导入
              </Button>
            </Upload>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              登记荣誉
            </Button>
          </>
        )}
      </Space>
      {importErrors && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setImportErrors(null)}
          style={{ marginBottom: 12 }}
          data-testid="honour-import-errors"
          message={importErrors.message}
          description={
            importErrors.fields.length ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {importErrors.fields.map((f, i) => (
                  <li key={i}>
                    {f.field}：{f.message}
                  </li>
                ))}
              </ul>
            ) : null
          }
        />
      )}
      {page.error && <Alert type="error" showIcon message={page.error} style={{ marginBottom: 12 }} />}
      <Table<HonourView>
        rowKey="id"
        size="small"
        loading={page.loading}
        dataSource={page.data?.items ?? []}
        pagination={{ current: filter.page, pageSize: filter.pageSize, total: page.data?.total ?? 0, showTotal: (n) => `共${n}条`, onChange: (p, s) => setFilter((f) => ({ ...f, page: p, pageSize: s })) }}
        locale={{ emptyText: '没有符合条件的荣誉' }}
        columns={[
          { title: '年度', dataIndex: 'year', width: 70 },
          { title: '类别', dataIndex: 'kindName', width: 190, render: (v: string, r) => (r.planIndicator ? <Space size={4}>{v}<Tag color="blue">指标{r.planIndicator}</Tag></Space> : v) },
          { title: '级别', dataIndex: 'levelLabel', width: 70 },
          { title: '获奖单位（项目）', dataIndex: 'awardee', render: (v: string, r) => (r.demo ? <Space size={4}>{v}<Tag>演示数据</Tag></Space> : v) },
          { title: '市州', dataIndex: ['city', 'name'], width: 110 },
          { title: '县市区', dataIndex: ['county', 'name'], width: 100, render: (v?: string) => v ?? '—' },
          { title: '来源文件', dataIndex: 'sourceDoc', ellipsis: true },
          ...(manage
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  width: 120,
                  // only where the change would be allowed (a city office: its own city's entries)
                  render: (_: unknown, r: HonourView) =>
                    r.abilities.edit && (
                    <Space size={4}>
                      <Button size="small" type="link" onClick={() => setEditing(r)}>
                        修改
                      </Button>
                      <Popconfirm title={`删除“${r.awardee}”的${r.kindName}？`} okText="删除" cancelText="取消" onConfirm={() => remove(r)}>
                        <Button size="small" type="link" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <EntryModal
          meta={meta}
          editing={editing}
          ownCity={page.data?.abilities.cityId ?? null}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void page.reload();
          }}
        />
      )}
    </>
  );
}

function Entries({ c }: { c: OrgCount }) {
  if (!c.entries.length) return <Typography.Text type="secondary">名录中没有计入的荣誉</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {c.entries.map((e) => (
        <li key={e.id}>
          {e.year}年{e.kindName}：{e.awardee}
        </li>
      ))}
    </ul>
  );
}

function CountsTab() {
  const [upToYear, setUpToYear] = useState(THIS_YEAR - 1);
  const counts = useLoad(honourCounts, upToYear);
  const rows = useMemo(() => counts.data?.indicators ?? [], [counts.data]);
  const cityNames = rows[0]?.cities.map((c) => c.org.name) ?? [];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <span>截至</span>
        <Select value={upToYear} style={{ width: 110 }} options={YEARS.map((y) => ({ value: y, label: `${y}年` }))} onChange={setUpToYear} aria-label="截至年度" />
        <Typography.Text type="secondary">
          {ROLL_COUNT_TEXT}。点击行展开查看计入的每条荣誉。
        </Typography.Text>
      </Space>
      {counts.error && <Alert type="error" showIcon message={counts.error} />}
      <Table
        rowKey="code"
        size="small"
        loading={counts.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1400 }}
        data-testid="honour-counts"
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type={r.stock ? undefined : 'secondary'}>
                {r.stock ? `全省：${r.stock.text}，计${r.province.count}` : '该年不在规划期内（早于基期年或晚于目标年），以下为名录中截至该年的条目数（不含基期存量）'}
              </Typography.Text>
              {[r.province, ...r.cities].filter((c) => c.entries.length > 0).map((c) => (
                <div key={c.org.id}>
                  <Typography.Text strong>
                    {c.org.name}（{c === r.province && r.stock ? `名录${r.stock.baselineYear + 1}年起${c.entries.length}项` : c.count}）
                  </Typography.Text>
                  <Entries c={c} />
                </div>
              ))}
            </Space>
          ),
        }}
        columns={[
          { title: '指标', key: 'name', fixed: 'left', width: 160, render: (_: unknown, r) => `${r.code}. ${r.name}` },
          {
            title: '全省',
            key: 'province',
            width: 70,
            render: (_: unknown, r) => (
              <Tooltip title={r.stock?.text ?? '名录条目数（不含基期存量）'}>
                <span data-testid={`count-${r.code}-province`}>{r.province.count}</span>
              </Tooltip>
            ),
          },
          ...cityNames.map((name, i) => ({
            title: name.replace(/(市|土家族苗族自治州)$/, ''),
            key: name,
            width: 64,
            render: (_: unknown, r: (typeof rows)[number]) => <span data-testid={`count-${r.code}-${r.cities[i]!.org.id}`}>{r.cities[i]!.count}</span>,
          })),
        ]}
      />
    </>
  );
}

export default function HonoursPage() {
  const meta = useLoad(honourMeta, undefined);
  const [tab, setTab] = useState('roll');
  const onTab = useCallback((k: string) => setTab(k), []);
  if (meta.error) return <Alert type="error" showIcon message={meta.error} />;
  if (!meta.data) return <PageLoading />;
  return (
    <>
      <PageHeader />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={onTab}
          items={[
            { key: 'roll', label: '荣誉名录', children: <RollTab meta={meta.data} /> },
            // read afresh each time the tab opens, so an entry just added or imported is counted
            { key: 'counts', label: '规划指标计数', children: tab === 'counts' ? <CountsTab /> : null },
          ]}
        />
      </Card>
    </>
  );
}
