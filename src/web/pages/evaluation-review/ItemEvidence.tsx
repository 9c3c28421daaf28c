/**
 * Evidence from the platform's registers beside an item of sheet A.1 (4.8: the applicant's 质量分析报告 issued in the
 * evaluation period, with what they support). Shown to the scorer; the score is still the scorer's.
 */
import { Alert, Table, Typography } from 'antd';
import type { ItemEvidenceView } from '../../../shared/contracts/evaluation';

export default function ItemEvidence({ evidence }: { evidence: ItemEvidenceView }) {
  return (
    <Alert
      type="info"
      style={{ margin: '8px 0' }}
      data-testid={`item-evidence-${evidence.itemCode}`}
      message={<Typography.Text strong>平台登记佐证：{evidence.title}</Typography.Text>}
      description={
        <>
          <div data-testid={`item-evidence-hint-${evidence.itemCode}`}>{evidence.hint}</div>
          {evidence.rows.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.label}-${r.docNo ?? ''}`}
              pagination={false}
              style={{ marginTop: 8 }}
              dataSource={evidence.rows}
              columns={[
                { title: '报告', dataIndex: 'label' },
                { title: '文号', dataIndex: 'docNo', render: (v: string | null) => v ?? '—' },
                { title: '印发日期', dataIndex: 'date', render: (v: string | null) => v ?? '—' },
              ]}
            />
          )}
        </>
      }
    />
  );
}
