import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { OrgNode } from '../lib/orgTree';

interface TreeOption {
  value: number;
  title: string;
  children: TreeOption[];
}

const toOptions = (nodes: readonly OrgNode[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.id, title: n.name, children: toOptions(n.children) }));

type Props = Omit<TreeSelectProps<number>, 'treeData'> & { tree: readonly OrgNode[] };

/** Pick one org unit from the tree, searchable by name. */
export function OrgTreeSelect({ tree, ...rest }: Props) {
  const treeData = useMemo(() => toOptions(tree), [tree]);
  return (
    <TreeSelect<number>
      showSearch
      allowClear
      treeNodeFilterProp="title"
      treeDefaultExpandedKeys={tree.map((n) => n.id)}
      placeholder="请选择单位"
      popupMatchSelectWidth={false}
      listHeight={360}
      {...rest}
      treeData={treeData}
    />
  );
}
