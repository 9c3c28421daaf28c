/**
 * 「转为整改事项」 on a plan indicator's page: the plan's office raises a lagging (or year-target-missing) figure of
 * a unit and year as an item for that unit — the region's own figure for a member department responsible for the
 * indicator; below, the items raised from this indicator.
 */
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useAccess } from '../../access';
import { errorMessage } from '../../api/client';
import { listRectifications, raiseFromIndicator, type RectificationSummary } from '../../api/rectification';
import { SourceItemsTable } from './common';

/**
 * `raiseFor`: the 责任单位 the server takes (the indicator's `abilities.raiseFor`: each city for its own figure, each
 * responsible member department for the region's figure — never the province itself); of those, the ones whose
 * figure has confirmed values are offered, with the years of that figure
 */
export default function RaiseFromIndicator({ indicatorId, manages, units, raiseFor }: { indicatorId: number; manages: boolean; units: { org: { id: number; name: string }; values: { year: number }[] }[]; raiseFor: { orgId: number; name: string; figureOrgId: number }[] }) {
  const { message } = App.useApp();
  const canRead = useAccess().can('workplan.read');
  const [items, setItems] = useState<RectificationSummary[]>([]);
  const [orgId, setOrgId] = useState<number | undefined>(undefined);
  const [year, setYear] = useState<number | undefined>(undefined);
  const [due, setDue] = useState<Dayjs | null>(null);
  const [detail, setDetail] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    if (!canRead) return;
    listRectifications({ source: 'indicator', sourceId: indicatorId }).then((r) => setItems(r.items), () => setItems([]));
  }, [indicatorId, canRead]);
  useEffect(load, [load]);
  if (!manages && !items.length) return null;
  const valuesOf = (figureOrgId: number) => units.find((u) => u.org.id === figureOrgId)?.values ?? [];
  const choices = raiseFor.filter((r) => valuesOf(r.figureOrgId).length);
  const chosen = choices.find((r) => r.orgId === orgId);
  const years = chosen ? valuesOf(chosen.figureOrgId).map((v) => v.year) : [];
  const submit = async () => {
    if (!orgId || !year || !due) return;
    setBusy(true);
    try {
      await raiseFromIndicator({ indicatorId, orgId, year, dueOn: due.format('YYYY-MM-DD'), detail });
      message.success('已转为整改事项');
      setDetail('');
      load();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="整改事项" style={{ marginBottom: 16 }}>
      {manages && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select placeholder="责任单位" aria-label="责任单位" style={{ width: 260 }} value={orgId} onChange={(v) => { setOrgId(v); setYear(undefined); }} options={choices.map((r) => ({ value: r.orgId, label: r.name }))} />
          <Select placeholder="年度" aria-label="年度" style={{ width: 100 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y}年` }))} />
          <DatePicker placeholder="整改期限" aria-label="整改期限" value={due} onChange={setDue} />
          <Input placeholder="整改要求（至少5个字）" aria-label="整改要求" style={{ width: 280 }} value={detail} onChange={(e) => setDetail(e.target.value)} />
          <Button type="primary" disabled={!orgId || !year || !due} loading={busy} onClick={submit}>
            转为整改事项
          </Button>
        </Space>
      )}
      <SourceItemsTable items={items} empty="尚未就该指标提出整改事项" />
    </Card>
  );
}
