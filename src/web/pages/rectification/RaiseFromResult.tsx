/**
 * 「转为整改事项」 on a published assessment's results: the office (or an evaluating department, for the criteria it
 * scored) picks a unit, selects lost criteria (a veto too) and a deadline; below, the items already raised from this
 * cycle, each linked to its page.
 */
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { lostCriteria } from '../../../shared/contracts/rectification';
import { keyPointLabel, type CriterionLine, type ResultsView } from '../../../shared/contracts/results';
import { useAccess } from '../../access';
import { errorMessage } from '../../api/client';
import { listRectifications, raiseFromAssessment, type RectificationSummary } from '../../api/rectification';
import { getResults } from '../../api/results';
import { SourceItemsTable } from './common';

/** a lost criterion as the table names it and its checkbox is read: its one name (7.a 产品质量安全保障), never a bare code */
const named = (c: CriterionLine) => keyPointLabel(c.code, c.itemTitle);

export default function RaiseFromResult({ cycleId, published, view }: { cycleId: number; published: boolean; view: ResultsView }) {
  const { message } = App.useApp();
  const access = useAccess();
  const [items, setItems] = useState<RectificationSummary[]>([]);
  const [unitId, setUnitId] = useState<number | undefined>(undefined);
  const [codes, setCodes] = useState<string[]>([]);
  const [due, setDue] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const canRead = access.can('workplan.read');
  const load = useCallback(() => {
    if (!canRead) return;
    listRectifications({ source: 'assessment', sourceId: cycleId }).then((r) => setItems(r.items), () => setItems([]));
  }, [cycleId, canRead]);
  useEffect(load, [load]);
  const mayRaise = published && access.can('rectification.raise');
  // the results tab may hold totals only: the lost criteria come from the full results, read once a unit is picked
  const [full, setFull] = useState<ResultsView | null>(null);
  useEffect(() => {
    if (mayRaise && unitId !== undefined && !full) getResults(cycleId, 'full').then(setFull, () => setFull(null));
  }, [mayRaise, unitId, full, cycleId]);
  if (!mayRaise && !items.length) return null;
  const unit = (full ?? view).units.find((u) => u.unitId === unitId);
  const raised = new Set(items.filter((x) => x.owner.id === unitId).map((x) => x.source.ref.split(':')[1]));
  const rows = unit ? lostCriteria(unit) : [];
  const submit = async () => {
    if (!unit || !due) return;
    setBusy(true);
    try {
      await raiseFromAssessment({ cycleId, unitId: unit.unitId, criterionCodes: codes, dueOn: due.format('YYYY-MM-DD') });
      message.success(`已转为整改事项${codes.length}项`);
      setCodes([]);
      load();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="整改事项" data-testid="raise-from-result">
      {mayRaise && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Space wrap>
            <Select
              placeholder="选择被考核单位"
              aria-label="被考核单位"
              showSearch
              optionFilterProp="label"
              style={{ width: 220 }}
              value={unitId}
              onChange={(v) => {
                setUnitId(v);
                setCodes([]);
              }}
              options={view.units.map((u) => ({ value: u.unitId, label: u.unitName }))}
            />
            <DatePicker placeholder="整改期限" aria-label="整改期限" value={due} onChange={setDue} />
            <Button type="primary" disabled={!codes.length || !due} loading={busy} onClick={submit}>
              转为整改事项
            </Button>
          </Space>
          {unit && (
            <Table<CriterionLine>
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={rows}
              locale={{ emptyText: '该单位没有失分' }}
              rowSelection={{ selectedRowKeys: codes, onChange: (keys) => setCodes(keys as string[]), getCheckboxProps: (c) => ({ disabled: raised.has(c.code), 'aria-label': `选择${named(c)}` }) }}
              columns={[
                // as the documents write a lost criterion: its name, then its wording (7.a 产品质量安全保障：…)
                { title: '考核要点', key: 'keyPoint', ellipsis: true, render: (_, c) => `${named(c)}：${c.title}` },
                { title: '失分', key: 'lost', width: 90, render: (_, c) => (c.role === 'veto' ? <Tag color="red">否决</Tag> : c.lost) },
                { title: '评价部门', key: 'dept', width: 140, render: (_, c) => c.department?.name ?? '—' },
                { title: '', key: 'raised', width: 90, render: (_, c) => (raised.has(c.code) ? <Tag>已提出</Tag> : null) },
              ]}
            />
          )}
        </Space>
      )}
      <SourceItemsTable items={items} empty="本次考核尚未提出整改事项" showOwner />
      {!mayRaise && <Typography.Text type="secondary">由质强办或评价部门就失分项目提出，责任单位按月报送整改进展。</Typography.Text>}
    </Card>
  );
}
