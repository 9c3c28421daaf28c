/**
 * 质量分析报告: the reports the caller sees and the register of who issued theirs per half-year (the province's
 * office sees every city's office; a city's office its own). An office starts its report for a half-year here.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useUser } from '../../access';
import { errorMessage } from '../../api/client';
import { createReport, getRegister, listReports, type RegisterView, type ReportList } from '../../api/analysis';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';

export default function AnalysisPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [list, setList] = useState<ReportList | null>(null);
  const [register, setRegister] = useState<RegisterView | null>(null);
  const user = useUser();
  // a to-do names the half-year to start (?period=2026-H1)
  const [params] = useSearchParams();
  const [period, setPeriod] = useState<string | undefined>(params.get('period') ?? undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    try {
      const [l, r] = await Promise.all([listReports(), getRegister()]);
      setList(l);
      setRegister(r);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <Alert type="error" message={error} showIcon />;
  if (!list || !register) return <PageLoading />;
  // one report per office and half-year: those the caller's office has are offered as taken, not as a 409 later
  const own = new Map(list.items.filter((r) => r.office.id === user.orgUnit.id).map((r) => [r.period, r]));
  const chosen = period && !own.has(period) && list.periods.some((p) => p.code === period) ? period : undefined;

  const create = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      const r = await createReport(chosen);
      message.success('已新建草稿，各章节数据由平台生成');
      navigate(`/analysis/${r.id}`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader />
      <Typography.Paragraph type="secondary">
        按 DB43《质量强市（区、县）创建和评价规范》4.8，各级质强办每年至少发布2次质量分析报告（每半年度一份，半年度结束后30天内印发）。报告各章节数据取自平台（规划指标、年度考核、创建评价、荣誉名录、工作要点），质强办补充文字后印发。
      </Typography.Paragraph>
      {list.abilities.create && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space wrap>
            <span>新建本单位报告：</span>
            <Select
              style={{ width: 260 }}
              placeholder="选择半年度"
              value={chosen}
              onChange={setPeriod}
              options={list.periods.map((p) => {
                const taken = own.get(p.code);
                return { value: p.code, label: taken ? `${p.label}（已有${taken.statusLabel}）` : p.label, disabled: !!taken };
              })}
              data-testid="analysis-period"
            />
            <Button type="primary" onClick={() => void create()} disabled={!chosen} loading={busy} data-testid="analysis-create">
              新建报告
            </Button>
          </Space>
        </Card>
      )}
      <Card size="small" title="报告" style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list.items}
          locale={{ emptyText: '暂无报告' }}
          columns={[
            { title: '单位', render: (_, r) => r.region.name },
            { title: '半年度', dataIndex: 'periodLabel' },
            { title: '状态', render: (_, r) => <Tag color={r.status === 'issued' ? 'green' : 'default'}>{r.statusLabel}</Tag> },
            { title: '文号', render: (_, r) => r.docNo ?? '—' },
            { title: '印发日期', render: (_, r) => r.issuedOn ?? '—' },
            { title: '', render: (_, r) => <Link to={`/analysis/${r.id}`} data-testid={`analysis-open-${r.id}`}>{r.editable ? '编辑' : '查看'}</Link> },
          ]}
        />
      </Card>
      <Card size="small" title={`发布登记（已印发${register.issued}份）`}>
        <Table
          rowKey={(r) => r.office.id}
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={register.rows}
          data-testid="analysis-register"
          columns={[
            { title: '单位', render: (_, r) => r.region.name, fixed: 'left', width: 120 },
            ...register.periods.map((p, i) => ({
              title: `${p.label}（${p.dueOn}前）`,
              key: p.code,
              render: (_: unknown, r: RegisterView['rows'][number]) => {
                const c = r.cells[i]!;
                const color = c.status === 'issued' ? (c.late ? 'orange' : 'green') : c.late ? 'red' : 'default';
                const text = c.status === 'issued' ? `已印发${c.docNo ?? ''}` : c.status === 'draft' ? '草稿' : '未编写';
                return c.reportId ? (
                  <Link to={`/analysis/${c.reportId}`}>
                    <Tag color={color}>{text}</Tag>
                  </Link>
                ) : (
                  <Tag color={color}>{text}</Tag>
                );
              },
            })),
          ]}
        />
      </Card>
    </>
  );
}
