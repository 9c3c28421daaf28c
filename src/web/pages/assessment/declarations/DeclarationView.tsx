/** A declaration read-only (the office's review drawer): Annex 1 rows with over-points flags, Annex 2. */
import { Alert, Table, Tag, Typography } from 'antd';
import { isOverLastYear, pointsText, type DeclarationDetail, type IndicatorRow } from '../../../../shared/contracts/declarations';

export default function DeclarationView({ d }: { d: DeclarationDetail }) {
  return (
    <>
      {d.returnReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`${d.status === 'returned' ? '' : '上次'}退回原因：${d.returnReason}`} />}
      <Typography.Title level={5}>附件1指标申报表</Typography.Title>
      <Table<IndicatorRow & { key: number }>
        size="small"
        pagination={false}
        dataSource={d.content.indicators.map((r, key) => ({ ...r, key }))}
        onRow={(r) => (isOverLastYear(r) ? { style: { background: '#fff7e6' } } : {})}
        columns={[
          { title: '考核领域', dataIndex: 'domain', width: 90 },
          { title: '考核内容', dataIndex: 'item', width: 140 },
          { title: '考核要点', dataIndex: 'keyPoint' },
          {
            title: '要点考核内容',
            render: (_, r) => (
              <ol style={{ margin: 0, paddingLeft: 18 }}>
                {r.criteria.map((c, i) => (
                  <li key={i}>
                    {c.text}（{pointsText(c.points)}分）
                  </li>
                ))}
              </ol>
            ),
          },
          {
            title: '分值',
            width: 130,
            render: (_, r) => (
              <>
                {pointsText(r.points)}分
                {r.lastYearPoints !== null && <div style={{ color: '#888' }}>上年{pointsText(r.lastYearPoints)}分</div>}
                {isOverLastYear(r) && <Tag color="orange">超过上年</Tag>}
              </>
            ),
          },
          { title: '指标依据', dataIndex: 'basis', width: 180 },
          { title: '超过上年分值的理由', dataIndex: 'overReason', width: 180, render: (v?: string) => v ?? '—' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        附件2加分项申报表
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        dataSource={d.content.bonuses.map((r, key) => ({ ...r, key }))}
        locale={{ emptyText: '未申报加分项' }}
        columns={[
          { title: '加分项目', dataIndex: 'project', width: 140 },
          { title: '加分标准', dataIndex: 'standard' },
          { title: '指标依据', dataIndex: 'basis', width: 220 },
        ]}
      />
    </>
  );
}
