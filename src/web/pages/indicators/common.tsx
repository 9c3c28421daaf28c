/** What the plan-indicator pages share: the status light, the plan picker (kept in ?plan=), the sub-navigation. */
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Segmented, Select, Space, Tag, Tooltip } from 'antd';
import type { PlanView, StatusValue } from '../../../shared/contracts/indicators';
import { errorMessage } from '../../api/client';
import { listPlans } from '../../api/indicators';

export const STATUS_COLORS: Record<StatusValue, string> = { ahead: 'blue', on_track: 'green', lagging: 'red', unknown: 'default' };
export const STATUS_TEXT: Record<StatusValue, string> = { ahead: '提前实现', on_track: '符合预期', lagging: '滞后', unknown: '无法判断' };

export function StatusLight({ status, reason }: { status: StatusValue | null | undefined; reason?: string | null }) {
  if (!status) return <Tag>无数据</Tag>;
  const tag = (
    <Tag color={STATUS_COLORS[status]} data-testid="indicator-status">
      {STATUS_TEXT[status]}
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

/** The plans the caller sees and the chosen one (?plan=, default the first: the province's). */
export function usePlans(): { plans: PlanView[] | null; plan: PlanView | null; error: string | null; choose: (id: number) => void } {
  const [params, setParams] = useSearchParams();
  const [plans, setPlans] = useState<PlanView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listPlans().then(setPlans, (err) => setError(errorMessage(err)));
  }, []);
  const wanted = Number(params.get('plan'));
  const plan = plans ? (plans.find((p) => p.id === wanted) ?? plans[0] ?? null) : null;
  const choose = (id: number) => {
    const next = new URLSearchParams(params);
    next.set('plan', String(id));
    next.delete('year');
    setParams(next);
  };
  return { plans, plan, error, choose };
}

/**
 * The chosen plan and year (?plan=, ?year=; the year defaults to the plan's latest with accepted values) and what
 * `fetch` loads for them, reloaded when either changes.
 */
export function usePlanYear<T>(fetch: (planId: number, year: number) => Promise<T>) {
  const { plans, plan, error: planError, choose } = usePlans();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const year = Number(params.get('year')) || plan?.defaultYear || null;
  useEffect(() => {
    if (!plan || !year) return;
    setData(null);
    fetch(plan.id, year).then(setData, (err) => setError(errorMessage(err)));
  }, [plan, year, fetch]);
  const setYear = (y: number) => {
    const next = new URLSearchParams(params);
    next.set('year', String(y));
    setParams(next);
  };
  return { plans, plan, choose, year, setYear, data, error: planError ?? error };
}

export function PlanSelect({ plans, plan, choose }: { plans: PlanView[]; plan: PlanView; choose: (id: number) => void }) {
  if (plans.length < 2) return null;
  return <Select aria-label="规划" style={{ minWidth: 260 }} value={plan.id} onChange={choose} options={plans.map((p) => ({ value: p.id, label: p.title }))} />;
}

export function YearSelect({ plan, year, onChange }: { plan: PlanView; year: number; onChange: (y: number) => void }) {
  const years: number[] = [];
  for (let y = plan.baselineYear + 1; y <= plan.targetYear; y++) years.push(y);
  return (
    <Select
      aria-label="年份"
      style={{ width: 130 }}
      value={year}
      onChange={onChange}
      options={years.map((y) => ({ value: y, label: `${y}年${plan.years.includes(y) ? '' : '（无确认数据）'}` }))}
    />
  );
}

const VIEWS = [
  { value: '/indicators', label: '规划指标' },
  { value: '/indicators/matrix', label: '市州矩阵' },
  { value: '/indicators/completeness', label: '填报情况' },
];

/** the views of a plan, keeping ?plan=: no 市州矩阵 for a plan of one city's own figures */
export function ViewSwitch({ current, plan }: { current: string; plan: { id: number; cities: boolean } }) {
  const navigate = useNavigate();
  const views = VIEWS.filter((v) => plan.cities || v.value !== '/indicators/matrix' || current === v.value);
  return (
    <Space>
      <Segmented value={current} options={views} onChange={(v) => navigate(`${v}?plan=${plan.id}`)} />
    </Space>
  );
}

export const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : String(Math.round(x * 10000) / 10000));
