import { useState } from 'react';
import { App, Button, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { EvaluatorOption } from '../../../../shared/contracts/schemes';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { SECTION_ROLE_LABELS, describeRule } from '../../frameworks/frameworkLabels';
import { addCriterion, addItem, removeCriterion, removeItem, roleOf, setCriterion, setItem, setSection } from './frameworkEdit';

interface Row {
  key: string;
  level: 'section' | 'item' | 'criterion';
  s: number;
  i?: number;
  c?: number;
  children?: Row[];
}

function rowsOf(fw: Framework, only?: number): Row[] {
  return fw.sections.flatMap((sec, s) => (only !== undefined && s !== only ? [] : [{
    key: `s${s}`,
    level: 'section',
    s,
    children: sec.items.map((it, i) => ({
      key: `s${s}i${i}`,
      level: 'item',
      s,
      i,
      children: it.criteria.map((_, c) => ({ key: `s${s}i${i}c${c}`, level: 'criterion' as const, s, i, c })),
    })),
  } as Row]));
}

/**
 * The scheme as a tree table: domain → item (考核内容) → key point (考核要点), with editable points (step 0.5),
 * evaluating departments, and adding/removing key points and items. Read-only when `editable` is false.
 */
export default function SchemeTree({
  framework: fw,
  editable,
  options,
  names,
  onChange,
  section,
}: {
  framework: Framework;
  editable: boolean;
  /** the departments and offices to choose 评价部门 from */
  options: EvaluatorOption[];
  /** every code the scheme may name → the name it reads as (SchemeDetail.evaluatorLabels, from the server) */
  names: Record<string, string>;
  onChange: (fw: Framework) => void;
  /** only this domain (its index), for the editor's one-card-per-domain layout */
  section?: number;
}) {
  const { message } = App.useApp();
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const rows = rowsOf(fw, section);
  const parents = rows.flatMap((r) => [r.key, ...(r.children ?? []).map((c) => c.key)]);
  const apply = (r: Framework | string | null) => {
    if (r === null) message.error('每项考核内容最多26个考核要点');
    else if (typeof r === 'string') message.error(r);
    else onChange(r);
  };

  const columns: TableColumnsType<Row> = [
    {
      title: '编号',
      width: 130,
      render: (_, r) => {
        const sec = fw.sections[r.s];
        // a base domain's number; the bonus, deduction and veto groups carry internal codes (BONUS …), named in the next column
        if (r.level === 'section') return roleOf(sec) === 'base' ? sec.code : '—';
        const it = sec.items[r.i!];
        return r.level === 'item' ? it.code : `${it.code}.${it.criteria[r.c!].code}`;
      },
    },
    {
      title: '考核领域 / 考核内容 / 考核要点',
      render: (_, r) => {
        const sec = fw.sections[r.s];
        if (r.level === 'section') {
          const role = roleOf(sec);
          return (
            <Space>
              {editable ? (
                <Input aria-label={`领域${sec.code}名称`} value={sec.title} style={{ width: 200, fontWeight: 600 }} onChange={(e) => onChange(setSection(fw, r.s, { title: e.target.value }))} />
              ) : (
                <Typography.Text strong>{sec.title}</Typography.Text>
              )}
              {role !== 'base' && <Tag color="orange">{SECTION_ROLE_LABELS[role]}</Tag>}
            </Space>
          );
        }
        const it = sec.items[r.i!];
        if (r.level === 'item')
          return editable ? (
            <Input aria-label={`考核内容${it.code}名称`} value={it.title} onChange={(e) => onChange(setItem(fw, { s: r.s, i: r.i! }, { title: e.target.value }))} />
          ) : (
            it.title
          );
        const c = it.criteria[r.c!];
        return (
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            {editable ? (
              <Input.TextArea
                aria-label={`考核要点${it.code}.${c.code}`}
                autoSize={{ minRows: 1, maxRows: 4 }}
                value={c.title}
                onChange={(e) => onChange(setCriterion(fw, { s: r.s, i: r.i!, c: r.c! }, { title: e.target.value }))}
              />
            ) : (
              <Typography.Text>{c.title}</Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {describeRule(c.rule)}
              {c.details?.length ? `；要点考核内容${c.details.length}条` : ''}
              {c.basis ? `；依据：${c.basis}` : ''}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: '分值',
      width: 130,
      render: (_, r) => {
        const sec = fw.sections[r.s];
        const role = roleOf(sec);
        // base items and domains are sums; bonus/deduction caps are set; veto is always 0
        const fixed = role === 'veto' || (role === 'base' && r.level !== 'criterion');
        const value = r.level === 'section' ? sec.points : r.level === 'item' ? sec.items[r.i!].points : sec.items[r.i!].criteria[r.c!].points;
        if (!editable || fixed) return <span style={r.level === 'section' ? { fontWeight: 600 } : undefined}>{value}{role !== 'base' && r.level !== 'criterion' && role !== 'veto' ? '（上限）' : ''}</span>;
        return (
          <InputNumber
            aria-label="分值"
            min={0}
            max={100}
            step={0.5}
            value={value}
            onChange={(v) => {
              const n = v ?? 0;
              if (r.level === 'section') onChange(setSection(fw, r.s, { points: n }));
              else if (r.level === 'item') onChange(setItem(fw, { s: r.s, i: r.i! }, { points: n }));
              else onChange(setCriterion(fw, { s: r.s, i: r.i!, c: r.c! }, { points: n }));
            }}
          />
        );
      },
    },
    {
      title: '评价部门',
      width: 280,
      render: (_, r) => {
        if (r.level !== 'criterion') return null;
        const it = fw.sections[r.s].items[r.i!];
        const c = it.criteria[r.c!];
        const evs = c.evaluators ?? it.evaluators ?? [];
        if (!editable) return evs.map((e) => names[e] ?? e).join('，') || <Typography.Text type="danger">未设置</Typography.Text>;
        return (
          <Select
            aria-label={`考核要点${it.code}.${c.code}的评价部门`}
            mode="multiple"
            style={{ width: '100%' }}
            placeholder="选择评价部门"
            status={evs.length ? undefined : 'error'}
            value={evs}
            optionFilterProp="label"
            options={[
              // a code the scheme may name that is not an option of its own ('office' in a city's copy) stays selectable while chosen
              ...evs.filter((e) => names[e] && !options.some((o) => o.code === e)).map((e) => ({ value: e, label: names[e] })),
              ...options.map((o) => ({ value: o.code, label: o.name })),
            ]}
            onChange={(v: string[]) => onChange(setCriterion(fw, { s: r.s, i: r.i!, c: r.c! }, { evaluators: v }))}
          />
        );
      },
    },
    ...(editable
      ? [
          {
            title: '操作',
            width: 150,
            render: (_: unknown, r: Row) => {
              if (r.level === 'section') return <Button size="small" onClick={() => onChange(addItem(fw, r.s))}>添加考核内容</Button>;
              if (r.level === 'item')
                return (
                  <Space size={4}>
                    <Button size="small" onClick={() => apply(addCriterion(fw, { s: r.s, i: r.i! }))}>添加要点</Button>
                    <Popconfirm title="删除这项考核内容及其全部要点？" onConfirm={() => apply(removeItem(fw, { s: r.s, i: r.i! }))}>
                      <Button size="small" danger>删除</Button>
                    </Popconfirm>
                  </Space>
                );
              return (
                <Popconfirm title="删除这个考核要点？" onConfirm={() => apply(removeCriterion(fw, { s: r.s, i: r.i!, c: r.c! }))}>
                  <Button size="small" danger>删除</Button>
                </Popconfirm>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <Table<Row>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      expandable={{
        expandedRowKeys: parents.filter((k) => !collapsed.has(k)),
        onExpand: (open, r) =>
          setCollapsed((prev) => {
            const next = new Set(prev);
            if (open) next.delete(r.key);
            else next.add(r.key);
            return next;
          }),
      }}
    />
  );
}
