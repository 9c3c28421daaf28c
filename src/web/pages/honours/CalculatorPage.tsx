/**
 * 奖励测算: an enterprise's achievements in a year against one current policy — which rules apply, the amount of each
 * with the ceiling applied, 从其规定 shown as such, line by line (src/shared/incentives/calculator.ts, the same pure
 * code the tests check).
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, InputNumber, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { calculateRewards, formatTotal, formatYuan, type AchievementInput, type CalculationLine } from '../../../shared/incentives/calculator';
import { ACHIEVEMENTS, ACHIEVEMENT_CODES, isStandardAchievement as isStandard, ROLES, type Achievement, type AchievementRole } from '../../../shared/incentives/schema';
import { listPolicies } from '../../api/honours';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { useLoad } from '../../lib/useLoad';
import { chinaToday } from '../../lib/format';
import { calculationCaveat } from './policyForm';

interface Row {
  key: number;
  achievement: Achievement;
  role: AchievementRole | null;
  count: number;
  /** 万元, per item */
  requestedWan: number | null;
}

export default function CalculatorPage() {
  const list = useLoad(listPolicies, undefined);
  const current = useMemo(() => (list.data?.items ?? []).filter((p) => p.status === 'current'), [list.data]);
  const [policyId, setPolicyId] = useState<number | null>(null);
  const [rows, setRows] = useState<Row[]>([{ key: 1, achievement: 'standard-national-new', role: 'lead', count: 1, requestedWan: null }]);
  // until one is chosen: the reader's own region's (its city's, the province's: forReader), else the first
  const policy = current.find((p) => p.id === policyId) ?? current.find((p) => p.id === list.data?.forReader) ?? current[0];
  const inputs: AchievementInput[] = rows.map((r) => ({
    achievement: r.achievement,
    role: isStandard(r.achievement) ? r.role : null,
    count: r.count,
    requestedYuan: r.requestedWan === null ? null : Math.round(r.requestedWan * 10_000),
  }));
  const result = policy ? calculateRewards(policy.rules, inputs) : null;
  const today = chinaToday().format('YYYY-MM-DD');
  const caveat = policy ? calculationCaveat(policy, today) : null;
  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  if (list.error && !list.data) return <Alert type="error" showIcon message={list.error} />;
  if (!list.data) return <PageLoading />;
  return (
    <>
      <PageHeader />
      {!policy ? (
        <Card>
          <Empty description="没有现行有效的激励政策，无法测算" />
        </Card>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Card title="测算依据">
            <Select
              style={{ width: 520 }}
              value={policy.id}
              onChange={setPolicyId}
              aria-label="激励政策"
              // each named with the region it applies in: a 岳阳市 policy is not a 长沙市 enterprise's
              options={current.map((p) => ({ value: p.id, label: `${p.region.name}：${p.title}（${p.docNo}）${calculationCaveat(p, today) ? '（不在施行期内）' : ''}` }))}
            />
            {caveat && <Alert style={{ marginTop: 12 }} type="warning" showIcon message={caveat} data-testid="calculation-caveat" />}
          </Card>
          <Card
            title="企业本年度取得的成果"
            extra={
              <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, { key: Math.max(0, ...rs.map((r) => r.key)) + 1, achievement: 'mayor-award', role: null, count: 1, requestedWan: null }])}>
                添加一行
              </Button>
            }
          >
            <Table<Row>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={rows}
              columns={[
                {
                  title: '成果',
                  key: 'a',
                  render: (_, r) => (
                    <Select
                      style={{ width: 220 }}
                      value={r.achievement}
                      aria-label="成果类别"
                      options={ACHIEVEMENT_CODES.map((c) => ({ value: c, label: ACHIEVEMENTS[c] }))}
                      onChange={(v: Achievement) => update(r.key, { achievement: v, role: isStandard(v) ? (r.role ?? 'lead') : null })}
                    />
                  ),
                },
                {
                  title: '角色',
                  key: 'role',
                  width: 120,
                  render: (_, r) =>
                    isStandard(r.achievement) ? (
                      <Select style={{ width: 100 }} value={r.role ?? 'lead'} aria-label="角色" options={Object.entries(ROLES).map(([value, label]) => ({ value, label }))} onChange={(v: AchievementRole) => update(r.key, { role: v })} />
                    ) : (
                      '—'
                    ),
                },
                { title: '数量', key: 'count', width: 110, render: (_, r) => <InputNumber min={0} max={1000} precision={0} value={r.count} aria-label="数量" onChange={(v) => update(r.key, { count: v ?? 0 })} /> },
                {
                  title: '每项申请金额（可空）',
                  key: 'req',
                  width: 190,
                  render: (_, r) => <InputNumber min={0} max={10000} precision={2} value={r.requestedWan} addonAfter="万元" aria-label="申请金额" onChange={(v) => update(r.key, { requestedWan: v ?? null })} />,
                },
                { title: '', key: 'del', width: 50, render: (_, r) => <Button type="text" icon={<DeleteOutlined />} aria-label="删除此行" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} /> },
              ]}
            />
          </Card>
          {result && (
            <Card title="测算结果">
              <Space size="large" style={{ marginBottom: 12 }}>
                <Statistic title="给予组织（合计）" value={formatTotal(result, 'organisation')} valueStyle={{ fontSize: 20 }} data-testid="total-organisation" />
                <Statistic title="给予个人（合计）" value={formatTotal(result, 'person')} valueStyle={{ fontSize: 20 }} />
                {result.byOtherRules > 0 && <Tag color="purple">{result.byOtherRules}项从其规定，不计入合计</Tag>}
                {(result.upTo.organisation || result.upTo.person) && <Typography.Text type="secondary">未填申请金额的按上限计，合计为最多可给予的金额</Typography.Text>}
              </Space>
              <Table<CalculationLine>
                rowKey={(l) => `${l.input}-${l.ruleId ?? 'none'}`}
                size="small"
                pagination={false}
                dataSource={result.lines}
                data-testid="calculation-lines"
                columns={[
                  { title: '金额', key: 'y', width: 180, render: (_, l) => (l.outcome === 'amount' ? <Space size={4}>{l.upTo ? '最高 ' : ''}{formatYuan(l.yuan!)}{l.capped && <Tag color="orange">已按上限</Tag>}</Space> : l.outcome === 'by-other-rules' ? <Tag color="purple">从其规定</Tag> : l.outcome === 'repeat' ? <Typography.Text type="secondary">已计入，不重复</Typography.Text> : <Typography.Text type="secondary">不适用</Typography.Text>) },
                  { title: '说明', dataIndex: 'explanation' },
                  { title: '政策原文', dataIndex: 'ruleText', render: (v: string | null) => v ?? '—' },
                ]}
              />
            </Card>
          )}
        </Space>
      )}
    </>
  );
}
