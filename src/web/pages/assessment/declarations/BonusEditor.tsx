/** Annex 2 (加分项申报表): bonus item, standard, basis. */
import { Button, Input, Space, Table } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { BonusRow } from '../../../../shared/contracts/declarations';
import { fieldLabel } from '../../../../shared/contracts/field-labels';

export default function BonusEditor({
  rows,
  onChange,
  problems,
  disabled,
}: {
  rows: BonusRow[];
  onChange: (rows: BonusRow[]) => void;
  problems: Map<string, string[]>;
  disabled: boolean;
}) {
  const update = (i: number, patch: Partial<BonusRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const cell = (i: number, key: keyof BonusRow, placeholder: string) => {
    const err = problems.get(`bonuses.${i}.${key}`);
    return (
      <Space direction="vertical" style={{ width: '100%' }} size={2}>
        <Input.TextArea autoSize disabled={disabled} value={rows[i][key]} placeholder={placeholder} status={err ? 'error' : undefined} onChange={(e) => update(i, { [key]: e.target.value })} />
        {err && <span style={{ color: '#ff4d4f', fontSize: 12 }}>{err.join('；')}</span>}
      </Space>
    );
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table<BonusRow & { key: number }>
        size="small"
        pagination={false}
        dataSource={rows.map((r, key) => ({ ...r, key }))}
        locale={{ emptyText: '不设置加分项' }}
        columns={[
          { title: '考核领域', width: 90, render: () => '加分项' },
          { title: '加分项目', width: 180, render: (_, __, i) => cell(i, 'project', '激励表彰 / 质量荣誉') },
          { title: '加分标准', render: (_, __, i) => cell(i, 'standard', '如：受国办督查激励的市（州）加1分') },
          { title: '指标依据', width: 260, render: (_, __, i) => cell(i, 'basis', '文件名称') },
          ...(disabled
            ? []
            : [
                {
                  title: '',
                  width: 50,
                  render: (_: unknown, __: unknown, i: number) => (
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除${fieldLabel(['bonuses', i])}`} onClick={() => onChange(rows.filter((_, j) => j !== i))} />
                  ),
                },
              ]),
        ]}
      />
      {!disabled && (
        <Button type="dashed" block icon={<PlusOutlined />} onClick={() => onChange([...rows, { project: '', standard: '', basis: '' }])}>
          新增一条加分项
        </Button>
      )}
    </Space>
  );
}
